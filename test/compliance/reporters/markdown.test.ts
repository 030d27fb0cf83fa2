import { BASE, fixtureReport, manyFindings } from './fixture';
import { createBaseline, withBaseline } from '../../../lib/compliance/baseline';
import { CheckReport, Finding } from '../../../lib/compliance/model';
import { MARKDOWN_MAX_LENGTH, mdCell, mdCode, toMarkdown } from '../../../lib/compliance/reporters/markdown';

/** The data rows of the table under a `### heading`. */
function tableRows(md: string, heading: string): string[][] {
  const lines = md.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`### ${heading}`));
  if (start < 0) return [];
  const rows: string[][] = [];
  let inTable = false;
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('### ')) break;
    if (line.startsWith('|')) {
      if (!inTable) {
        inTable = true; // header
        continue;
      }
      if (/^\| -/.test(line)) continue;
      rows.push(line.slice(2, -2).split(/ (?<!\\)\| /));
    } else if (inTable) {break;}
  }
  return rows;
}

function report(findings: Finding[], extra: Partial<CheckReport> = {}): CheckReport {
  return { findings, evaluations: [], unusedSuppressions: [], overrides: [], rules: [], resourceCount: findings.length, inputs: ['cdk.out'], ...extra };
}

describe('toMarkdown', () => {
  const md = toMarkdown(fixtureReport(), { baseDir: BASE });

  test('verdict: fails on unsuppressed error-severity findings and rule errors', () => {
    expect(md.split('\n')[0]).toBe('## ❌ secure-constructs: failed — 5 findings at or above `error`');
    expect(md).toContain('**9** resources from 2 inputs, **6** rules: **5** non-compliant, **2** suppressed, **1** rule error');
  });

  test('counts per severity and status', () => {
    const rows = tableRows(md, 'Findings by severity');
    expect(rows).toEqual([
      ['🔴 error', '4', '0', '1'],
      ['🟠 warning', '1', '1', '0'],
      ['🔵 info', '0', '1', '0'],
      ['**total**', '**5**', '**2**', '**1**'],
    ]);
  });

  test('counts per framework, from the controls of rules and findings', () => {
    const rows = Object.fromEntries(tableRows(md, 'Frameworks').map((r) => [r[0], r.slice(1)]));
    // NIST: SC-12, SC-13, SC-28, AC-6 are checked; SC-13/SC-28 (bucket), AC-6 (rule error) and SC-28 (topic) fail.
    expect(rows['NIST SP 800-53 Rev. 5 (`NIST-800-53-R5`)']).toEqual(['4', '3', '2', '1', '1']);
    expect(rows['HIPAA Security Rule (`HIPAA`)']).toEqual(['1', '1', '1', '0', '0']);
    // PSS-restricted includes the baseline's controls.
    expect(rows['Kubernetes Pod Security Standards: restricted (includes baseline) (`PSS-restricted`)']).toEqual(['2', '1', '2', '1', '0']);
    // A framework nothing in the run evidences is not listed.
    expect(Object.keys(rows).some((k) => k.includes('CIS-AWS'))).toBe(false);
  });

  test('unsuppressed findings, worst first, with resource, location and remediation', () => {
    const rows = tableRows(md, 'Findings to fix');
    expect(rows).toHaveLength(6);
    expect(rows.map((r) => r[0])).toEqual(['🔴 rule error', '🔴 error', '🔴 error', '🔴 error', '🔴 error', '🟠 warning']);
    const k8s = rows.find((r) => r[1] === '`k8s-run-as-non-root[container:app]`')!;
    expect(k8s).toEqual([
      '🔴 error', '`k8s-run-as-non-root[container:app]`', '`apps/Deployment/prod/web`', '`dist/app.k8s.yaml:5`',
      'Container app does not set runAsNonRoot.', 'Set securityContext.runAsNonRoot: true.',
    ]);
    // No file: no location.
    expect(rows[5][3]).toBe('—');
    // Markdown/HTML in a message cannot break the table or inject HTML; control characters are dropped.
    const nag = rows.find((r) => r[1] === '`AwsSolutions-S1`')!;
    expect(nag).toHaveLength(6);
    expect(nag[4]).toBe('The S3 Bucket has server access logs disabled &lt;script&gt;&"\' \\| pipe');
  });

  test('suppressions with reasons, overrides and unused suppressions', () => {
    expect(tableRows(md, 'Suppressions')).toEqual([
      ['`aws-kms-key-rotation`', '`MyStack/Key`', 'Imported key, rotation is managed by the security account.', 'construct'],
      ['`k8s-resource-limits`', '`apps/Deployment/prod/web`', 'Limits are set by the namespace LimitRange.', 'config'],
    ]);
    expect(tableRows(md, 'Secure defaults overridden')).toEqual([['`MyStack/Key`', '`rotation`', 'Imported key, rotation is managed by the security account.']]);
    expect(tableRows(md, 'Unused suppressions')).toEqual([['`aws-kms-key-rotation[old-key]`', '`MyStack/OldKey`', 'metadata', 'The old key was removed last year.']]);
  });

  test('passes when only findings below the threshold remain; --fail-on warning fails them', () => {
    const r = fixtureReport();
    const onlyWarnings = report(r.findings.filter((f) => f.severity !== 'error'));
    expect(toMarkdown(onlyWarnings).split('\n')[0]).toBe('## ✅ secure-constructs: passed with 1 finding below the threshold');
    expect(toMarkdown(onlyWarnings, { failOn: 'warning' }).split('\n')[0]).toBe('## ❌ secure-constructs: failed — 1 finding at or above `warning`');
    expect(toMarkdown(r, { failOn: 'never' }).split('\n')[0]).toBe('## ✅ secure-constructs: passed with 6 findings below the threshold');
    expect(toMarkdown(report([])).split('\n')[0]).toBe('## ✅ secure-constructs: passed');
    expect(toMarkdown(report([]))).not.toContain('### Findings to fix');
  });

  test('input errors fail the verdict as they fail the run (exit 2), and are listed', () => {
    const r: CheckReport = { ...report([]), inputErrors: [{ file: `${BASE}/dist/app.yaml`, line: 3, message: 'document 2: duplicate key "image"' }] };
    const out = toMarkdown(r, { baseDir: BASE });
    expect(out.split('\n')[0]).toBe('## ❌ secure-constructs: failed — 1 input error (exit 2)');
    expect(tableRows(out, 'Input errors')).toEqual([['`dist/app.yaml:3`', 'document 2: duplicate key "image"']]);
    const both = toMarkdown({ ...fixtureReport(), inputErrors: r.inputErrors });
    expect(both.split('\n')[0]).toBe('## ❌ secure-constructs: failed — 5 findings at or above `error` and 1 input error (exit 2)');
  });

  test('with a baseline only new findings fail and are listed', () => {
    const r = fixtureReport();
    const baseline = createBaseline(r);
    const same = toMarkdown(withBaseline(r, baseline, 'ci/baseline.json'));
    expect(same.split('\n')[0]).toBe('## ✅ secure-constructs: passed');
    expect(same).toContain('Baseline `ci/baseline.json`: **0** new, 6 accepted (reported as suppressed), 0 fixed since the baseline.');
    expect(same).not.toContain('### New findings');
    expect(tableRows(same, 'Suppressions').filter((row) => row[3] === 'baseline')).toHaveLength(6);
    const extra: Finding = { ...r.findings[0], resource: { ...r.findings[0].resource, key: 'MyStack/Bucket3', name: 'Bucket3' } };
    const withNew = toMarkdown(withBaseline({ ...r, findings: [...r.findings.slice(1), extra] }, baseline, 'ci/baseline.json'));
    expect(withNew.split('\n')[0]).toBe('## ❌ secure-constructs: failed — 1 new finding at or above `error`');
    expect(withNew).toContain('Baseline `ci/baseline.json`: **1** new, 5 accepted (reported as suppressed), 1 fixed since the baseline (run with `--update-baseline` to drop them).');
    expect(tableRows(withNew, 'New findings').map((row) => row[2])).toEqual(['`MyStack/Bucket3`']);
    expect(tableRows(withNew, 'Fixed since the baseline')).toEqual([[mdCode(r.findings[0].ruleId), mdCode(r.findings[0].resource.key)]]);
  });

  test('top N: 20 by default, maxFindings overrides, the rest counted', () => {
    const many = report(manyFindings(100));
    const open = many.findings.filter((f) => f.status !== 'suppressed').length;
    const d = toMarkdown(many);
    expect(d).toContain(`### Findings to fix (top 20 of ${open})`);
    expect(tableRows(d, 'Findings to fix')).toHaveLength(20);
    expect(d).toContain(`_…and ${open - 20} more findings`);
    // Worst first: all listed are errors.
    expect(tableRows(d, 'Findings to fix').every((row) => row[0] === '🔴 error')).toBe(true);
    expect(tableRows(toMarkdown(many, { maxFindings: 5 }), 'Findings to fix')).toHaveLength(5);
  });

  test('a report of 5,000 findings stays under the cap, counts stay exact', () => {
    const big = report(manyFindings(5000));
    const d = toMarkdown(big);
    expect(d.length).toBeLessThanOrEqual(MARKDOWN_MAX_LENGTH);
    const total = tableRows(d, 'Findings by severity').find((r) => r[0] === '**total**')!;
    expect(total).toEqual(['**total**', '**4500**', '**500**', '**0**']);
    expect(tableRows(d, 'Findings to fix')).toHaveLength(20);
    expect(d).toContain('### Suppressions (500)');
  });

  test('huge messages and lists still fit: rows are reduced, then the text is cut', () => {
    const huge = report(manyFindings(5000, 5000), {
      unusedSuppressions: Array.from({ length: 3000 }, (_, i) => ({ id: `rule-${i}`, reason: 'r'.repeat(2000), source: 'metadata', declaredAt: `S/${'p'.repeat(500)}${i}` })),
    });
    const d = toMarkdown(huge, { maxFindings: 1000 });
    expect(d.length).toBeLessThanOrEqual(MARKDOWN_MAX_LENGTH);
    expect(d.split('\n')[0]).toContain('failed');
    // The other lists give way first; findings to fix are kept as far as they fit.
    expect(tableRows(d, 'Unused suppressions')).toHaveLength(0);
    expect(d).toContain('### Unused suppressions (3000)');
    expect(tableRows(d, 'Findings to fix').length).toBeGreaterThan(20);
    const small = toMarkdown(huge, { maxLength: 5000 });
    expect(small.length).toBeLessThanOrEqual(5000);
    expect(tableRows(small, 'Findings by severity')).toHaveLength(4);
    // Below the size of the summary itself, the text is cut with a note.
    const tiny = toMarkdown(huge, { maxLength: 1000 });
    expect(tiny.length).toBeLessThanOrEqual(1000);
    expect(tiny).toContain('truncated');
  });
});

describe('markdown cells', () => {
  test('mdCell keeps a table cell on one line without pipes or HTML', () => {
    expect(mdCell('a|b\nc <b>x</b> *y* _z_')).toBe('a\\|b c &lt;b&gt;x&lt;/b&gt; \\*y\\* \\_z\\_');
    expect(mdCell(undefined)).toBe('—');
    expect(mdCell('x'.repeat(400)).length).toBe(300);
  });
  test('mdCode', () => {
    expect(mdCode('a|b')).toBe('`a\\|b`');
    expect(mdCode('a`b')).toBe('`` a`b ``');
  });
});
