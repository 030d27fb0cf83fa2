/**
 * Secure defaults of SecureNamespace, in one place. The docs (docs/kubernetes.md) and
 * test/k8s/namespace/defaults.test.ts check the synthesized output against these values.
 */
export const NAMESPACE_DEFAULTS = {
  /** Pod Security Admission level enforced, audited and warned. */
  podSecurityLevel: 'restricted',
  /** Pod Security Standards version the labels are pinned to. */
  podSecurityVersion: 'v1.28',
  /** Where cluster DNS runs. */
  dnsNamespace: 'kube-system',
  /** Labels of the cluster DNS pods. */
  dnsPodLabels: { 'k8s-app': 'kube-dns' } as Record<string, string>,
  /** DNS port, allowed over UDP and TCP. */
  dnsPort: 53,
  /** ResourceQuota `spec.hard`. */
  resourceQuota: {
    pods: 50,
    requestsCpu: '4',
    requestsMemory: '8Gi',
    limitsMemory: '16Gi',
    requestsStorage: '100Gi',
    persistentVolumeClaims: 10,
    servicesLoadBalancers: 0,
    servicesNodePorts: 0,
  },
  /** LimitRange for containers (no default CPU limit: a CPU limit is a per-workload decision). */
  limitRange: {
    defaultRequestCpu: '100m',
    defaultRequestMemory: '128Mi',
    defaultLimitMemory: '512Mi',
    maxMemory: '4Gi',
  },
} as const;
