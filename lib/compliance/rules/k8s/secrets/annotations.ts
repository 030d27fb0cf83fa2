import { ANNOTATIONS_TRAIT } from '../../../loaders/kubernetes';
import { NOT_APPLICABLE, RuleFinding, cannotVerify, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { K8S_OVERRIDES_ANNOTATION, K8S_SUPPRESSIONS_ANNOTATION } from '../../../suppressions';
import { POD_RULE_TARGETS, checkPod, obj, podsOf, str } from '../pod';
import { MAX_SCAN, detectSecret, masked } from './patterns';
import { scanConfigMap, scanPod } from './sensitive-values';

/** The annotation in which client-side `kubectl apply` keeps the whole object as last applied (JSON). */
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Our own annotations: suppression and override lists with their reasons, read (and validated) by the loader. */
const OWN: ReadonlySet<string> = new Set([K8S_SUPPRESSIONS_ANNOTATION, K8S_OVERRIDES_ANNOTATION]);

/**
 * A value shaped like a reference to where a secret is kept, not like a secret: lowercase name parts joined by `/`
 * (`basic-auth`, `ingress-nginx/ca`, a Vault path `secret/data/app`) or a lowercase hex checksum (Helm's
 * `checksum/secret`). Annotations whose name says secret mostly hold such references (ingress-nginx `auth-secret`,
 * Vault Agent `agent-inject-secret-*`), so their name alone does not make such a value a finding.
 */
const REFERENCE = /^[a-z0-9][a-z0-9._-]{0,252}(?:\/[a-z0-9._-]{1,253}){0,16}$/;

/** The name part of an annotation key (`auth-secret` of `nginx.ingress.kubernetes.io/auth-secret`). */
function annotationName(key: string): string {
  const i = key.lastIndexOf('/');
  return i < 0 ? key : key.slice(i + 1);
}

/**
 * What kind of secret an annotation value looks like: the shared detector (patterns.ts) on the value, by its shape
 * and the `name=value` assignments it holds, and by the annotation's name unless the value is a reference.
 */
export function annotationSecret(key: string, value: string): string | undefined {
  return detectSecret(value, REFERENCE.test(value.trim()) ? undefined : annotationName(key));
}

/** Scans the annotations of one metadata mapping into `findings`; returns how many values were read. */
function scanAnnotations(annotations: unknown, path: string, findings: RuleFinding[], nested: boolean): number {
  const a = obj(annotations);
  if (!a) return 0;
  let scanned = 0;
  for (const key of Object.keys(a)) {
    const value = a[key];
    if (OWN.has(key) || typeof value !== 'string' || value === '') continue;
    scanned++;
    const id = `${path}:${key}`;
    if (key === LAST_APPLIED && !nested) {
      scanLastApplied(value, id, findings);
      continue;
    }
    const kind = annotationSecret(key, value);
    if (kind) findings.push({ id, message: `Annotation "${key}" (${path}) looks like a secret (${kind}); value ${masked(value)}.` });
  }
  return scanned;
}

/**
 * The object kept in last-applied-configuration, checked as the object rules check objects: a Secret's data and
 * stringData (k8s-secrets-secret-data), a ConfigMap's values and the env and arguments of pod specs
 * (k8s-secrets-sensitive-values), and its own annotations. A value that is not a JSON object cannot be checked: it is
 * scanned as text, and reported as unverifiable when that finds nothing.
 */
function scanLastApplied(text: string, id: string, findings: RuleFinding[]): void {
  let applied: Record<string, any> | undefined;
  if (text.length <= MAX_SCAN) {
    try {
      applied = obj(JSON.parse(text));
    } catch {
      applied = undefined;
    }
  }
  if (!applied) {
    const kind = detectSecret(text);
    findings.push(kind
      ? { id, message: `Annotation "${LAST_APPLIED}" looks like a secret (${kind}); value ${masked(text)}.` }
      : cannotVerify(id, `annotation "${LAST_APPLIED}" is not a JSON object, so the copy of the object it should keep cannot be checked for secrets.`));
    return;
  }
  const inner: RuleFinding[] = [];
  const kind = str(applied.kind) ?? '';
  const apiVersion = applied.apiVersion;
  if (kind === 'Secret' && (apiVersion === undefined || apiVersion === 'v1')) {
    for (const field of ['data', 'stringData'] as const) {
      for (const [key, value] of Object.entries(obj(applied[field]) ?? {})) {
        if (value === null || value === undefined || value === '') continue;
        inner.push({ id: `${field}:${key}`, message: `Secret ${field} key "${key}" holds a literal value (${String(value).length} characters, not shown).` });
      }
    }
  } else if (kind === 'ConfigMap') {
    inner.push(...scanConfigMap(applied));
  } else {
    const pods = checkPod({ type: kind, body: applied }, scanPod);
    if (pods.outcome === 'non-compliant') inner.push(...pods.findings);
  }
  const meta = obj(applied.metadata);
  scanAnnotations(meta?.annotations, 'metadata.annotations', inner, true);
  for (const pod of podsOf({ type: kind, body: applied })) {
    if (pod.metadata !== meta) scanAnnotations(pod.metadata.annotations, `${pod.metadataPath}.annotations`, inner, true);
  }
  for (const f of inner) {
    findings.push({ ...f, id: `${id}/${f.id ?? ''}`, message: `The copy of the object kept in annotation "${LAST_APPLIED}": ${f.message ?? ''}` });
  }
}

/**
 * Annotations are plain text that every reader of the object sees (`get` on any kind, list watches, audit logs,
 * exports). They must not carry secret material: the value is checked with the shared detector (patterns.ts) by its
 * shape (PEM private keys, tokens, Authorization credentials...) and by the `name=value` assignments it holds
 * (`DB_PASSWORD=hunter2` in a `kubernetes.io/change-cause`), and by the annotation's name (`example.com/db-password`)
 * unless the value is shaped like a reference to where a secret is kept (`basic-auth`, `ns/name`, a Vault path, a hex
 * checksum). `kubectl.kubernetes.io/last-applied-configuration` keeps the whole object as applied: the Secret data,
 * ConfigMap values, env values and arguments it holds are checked as the object rules check them, even when the
 * object itself no longer carries them. Our own suppression and override annotations (reasons) are not secrets and
 * are not scanned. Objects of every kind with annotations, and the pod templates of workloads, are checked.
 */
export const K8S_SECRETS_ANNOTATIONS = defineRule({
  id: 'k8s-secrets-annotations',
  title: 'No secret material in annotations',
  description: 'An annotation value looks like secret material (private key, token, Authorization credential, a literal password under a sensitive name, '
    + 'or a name=value assignment of one), or kubectl.kubernetes.io/last-applied-configuration keeps a copy of the object with Secret data, '
    + 'or with ConfigMap, env or argument values that are secrets.',
  severity: 'error',
  platform: 'k8s',
  appliesTo: [ANNOTATIONS_TRAIT, ...POD_RULE_TARGETS],
  controls: ['NSA-CISA:secrets', 'CIS-K8S:5.4.2', 'NIST-800-53-R5:SC-28', 'NIST-800-53-R5:IA-5'],
  remediation: 'Revoke and rotate the exposed credential and remove it from the annotation; strip kubectl.kubernetes.io/last-applied-configuration from exported '
    + 'manifests (or apply server-side, which does not write it) and re-apply so the cluster copy is replaced; deliver secrets as Secret volumes '
    + '(ExternalSecret or SealedSecret), referenced by name where an annotation needs one.',
  evaluate: (resource) => {
    const body = obj(resource.body);
    if (!body) return NOT_APPLICABLE;
    const findings: RuleFinding[] = [];
    const meta = obj(body.metadata);
    let scanned = scanAnnotations(meta?.annotations, 'metadata.annotations', findings, false);
    for (const pod of podsOf(resource)) {
      if (pod.metadata !== meta) scanned += scanAnnotations(pod.metadata.annotations, `${pod.metadataPath}.annotations`, findings, false);
    }
    return scanned === 0 ? NOT_APPLICABLE : fromFindings(findings);
  },
});
