import { COMPLIANT, NOT_APPLICABLE, RuleFinding, fromFindings, nonCompliant } from '../../../model';
import { defineRule } from '../../../rule';
import { arr, obj, str } from '../pod';

/** Whether a TLS host (`app.example.com`, or `*.example.com` for exactly one more label) covers a rule host. */
export function tlsCovers(tlsHost: string, host: string): boolean {
  const t = tlsHost.toLowerCase();
  const h = host.toLowerCase();
  if (t === h) return true;
  if (!t.startsWith('*.') || h.startsWith('*.')) return false;
  const dot = h.indexOf('.');
  return dot > 0 && h.slice(dot + 1) === t.slice(2);
}

/**
 * An Ingress serves its rules over HTTPS only for the hosts of its `tls` entries (an entry without hosts uses the
 * controller's default certificate for every host). A host no entry covers is served in clear text; a rule without a
 * host matches every Host header and is covered only by such a default entry.
 */
export const K8S_NETWORK_INGRESS_TLS = defineRule({
  id: 'k8s-network-ingress-tls',
  title: 'Ingresses terminate TLS for every host they route',
  description: 'The Ingress has no tls section, or a host of its rules is not covered by the hosts of any tls entry (a wildcard *.example.com covers exactly one more label), so that traffic is served over plain HTTP.',
  severity: 'error',
  platform: 'k8s',
  appliesTo: ['Ingress'],
  controls: ['NSA-CISA:network-separation', 'NIST-800-53-R5:SC-8', 'NIST-800-53-R5:SC-23'],
  remediation: 'Add a tls entry whose hosts cover every rule host (with a certificate Secret, e.g. from cert-manager), and give every rule a host; redirect HTTP to HTTPS at the controller.',
  evaluate: (resource) => {
    const group = (resource.apiVersion ?? '').split('/')[0];
    if (resource.apiVersion !== undefined && group !== 'networking.k8s.io' && group !== 'extensions') return NOT_APPLICABLE; // e.g. OpenShift's config Ingress
    const spec = obj(obj(resource.body)?.spec);
    const tls = arr(spec?.tls).map(obj).filter((t): t is Record<string, any> => t !== undefined);
    if (tls.length === 0) return nonCompliant({ id: 'tls:missing', message: 'Ingress has no tls section: every host is served over plain HTTP.' });
    const defaultCert = tls.some((t) => arr(t.hosts).length === 0);
    if (defaultCert) return COMPLIANT;
    const tlsHosts = tls.flatMap((t) => arr(t.hosts)).filter((h): h is string => typeof h === 'string');
    const findings: RuleFinding[] = [];
    const seen = new Set<string>();
    for (const r of arr(spec?.rules)) {
      const host = str(obj(r)?.host) ?? '';
      if (seen.has(host)) continue;
      seen.add(host);
      if (host === '') findings.push({ id: 'host:*', message: 'A rule without host matches every Host header, and no tls entry without hosts (default certificate) covers it.' });
      else if (!tlsHosts.some((t) => tlsCovers(t, host))) findings.push({ id: `host:${host}`, message: `Host "${host}" is not covered by the tls hosts [${tlsHosts.join(', ')}].` });
    }
    if (arr(spec?.rules).length === 0 && (spec?.defaultBackend !== undefined || spec?.backend !== undefined)) {
      findings.push({ id: 'host:*', message: 'The default backend serves every Host header, and no tls entry without hosts (default certificate) covers it.' });
    }
    return fromFindings(findings);
  },
});
