import { stringify } from 'yaml';
import { runEngine } from '../../../../lib/compliance/engine';
import { parseManifests } from '../../../../lib/compliance/loaders/kubernetes';
import { Finding, Rule } from '../../../../lib/compliance/model';

/**
 * Runs rules over YAML text (or objects) and returns the non-compliant findings; engine errors and input errors
 * fail the test. Objects are written as YAML 1.1, as cdk8s writes them (kubectl reads YAML 1.1: an unquoted `n`
 * is false).
 */
export function check(rules: Rule | readonly Rule[], input: string | object | object[]): Finding[] {
  const text = typeof input === 'string'
    ? input
    : (Array.isArray(input) ? input : [input]).map((o) => stringify(o, { version: '1.1' })).join('---\n');
  const { resources, problems, errors: inputErrors } = parseManifests('test.yaml', text);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  if (inputErrors.length > 0) throw new Error(inputErrors.map((e) => e.message).join('\n'));
  const report = runEngine(Array.isArray(rules) ? rules : [rules as Rule], resources);
  const errors = report.findings.filter((f) => f.status === 'error');
  if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('\n'));
  return report.findings.filter((f) => f.status === 'non-compliant');
}

/** `ruleId[findingId]` of each finding, for compact assertions. */
export function ids(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.ruleId}[${f.findingId ?? ''}]`);
}

/** A Pod object around a pod spec. */
export function pod(spec: object, metadata: object = {}): object {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'app', ...metadata }, spec };
}

/** The minimal restricted-compliant container. */
export const SAFE_CONTAINER = {
  name: 'app',
  image: 'registry.example.com/app@sha256:' + 'a'.repeat(64),
  securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
};

/** The minimal restricted-compliant pod spec. */
export function safeSpec(extra: object = {}): Record<string, any> {
  return {
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [SAFE_CONTAINER],
    ...extra,
  };
}

/** Wraps a pod spec (and pod metadata) in an object of the given pod-bearing kind. */
export function workload(kind: string, spec: object, podMetadata: object = {}): object {
  const template = { metadata: { labels: { app: 'x' }, ...podMetadata }, spec };
  const meta = { name: kind.toLowerCase(), namespace: 'app' };
  switch (kind) {
    case 'Pod':
      return { apiVersion: 'v1', kind, metadata: { ...meta, ...podMetadata }, spec };
    case 'PodTemplate':
      return { apiVersion: 'v1', kind, metadata: meta, template };
    case 'CronJob':
      return { apiVersion: 'batch/v1', kind, metadata: meta, spec: { schedule: '* * * * *', jobTemplate: { spec: { template } } } };
    case 'Job':
      return { apiVersion: 'batch/v1', kind, metadata: meta, spec: { template } };
    case 'ReplicationController':
      return { apiVersion: 'v1', kind, metadata: meta, spec: { selector: { app: 'x' }, template } };
    default:
      return { apiVersion: 'apps/v1', kind, metadata: meta, spec: { selector: { matchLabels: { app: 'x' } }, template } };
  }
}
