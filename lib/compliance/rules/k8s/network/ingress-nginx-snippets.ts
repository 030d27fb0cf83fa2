import { NOT_APPLICABLE, RuleFinding, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { obj, str } from '../pod';

/** Annotation prefixes of the NGINX ingress controllers: the Kubernetes project's ingress-nginx and F5 NGINX's. */
const PREFIXES: readonly string[] = ['nginx.ingress.kubernetes.io/', 'nginx.org/'];
/** A snippet annotation: `configuration-snippet`, `server-snippet`, `auth-snippet`, `stream-snippet`, `location-snippets`... */
const SNIPPET = /-snippets?$/;

function snippetAnnotations(annotations: Record<string, any>): string[] {
  const out: string[] = [];
  for (const key of Object.keys(annotations)) {
    if (typeof annotations[key] !== 'string' || annotations[key].trim() === '') continue;
    const prefix = PREFIXES.find((p) => key.startsWith(p));
    if (prefix && SNIPPET.test(key.slice(prefix.length))) out.push(key);
  }
  return out;
}

/**
 * NGINX snippet annotations insert raw NGINX configuration into the controller's config. Whoever may create an Ingress
 * can then read every Secret the controller's service account can read, i.e. every Secret of the cluster
 * (CVE-2021-25742), and run any NGINX directive (Lua included) in the controller: ingress-nginx turned them off by
 * default (`allow-snippet-annotations: "false"`, and `annotations-risk-level` below Critical). Reported: each `*-snippet(s)` annotation of an Ingress
 * (`nginx.ingress.kubernetes.io/` and F5 NGINX's `nginx.org/`), and a ConfigMap that turns them back on
 * (`allow-snippet-annotations: "true"` or `annotations-risk-level: Critical`), as Kyverno's
 * disallow-ingress-nginx-custom-snippets policy does.
 */
export const K8S_NETWORK_INGRESS_NGINX_SNIPPETS = defineRule({
  id: 'k8s-network-ingress-nginx-snippets',
  title: 'Ingresses do not use NGINX configuration snippets',
  description: 'An Ingress carries an NGINX *-snippet annotation, or an ingress-nginx ConfigMap allows them (allow-snippet-annotations: "true" or '
    + 'annotations-risk-level: Critical): raw NGINX configuration from an Ingress lets whoever may create Ingresses read every Secret the controller can '
    + 'read and run any NGINX directive in the controller (CVE-2021-25742).',
  severity: 'error',
  platform: 'k8s',
  appliesTo: ['Ingress', 'ConfigMap'],
  controls: ['NSA-CISA:network-separation', 'NSA-CISA:secrets', 'NIST-800-53-R5:CM-7', 'NIST-800-53-R5:AC-6', 'NIST-800-53-R5:SI-10'],
  remediation: 'Replace the snippet with the controller\'s dedicated annotations or a global setting in its ConfigMap maintained by the platform team; '
    + 'keep allow-snippet-annotations "false" and annotations-risk-level below Critical in the ingress-nginx ConfigMap.',
  evaluate: (resource) => {
    const body = obj(resource.body);
    if (!body) return NOT_APPLICABLE;
    const findings: RuleFinding[] = [];
    if (resource.type === 'ConfigMap') {
      const data = obj(body.data);
      if (!data || (data['allow-snippet-annotations'] === undefined && data['annotations-risk-level'] === undefined)) return NOT_APPLICABLE;
      if ((str(data['allow-snippet-annotations']) ?? '').trim().toLowerCase() === 'true') {
        findings.push({ id: 'data:allow-snippet-annotations', message: 'ConfigMap sets allow-snippet-annotations: "true": the controller accepts snippet annotations from every Ingress.' });
      }
      if ((str(data['annotations-risk-level']) ?? '').trim().toLowerCase() === 'critical') {
        findings.push({ id: 'data:annotations-risk-level', message: 'ConfigMap sets annotations-risk-level: Critical: the controller accepts snippet annotations from every Ingress.' });
      }
      return fromFindings(findings);
    }
    const group = (resource.apiVersion ?? '').split('/')[0];
    if (resource.apiVersion !== undefined && group !== 'networking.k8s.io' && group !== 'extensions') return NOT_APPLICABLE;
    for (const key of snippetAnnotations(obj(obj(body.metadata)?.annotations) ?? {})) {
      findings.push({ id: `annotation:${key}`, message: `Ingress annotation "${key}" inserts raw NGINX configuration into the controller.` });
    }
    return fromFindings(findings);
  },
});
