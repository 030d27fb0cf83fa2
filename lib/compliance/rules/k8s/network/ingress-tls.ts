import { COMPLIANT, NOT_APPLICABLE, RuleFinding, RuleResult, fromFindings, nonCompliant } from '../../../model';
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

const ALB_CERT = 'alb.ingress.kubernetes.io/certificate-arn';
const ALB_PORTS = 'alb.ingress.kubernetes.io/listen-ports';
const ALB_REDIRECT = 'alb.ingress.kubernetes.io/ssl-redirect';
const GKE_CERTS = ['ingress.gcp.kubernetes.io/pre-shared-cert', 'networking.gke.io/managed-certificates'];

/**
 * Cloud controllers that take certificates from annotations instead of `tls`: the AWS Load Balancer Controller
 * (`certificate-arn`; it listens on HTTPS:443 only unless `listen-ports` adds an HTTP listener, which is plain
 * unless `ssl-redirect` is set) and GKE (`pre-shared-cert`, `managed-certificates`; the certificates' hosts are
 * not in the manifest). Undefined when no such annotation is set.
 */
function cloudCertificate(annotations: Record<string, any>): RuleResult | undefined {
  if ((str(annotations[ALB_CERT]) ?? '').trim() !== '') {
    const ports = str(annotations[ALB_PORTS]) ?? '';
    const redirect = (str(annotations[ALB_REDIRECT]) ?? '').trim() !== '';
    if (/"HTTP"\s*:/.test(ports) && !redirect) {
      return nonCompliant({ id: 'alb:http-listener', message: `The ALB has an HTTP listener (${ALB_PORTS}: ${ports}) without ${ALB_REDIRECT}: that listener serves plain HTTP.` });
    }
    return COMPLIANT;
  }
  if (GKE_CERTS.some((k) => (str(annotations[k]) ?? '').trim() !== '')) return COMPLIANT;
  return undefined;
}

/**
 * An Ingress serves its rules over HTTPS only for the hosts of its `tls` entries (an entry without hosts uses the
 * controller's default certificate for every host). A host no entry covers is served in clear text; a rule without a
 * host matches every Host header and is covered only by such a default entry.
 */
export const K8S_NETWORK_INGRESS_TLS = defineRule({
  id: 'k8s-network-ingress-tls',
  title: 'Ingresses terminate TLS for every host they route',
  description: 'The Ingress has no tls section, or a host of its rules is not covered by the hosts of any tls entry (a wildcard *.example.com covers exactly one more label), so that traffic is served over plain HTTP. Certificates given by annotation count: AWS Load Balancer Controller alb.ingress.kubernetes.io/certificate-arn (an HTTP listener without ssl-redirect is reported) and GKE pre-shared-cert / managed-certificates.',
  severity: 'error',
  platform: 'k8s',
  appliesTo: ['Ingress'],
  controls: ['NSA-CISA:network-separation', 'NIST-800-53-R5:SC-8', 'NIST-800-53-R5:SC-23'],
  remediation: 'Add a tls entry whose hosts cover every rule host (with a certificate Secret, e.g. from cert-manager), and give every rule a host; redirect HTTP to HTTPS at the controller.',
  evaluate: (resource) => {
    const group = (resource.apiVersion ?? '').split('/')[0];
    if (resource.apiVersion !== undefined && group !== 'networking.k8s.io' && group !== 'extensions') return NOT_APPLICABLE; // e.g. OpenShift's config Ingress
    const spec = obj(obj(resource.body)?.spec);
    const annotations = obj(obj(obj(resource.body)?.metadata)?.annotations) ?? {};
    const cloudCert = cloudCertificate(annotations);
    if (cloudCert !== undefined) return cloudCert;
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
