/** The reporters' fixture with hostile text (markup, `</script>`, U+2028) in every place a report value can come from. */
import { fixtureReport } from './fixture';
import { CheckReport, Finding } from '../../../lib/compliance/model';

export const XSS = '</script><img src=x onerror="window.__xss=1"><!--<script>';

export function hostileReport(): CheckReport {
  const r = fixtureReport();
  const f: Finding = {
    ...r.findings[0],
    ruleId: 'aws-s3-bucket-encryption',
    findingId: `id${XSS}`,
    message: `message ${XSS} \u2028 & done`,
    resource: { ...r.findings[0].resource, key: `MyStack/${XSS}`, name: '<img src=x onerror="window.__xss=2">' },
    constructPath: 'MyStack/<svg onload="window.__xss=3">',
    file: 'cdk.out/"><img src=x onerror=window.__xss=4>.json',
  };
  return {
    ...r,
    findings: [...r.findings, f],
    inputs: [...r.inputs, 'dir/<img src=x onerror="window.__xss=5">'],
    inputErrors: [{ file: 'bad<script>window.__xss=6</script>.yaml', message: `cannot read <b>${XSS}</b>` }],
    overrides: [...r.overrides, { ...r.overrides[0], reason: `reason ${XSS}` }],
  };
}

