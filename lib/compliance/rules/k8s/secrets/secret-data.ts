import { COMPLIANT, RuleFinding, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { obj } from '../pod';

/**
 * Secret objects in manifests carry their values in the repository (base64 is not encryption). Our constructs
 * emit SealedSecret or ExternalSecret objects instead, so this applies to kind Secret only. Empty values and
 * Secrets without data (e.g. a kubernetes.io/service-account-token Secret the token controller fills) are compliant.
 */
export const K8S_SECRETS_SECRET_DATA = defineRule({
  id: 'k8s-secrets-secret-data',
  title: 'Secret manifests do not carry literal data',
  description: 'A Secret object carries values in data or stringData, so the secret material is stored in the manifests (base64 is an encoding, not encryption).',
  severity: 'error',
  platform: 'k8s',
  appliesTo: ['Secret'],
  controls: ['NSA-CISA:secrets', 'CIS-K8S:5.4.2', 'NIST-800-53-R5:SC-28', 'NIST-800-53-R5:IA-5'],
  remediation: 'Keep the value in a secret store and deliver it with an ExternalSecret (External Secrets Operator) or encrypt it as a SealedSecret; do not commit Secret data.',
  evaluate: (resource) => {
    const body = obj(resource.body);
    if (!body) return COMPLIANT;
    const findings: RuleFinding[] = [];
    for (const field of ['data', 'stringData'] as const) {
      for (const [key, value] of Object.entries(obj(body[field]) ?? {})) {
        if (value === null || value === undefined || value === '') continue;
        findings.push({ id: `${field}:${key}`, message: `Secret ${field} key "${key}" holds a literal value (${String(value).length} characters, not shown).` });
      }
    }
    return fromFindings(findings);
  },
});
