/**
 * Proof against the official Pod Security Standards conformance fixtures (kubernetes/pod-security-admission,
 * test/testdata/{baseline,restricted}/v1.28/{pass,fail}): every Pod must be allowed (no non-compliant finding)
 * or denied (at least one) by the rules of pack `pss-baseline` / `pss-restricted`, exactly as upstream.
 */
import * as fs from 'fs';
import * as path from 'path';
import { runEngine } from '../../../../lib/compliance/engine';
import { parseManifests } from '../../../../lib/compliance/loaders/kubernetes';
import { ruleInfo } from '../../../../lib/compliance/model';
import { findPack } from '../../../../lib/compliance/packs';
import { K8S_RULES } from '../../../../lib/compliance/rules/k8s';
import { BASELINE_RULES, RESTRICTED_RULES } from '../../../../lib/compliance/rules/k8s/pss';

const SUITE = process.env.SC_PSS_SUITE ?? path.resolve(__dirname, '../../../../../shared/conformance/pss-v1.28');

interface Case {
  level: 'baseline' | 'restricted';
  version: string;
  expected: 'pass' | 'fail';
  check: string;
  file: string;
}

const present = fs.existsSync(path.join(SUITE, 'index.json'));
if (!present) {
  // loud: a banner on stderr, a named skipped test in jest's summary, and a failure where the suite is required
  process.stderr.write(`\n*** PSS conformance suite is ABSENT at ${SUITE}: its 126 cases are NOT run (set SC_REQUIRE_CONFORMANCE=1 to fail instead) ***\n\n`);
  describe('PSS v1.28 conformance fixtures', () => {
    if (process.env.SC_REQUIRE_CONFORMANCE === '1') {
      test('the suite is present (SC_REQUIRE_CONFORMANCE=1)', () => {
        throw new Error(`PSS conformance suite is absent at ${SUITE}`);
      });
    } else {
      // Skip reason: the official conformance fixtures live beside the project (../shared), not in it; where they are
      // absent these cases cannot run, and this named skipped test plus the banner above say so.
      test.skip(`NOT RUN: the suite is absent at ${SUITE}`, () => undefined);
    }
  });
}
const index: { counts: Record<string, number>; cases: Case[] } = present
  ? JSON.parse(fs.readFileSync(path.join(SUITE, 'index.json'), 'utf8'))
  : { counts: {}, cases: [] };

/** Fixture check (file stem) -> the rule that implements that control. */
const RULE_OF_CHECK: Record<string, string> = {
  apparmorprofile: 'k8s-pss-apparmor',
  capabilities_baseline: 'k8s-pss-capabilities-baseline',
  hostnamespaces: 'k8s-pss-host-namespaces',
  hostpathvolumes: 'k8s-pss-host-path-volumes',
  hostports: 'k8s-pss-host-ports',
  privileged: 'k8s-pss-privileged',
  procmount: 'k8s-pss-proc-mount',
  seccompprofile_baseline: 'k8s-pss-seccomp-baseline',
  selinuxoptions: 'k8s-pss-selinux',
  sysctls: 'k8s-pss-sysctls',
  windowshostprocess: 'k8s-pss-windows-host-process',
  allowprivilegeescalation: 'k8s-pss-allow-privilege-escalation',
  capabilities_restricted: 'k8s-pss-capabilities-restricted',
  restrictedvolumes: 'k8s-pss-volume-types',
  runasnonroot: 'k8s-pss-run-as-non-root',
  runasuser: 'k8s-pss-run-as-user',
  seccompprofile_restricted: 'k8s-pss-seccomp-restricted',
};

const rulesOf = (pack: string) => {
  const p = findPack(pack);
  if (!p) throw new Error(`no pack ${pack}`);
  return K8S_RULES.filter((r) => p.includes(ruleInfo(r)));
};

// Skip reason: only where ../shared/conformance/pss-v1.28 is absent (see the banner and the named skipped test above).
(present ? describe : describe.skip)('PSS v1.28 conformance fixtures', () => {
  const rules = { baseline: rulesOf('pss-baseline'), restricted: rulesOf('pss-restricted') };

  test('the packs hold every PSS rule, and only PSS rules evaluate pods', () => {
    const ids = (rs: readonly { id: string }[]) => rs.map((r) => r.id).sort();
    const podRules = (rs: typeof rules.baseline) => rs.filter((r) => r.appliesTo.includes('Pod'));
    expect(ids(podRules(rules.baseline))).toEqual(ids(BASELINE_RULES));
    expect(ids(podRules(rules.restricted))).toEqual(ids([...BASELINE_RULES, ...RESTRICTED_RULES]));
    expect(BASELINE_RULES).toHaveLength(11);
    expect(RESTRICTED_RULES).toHaveLength(6);
  });

  test('the index lists 126 cases and its counts match the files on disk', () => {
    const counted: Record<string, number> = {};
    for (const c of index.cases) counted[`${c.level}/${c.expected}`] = (counted[`${c.level}/${c.expected}`] ?? 0) + 1;
    expect(counted).toEqual(index.counts);
    expect(index.cases).toHaveLength(126);
    for (const level of ['baseline', 'restricted']) {
      for (const expected of ['pass', 'fail']) {
        const files = fs.readdirSync(path.join(SUITE, level, 'v1.28', expected)).filter((f) => f.endsWith('.yaml'));
        expect(files).toHaveLength(index.counts[`${level}/${expected}`]);
      }
    }
  });

  test.each(index.cases.map((c) => [c.file, c] as const))('%s', (file, c) => {
    expect(c.version).toBe('v1.28');
    const text = fs.readFileSync(path.join(SUITE, file), 'utf8');
    const { resources, problems } = parseManifests(file, text);
    expect(problems).toEqual([]);
    expect(resources).toHaveLength(1);
    expect(resources[0].type).toBe('Pod');
    const report = runEngine(rules[c.level], resources);
    expect(report.findings.filter((f) => f.status === 'error')).toEqual([]);
    const failing = report.findings.filter((f) => f.status === 'non-compliant');
    const summary = failing.map((f) => `${f.ruleId}[${f.findingId ?? ''}]`);
    if (c.expected === 'pass') {expect(summary).toEqual([]);} else {
      expect(summary.length).toBeGreaterThan(0);
      // denied for the right reason: the rule of the fixture's control is among the failing ones
      expect(RULE_OF_CHECK[c.check]).toBeDefined();
      expect(failing.map((f) => f.ruleId)).toContain(RULE_OF_CHECK[c.check]);
    }
  });
});
