/**
 * Secure defaults of the hardened workloads, in one place. docs/kubernetes.md documents them and
 * test/k8s/workload/defaults.test.ts checks the synthesized output against these values.
 */
export const WORKLOAD_DEFAULTS = {
  /** UID, GID and fsGroup the pod runs as. */
  runAsUser: 10001,
  runAsGroup: 10001,
  fsGroup: 10001,
  /** Paths mounted as writable emptyDir volumes in every container (the root filesystem is read-only). */
  writablePaths: ['/tmp'] as readonly string[],
  /** Size limit of each writable emptyDir volume. */
  writableVolumeSizeLimit: '256Mi',
  /** Container resources. No CPU limit is optional only with a reason. */
  cpuRequest: '100m',
  cpuLimit: '500m',
  memoryRequest: '128Mi',
  memoryLimit: '512Mi',
  ephemeralStorageLimit: '1Gi',
  /** File mode of mounted secrets (owner and group read: the pod's fsGroup). */
  secretDefaultMode: 0o440,
  /** Replicas. */
  deploymentReplicas: 2,
  statefulSetReplicas: 1,
  /** PodDisruptionBudget of replicated workloads. */
  pdbMaxUnavailable: 1,
  /** Topology spread of replicated workloads. */
  zoneWhenUnsatisfiable: 'ScheduleAnyway',
  hostnameWhenUnsatisfiable: 'DoNotSchedule',
  maxSkew: 1,
  /** Jobs. */
  jobBackoffLimit: 3,
  jobActiveDeadlineSeconds: 3600,
  jobTtlSecondsAfterFinished: 86400,
  /** CronJobs. */
  cronConcurrencyPolicy: 'Forbid',
  cronTimeZone: 'Etc/UTC',
  cronStartingDeadlineSeconds: 300,
  cronSuccessfulJobsHistoryLimit: 3,
  cronFailedJobsHistoryLimit: 1,
  /** Probe timings (Kubernetes defaults, stated explicitly). */
  probePeriodSeconds: 10,
  probeTimeoutSeconds: 1,
  probeFailureThreshold: 3,
} as const;
