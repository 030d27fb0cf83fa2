import { COMPLIANT, NOT_APPLICABLE, RuleContext, nonCompliant } from '../../../model';
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

const RULE_ID = 'k8s-workload-default-namespace';

/**
 * How an object without metadata.namespace is judged (setting `missingNamespace`): `default` (the default) as being in
 * `default`, or `ignore` for bundles whose apply step sets the namespace. Any other value throws: the run reports the
 * rule as erroring rather than guessing.
 */
function missingNamespaceIsDefault(ctx: RuleContext): boolean {
  const options = ctx.optionsFor(RULE_ID);
  const v = options?.missingNamespace;
  if (v === undefined || v === 'default') return true;
  if (v === 'ignore') return false;
  throw new Error(`settings of ${RULE_ID}: "missingNamespace" must be "default" or "ignore" (got ${JSON.stringify(v)})`);
}

/**
 * Objects do not go into the `default` namespace: it is where everything lands that names no namespace, so it is
 * shared by accident, rarely has Pod Security labels, quotas or a default-deny policy, and RBAC granted there
 * reaches unrelated objects.
 *
 * An object of a namespaced kind with no metadata.namespace is judged as being in `default`, because that is where
 * `kubectl apply -f` puts it with the default context (and what kubescape's default-namespace controls
 * assume): a manifest that relies on the apply step for its namespace is one `kubectl apply` away from `default`.
 * Bundles that are always applied into a namespace (`kubectl apply -n`, kustomize `namespace:`, Argo CD / Flux target
 * namespaces, `helm template` output installed with `--namespace`) set `{ missingNamespace: 'ignore' }`.
 */
export const K8S_WORKLOAD_DEFAULT_NAMESPACE = defineRule({
  id: RULE_ID,
  title: 'Objects are not placed in the default namespace',
  description: 'A namespaced object is placed in the default namespace, which every object without a namespace shares and which usually lacks the Pod Security, '
    + 'quota and network isolation of a dedicated namespace. An object without metadata.namespace counts as being in default (where kubectl apply puts it '
    + 'with the default context), unless the setting { missingNamespace: "ignore" } says the apply step sets the namespace.',
  severity: 'warning',
  platform: 'k8s',
  appliesTo: NAMESPACED_KINDS,
  controls: ['NSA-CISA:network-separation', 'CIS-K8S:5.7.4', 'NIST-800-53-R5:SC-7', 'NIST-800-53-R5:AC-4'],
  options: {
    missingNamespace: '"default" (the default): an object that names no namespace counts as being in "default", where kubectl apply puts it with the default context; '
      + '"ignore": such objects are not reported, for bundles applied into a namespace (kubectl apply -n, kustomize namespace, Argo CD / Flux, helm --namespace).',
  },
  remediation: 'Set metadata.namespace to the application\'s own namespace (e.g. one created with SecureNamespace, a cdk8s Chart namespace or the construct\'s namespaceName); '
    + 'if the apply step always sets the namespace, set the rule setting missingNamespace: ignore.',
  evaluate: (resource, ctx) => {
    const ns = resource.namespace;
    if (ns === undefined || ns === '') {
      if (!missingNamespaceIsDefault(ctx)) return NOT_APPLICABLE;
      return nonCompliant({
        id: 'namespace',
        message: `${resource.type} ${resource.name} names no namespace, so \`kubectl apply\` with the default context puts it in "default" `
          + '(set metadata.namespace, or the setting missingNamespace: ignore if the apply step sets it).',
      });
    }
    if (ns.trim() !== 'default') return COMPLIANT;
    return nonCompliant({ id: 'namespace', message: `${resource.type} ${resource.name} is in the "default" namespace.` });
  },
});
