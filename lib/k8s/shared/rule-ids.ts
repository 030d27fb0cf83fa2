/**
 * Ids of the Kubernetes compliance rules that the constructs suppress when a user weakens a
 * default with a reason. One place, so a renamed rule is fixed once
 * (test/k8s/rule-ids.test.ts checks that every id here exists in the rule catalogue).
 *
 * Weakenings that no rule checks (e.g. no CPU limit, no PodDisruptionBudget) are recorded as
 * overrides only.
 */
export const K8S_RULE_IDS = {
  /** A container image is not pinned by digest. */
  IMAGE_DIGEST: 'k8s-workload-image-digest',
  /** A container's root filesystem is writable. */
  READ_ONLY_ROOT_FS: 'k8s-workload-read-only-root-filesystem',
  /** A long-running container has no liveness/readiness probe. */
  PROBES: 'k8s-workload-probes',
  /** A secret is exposed to a container as an environment variable. */
  SECRET_ENV: 'k8s-workload-secret-env',
  /** The service account token is mounted into the pod. */
  SA_TOKEN_AUTOMOUNT: 'k8s-workload-service-account-token',
  /** A Secret object carries literal data in the manifest. */
  SECRET_LITERAL: 'k8s-secrets-secret-data',
  /** An RBAC rule uses a wildcard. */
  RBAC_WILDCARD: 'k8s-rbac-wildcard',
  /** An RBAC rule grants escalate, bind or impersonate. */
  RBAC_ESCALATION: 'k8s-rbac-escalation-verbs',
  /** An RBAC rule lets a subject read secrets broadly (get/list/watch without names). */
  RBAC_SECRETS: 'k8s-rbac-secrets-read',
  /** An RBAC rule grants pods/exec or pods/attach. */
  RBAC_POD_EXEC: 'k8s-rbac-pod-exec',
  /** A ClusterRoleBinding grants cluster-wide access to a service account. */
  RBAC_CLUSTER_BINDING: 'k8s-rbac-cluster-binding-service-account',
  /** A namespace does not enforce Pod Security `restricted`. */
  NAMESPACE_PSA: 'k8s-namespace-pod-security-admission',
  /** A namespace has no default-deny NetworkPolicy. */
  NETWORK_DEFAULT_DENY: 'k8s-network-default-deny',
  /** A namespace runs workloads outside the service mesh the bundle uses. */
  MESH_ENROLMENT: 'k8s-mesh-namespace-enrolment',
} as const;
