import { RuleFinding } from '../../../model';
import { defineRule } from '../../../rule';
import { POD_RULE_TARGETS, PSS_HELP, checkPod, containersOf, isSet, label, obj, podSecurityContext } from '../pod';

/** Prefix of the (deprecated) per-container AppArmor annotations. */
export const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

function allowedAnnotationValue(v: string): boolean {
  return v === '' || v === 'runtime/default' || v.startsWith('localhost/');
}

function allowedProfileType(t: unknown): boolean {
  return t === 'RuntimeDefault' || t === 'Localhost';
}

/**
 * PSS baseline "AppArmor". As upstream (policy version 1.0+, so v1.28 too): the annotations
 * `container.apparmor.security.beta.kubernetes.io/*` may only be empty, `runtime/default` or `localhost/*`;
 * the securityContext.appArmorProfile field (pod and every container), where set, must have type
 * RuntimeDefault or Localhost.
 */
export const K8S_PSS_APPARMOR = defineRule({
  id: 'k8s-pss-apparmor',
  title: 'AppArmor must not be disabled or overridden',
  description: 'The pod sets an AppArmor profile other than runtime/default or a localhost profile, e.g. unconfined (Pod Security Standards baseline).',
  severity: 'error',
  platform: 'k8s',
  appliesTo: POD_RULE_TARGETS,
  controls: ['PSS-baseline:appArmor', 'NSA-CISA:pod-security'],
  remediation: 'Remove the AppArmor override, or use runtime/default (annotation) / RuntimeDefault (appArmorProfile.type) or a Localhost profile.',
  helpUri: PSS_HELP,
  evaluate: (resource) => checkPod(resource, (pod) => {
    const findings: RuleFinding[] = [];
    const annotations = obj(pod.metadata.annotations) ?? {};
    for (const [k, v] of Object.entries(annotations)) {
      if (!k.startsWith(APPARMOR_ANNOTATION_PREFIX)) continue;
      const value = v === null || v === undefined ? '' : String(v);
      if (!allowedAnnotationValue(value)) {
        findings.push({ id: `annotation:${k}`, message: `annotation ${k}=${JSON.stringify(value)} sets a forbidden AppArmor profile (${pod.metadataPath}.annotations).` });
      }
    }
    const podProfile = podSecurityContext(pod).appArmorProfile;
    if (isSet(podProfile) && !allowedProfileType(obj(podProfile)?.type)) {
      findings.push({ id: 'pod', message: `${pod.specPath}.securityContext.appArmorProfile.type must be RuntimeDefault or Localhost.` });
    }
    for (const c of containersOf(pod)) {
      const p = c.securityContext.appArmorProfile;
      if (isSet(p) && !allowedProfileType(obj(p)?.type)) {
        findings.push({ id: c.id, message: `${label(c)} sets securityContext.appArmorProfile.type to a forbidden value (must be RuntimeDefault or Localhost).` });
      }
    }
    return findings;
  }),
});
