import { COMPLIANT, NOT_APPLICABLE, nonCompliant } from '../../../model';
import { defineRule } from '../../../rule';
import { POD_RULE_TARGETS } from '../pod';

/**
 * Namespaced kinds this rule checks: workloads (also custom resources with pod templates, through the pod-template
 * trait) and the namespaced objects that configure or expose them. Cluster-scoped kinds have no namespace.
 */
export const NAMESPACED_KINDS: readonly string[] = [
  ...POD_RULE_TARGETS,
  'Service', 'ConfigMap', 'Secret', 'ServiceAccount', 'Role', 'RoleBinding', 'Ingress', 'NetworkPolicy', 'PersistentVolumeClaim',
  'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'Endpoints', 'EndpointSlice', 'Lease', 'LimitRange', 'ResourceQuota',
  // common custom resources that live in an application's namespace
  'Certificate', 'Issuer', 'ExternalSecret', 'SecretStore', 'SealedSecret', 'ServiceMonitor', 'PodMonitor', 'VirtualService',
  'DestinationRule', 'AuthorizationPolicy', 'RequestAuthentication', 'Gateway', 'HTTPRoute', 'GRPCRoute', 'CiliumNetworkPolicy',
];

/**
 * Objects do not go into the `default` namespace: it is where everything lands that names no namespace, so it is
 * shared by accident, rarely has Pod Security labels, quotas or a default-deny policy, and RBAC granted there
 * reaches unrelated objects.
 *
 * An object with no metadata.namespace goes wherever the apply step puts it (the kubectl context namespace, usually
 * `default`; `kubectl -n`, kustomize `namespace:`, Argo CD / Flux target namespaces, Helm --namespace). By default
 * such objects are not reported, since the namespace is decided at apply time; set the rule option
 * `{ missingNamespace: 'default' }` (context.optionsFor('k8s-workload-default-namespace')) to treat them as being in
 * `default`, as `kubectl apply -f` with the default context does.
 */
export const K8S_WORKLOAD_DEFAULT_NAMESPACE = defineRule({
  id: 'k8s-workload-default-namespace',
  title: 'Objects are not placed in the default namespace',
  description: 'A namespaced object is placed in the default namespace, which every object without a namespace shares and which usually lacks the Pod Security, '
    + 'quota and network isolation of a dedicated namespace. An object without metadata.namespace is placed at apply time and is judged only with the setting '
    + '{ missingNamespace: "default" }.',
  severity: 'warning',
  platform: 'k8s',
  appliesTo: NAMESPACED_KINDS,
  controls: ['NSA-CISA:network-separation', 'CIS-K8S:5.7.4', 'NIST-800-53-R5:SC-7', 'NIST-800-53-R5:AC-4'],
  options: { missingNamespace: 'Set to "default" to report objects that name no namespace (kubectl apply with the default context puts them in "default"); by default they are not reported.' },
  remediation: 'Set metadata.namespace to the application\'s own namespace (e.g. one created with SecureNamespace, or a cdk8s Chart namespace).',
  evaluate: (resource, ctx) => {
    const ns = resource.namespace;
    if (ns === undefined || ns === '') {
      const missingIsDefault = ctx.optionsFor('k8s-workload-default-namespace')?.missingNamespace === 'default';
      if (!missingIsDefault) return NOT_APPLICABLE;
      return nonCompliant({ id: 'namespace', message: `${resource.type} ${resource.name} names no namespace, so \`kubectl apply\` with the default context puts it in "default".` });
    }
    if (ns.trim() !== 'default') return COMPLIANT;
    return nonCompliant({ id: 'namespace', message: `${resource.type} ${resource.name} is in the "default" namespace.` });
  },
});
