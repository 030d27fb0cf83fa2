import { COMPLIANT, RuleFinding, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { POD_RULE_TARGETS, PodInfo, arr, checkPod, containersOf, obj, str } from '../pod';
import { detectSecret, isCredentialFlag, isLiteralFlagValue, masked } from './patterns';

/** Secret material in the data and binaryData of a ConfigMap body (also used on a ConfigMap kept in an annotation). */
export function scanConfigMap(body: Record<string, any>): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const [key, value] of Object.entries(obj(body.data) ?? {})) {
    if (typeof value !== 'string') continue;
    const kind = detectSecret(value, key);
    if (kind) findings.push({ id: `data:${key}`, message: `ConfigMap key "${key}" looks like a secret (${kind}); value ${masked(value)}.` });
  }
  for (const [key, value] of Object.entries(obj(body.binaryData) ?? {})) {
    if (typeof value !== 'string') continue;
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const kind = detectSecret(decoded, key);
    if (kind) findings.push({ id: `binaryData:${key}`, message: `ConfigMap binaryData key "${key}" looks like a secret (${kind}); value ${masked(decoded)}.` });
  }
  return findings;
}

/** Env values and command/args of every container of a pod spec (also used on pod specs kept in an annotation). */
export function scanPod(pod: PodInfo): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const c of containersOf(pod)) {
    for (const e of arr(c.container.env)) {
      const env = obj(e);
      const name = str(env?.name) ?? '?';
      const value = str(env?.value);
      if (!value) continue;
      const kind = detectSecret(value, name);
      if (kind) findings.push({ id: `${c.id}/env:${name}`, message: `${c.kind} "${c.name}" env ${name} looks like a secret (${kind}); value ${masked(value)}.` });
    }
    for (const field of ['command', 'args'] as const) {
      const list = arr(c.container[field]);
      list.forEach((a, i) => {
        if (typeof a !== 'string') return;
        let kind = detectSecret(a);
        // `--password hunter2`: a credential flag followed by a literal word
        const prev = i > 0 ? list[i - 1] : undefined;
        if (!kind && typeof prev === 'string' && isCredentialFlag(prev) && isLiteralFlagValue(a)) kind = `literal credential after flag ${prev}`;
        if (kind) findings.push({ id: `${c.id}/${field}:${i}`, message: `${c.kind} "${c.name}" ${field}[${i}] looks like a secret (${kind}); value ${masked(a)}.` });
      });
    }
  }
  return findings;
}

/**
 * Secret material must not sit in plain configuration: ConfigMap data/binaryData, container env values, or
 * container command/args. A sensitive name (key, env var, flag, `name=value` inside a value) with any literal
 * value that is not a placeholder is a finding (see patterns.ts for placeholders and references); env vars read
 * with valueFrom are references, not values. Findings name the key and the kind of secret;
 * the value is never echoed.
 */
export const K8S_SECRETS_SENSITIVE_VALUES = defineRule({
  id: 'k8s-secrets-sensitive-values',
  title: 'No secret material in ConfigMaps or container environment',
  description: 'A ConfigMap value, container env value or container argument looks like secret material (private key, cloud or API token, credential in a URL, or a literal password/API key).',
  severity: 'error',
  platform: 'k8s',
  appliesTo: ['ConfigMap', ...POD_RULE_TARGETS],
  controls: ['NSA-CISA:secrets', 'CIS-K8S:5.4.2', 'NIST-800-53-R5:SC-28', 'NIST-800-53-R5:IA-5'],
  remediation: 'Revoke and rotate the exposed credential, remove it from the manifest, and deliver it as a Secret (ExternalSecret or SealedSecret) mounted as a file.',
  evaluate: (resource) => {
    const body = obj(resource.body);
    if (!body) return fromFindings([]);
    if (resource.type === 'ConfigMap') return fromFindings(scanConfigMap(body));
    const result = checkPod(resource, scanPod);
    // an object without pod spec has nothing to scan (compliant, as before)
    return result.outcome === 'not-applicable' ? COMPLIANT : result;
  },
});
