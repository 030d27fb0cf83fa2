import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SecureConstructsValidation } from '../../lib/compliance/cdk8s-plugin';

/** A context with the same shape and semantics as cdk8s-cli's ValidationContext / ValidationReport. */
function fakeContext(manifests: string[]) {
  const violations: any[] = [];
  let status: string | undefined;
  return {
    violations,
    get status() {
      return status;
    },
    context: {
      manifests,
      report: {
        addViolation: (v: any) => {
          if (status) throw new Error('Violations cannot be added to report after its submitted');
          violations.push(v);
        },
        submit: (s: string) => {
          status = s;
        },
      },
    },
  };
}

describe('cdk8s-cli validation plugin', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-cdk8s-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('reports violations per rule with manifest paths and fails', async () => {
    const m = path.join(dir, 'bad.k8s.yaml');
    fs.writeFileSync(m, 'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  hostNetwork: true\n  containers: [{ name: c, image: nginx }]\n');
    const f = fakeContext([m]);
    await new SecureConstructsValidation({ packs: ['pss-baseline'] }).validate(f.context);
    expect(f.status).toBe('failure');
    const names = f.violations.map((v) => v.ruleName);
    expect(names.some((n) => n.startsWith('k8s-pss-host-namespaces'))).toBe(true);
    expect(f.violations[0].violatingResources[0]).toMatchObject({ manifestPath: m, resourceName: 'Pod p' });
  });

  test('reports the bare object name when cdk8s-cli knows its construct path, keeping the kind in the location', async () => {
    const m = path.join(dir, 'meta.k8s.yaml');
    fs.writeFileSync(m, 'apiVersion: v1\nkind: Pod\nmetadata: { name: p, namespace: shop }\nspec:\n  hostNetwork: true\n  containers: [{ name: c, image: nginx }]\n');
    const f = fakeContext([m]);
    await new SecureConstructsValidation({ packs: ['pss-baseline'] }).validate({ ...f.context, metadata: { p: { path: 'chart/Pod/Resource' } } });
    const r = f.violations[0].violatingResources[0];
    expect(r.resourceName).toBe('p');
    expect(r.locations[0]).toMatch(/^Pod shop\/p /);
  });

  test('passes compliant manifests and reports input errors as a failure, not a crash', async () => {
    const ok = path.join(dir, 'ok.k8s.yaml');
    fs.writeFileSync(ok, [
      'apiVersion: v1', 'kind: Pod', 'metadata: { name: p, namespace: shop }', 'spec:',
      '  securityContext: { runAsNonRoot: true, seccompProfile: { type: RuntimeDefault } }',
      '  containers:',
      '    - name: c',
      '      image: registry.example.com/app@sha256:' + 'a'.repeat(64),
      '      securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: [ALL] } }',
      '',
    ].join('\n'));
    const f = fakeContext([ok]);
    await new SecureConstructsValidation({ packs: ['pss-restricted'] }).validate(f.context);
    expect(f.status).toBe('success');
    // a selected pack that evaluates nothing (PSS on a bundle without pods) is not a pass
    const cm = path.join(dir, 'cm.k8s.yaml');
    fs.writeFileSync(cm, 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\ndata: { a: b }\n');
    const h = fakeContext([cm]);
    await new SecureConstructsValidation({ packs: ['pss-restricted'] }).validate(h.context);
    expect(h.status).toBe('failure');
    expect(JSON.stringify(h.violations)).toContain('pss-restricted evaluated no rule');
    const bad = path.join(dir, 'broken.k8s.yaml');
    fs.writeFileSync(bad, 'kind: [\n');
    const g = fakeContext([bad]);
    await new SecureConstructsValidation().validate(g.context);
    expect(g.status).toBe('failure');
    expect(g.violations[0].ruleName).toBe('input-error');
  });

  test('refuses unknown packs and thresholds from cdk8s.yaml', () => {
    expect(() => new SecureConstructsValidation({ packs: ['nope'] })).toThrow('unknown pack "nope"');
    expect(() => new SecureConstructsValidation({ failOn: 'sometimes' })).toThrow('failOn must be');
  });
});
