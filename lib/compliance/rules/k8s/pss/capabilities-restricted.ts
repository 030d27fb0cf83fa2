import { RuleFinding } from '../../../model';
import { defineRule } from '../../../rule';
import { POD_RULE_TARGETS, PSS_HELP, arr, checkPod, containersOf, isSet, isWindowsPod, label, obj } from '../pod';

/**
 * PSS restricted "Capabilities": every container must drop "ALL" (matched exactly, case-sensitive) and may add
 * only NET_BIND_SERVICE. Pods with spec.os.name=windows are exempt (v1.25+).
 */
export const K8S_PSS_CAPABILITIES_RESTRICTED = defineRule({
  id: 'k8s-pss-capabilities-restricted',
  title: 'Containers must drop ALL capabilities',
  description: 'A container does not drop ALL capabilities, or adds a capability other than NET_BIND_SERVICE (Pod Security Standards restricted).',
  severity: 'error',
  platform: 'k8s',
  appliesTo: POD_RULE_TARGETS,
  controls: ['PSS-restricted:capabilities', 'NSA-CISA:pod-security', 'CIS-K8S:5.2.8', 'CIS-K8S:5.2.9', 'CIS-K8S:5.2.10'],
  remediation: 'Set securityContext.capabilities.drop: ["ALL"] on every container; add back at most NET_BIND_SERVICE.',
  helpUri: PSS_HELP,
  evaluate: (resource) => checkPod(resource, (pod) => {
    if (isWindowsPod(pod)) return [];
    const findings: RuleFinding[] = [];
    for (const c of containersOf(pod)) {
      const caps = isSet(c.securityContext.capabilities) ? obj(c.securityContext.capabilities) ?? {} : undefined;
      const problems: string[] = [];
      if (!caps || !arr(caps.drop).some((d) => d === 'ALL')) problems.push('must set securityContext.capabilities.drop=["ALL"]');
      const added = arr(caps?.add).map(String).filter((a) => a !== 'NET_BIND_SERVICE');
      if (added.length > 0) problems.push(`must not add ${added.join(', ')}`);
      if (problems.length > 0) findings.push({ id: c.id, message: `${label(c)} ${problems.join(' and ')}.` });
    }
    return findings;
  }),
});
