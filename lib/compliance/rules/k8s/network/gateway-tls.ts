import { NOT_APPLICABLE, Resource, RuleContext, RuleFinding, RuleResult, cannotVerify, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { arr, obj, str } from '../pod';

const GATEWAY_API = 'gateway.networking.k8s.io';
const ISTIO = 'networking.istio.io';

function group(apiVersion: string | undefined): string {
  const v = apiVersion ?? '';
  const i = v.indexOf('/');
  return i < 0 ? '' : v.slice(0, i);
}

/**
 * Certificates given outside `certificateRefs`: GKE's `tls.options` `networking.gke.io/pre-shared-certs` and the
 * Gateway annotation `networking.gke.io/certmap` (Certificate Manager).
 */
const CERT_OPTIONS: readonly string[] = ['networking.gke.io/pre-shared-certs'];
const CERT_ANNOTATIONS: readonly string[] = ['networking.gke.io/certmap'];

/** A route of the run attached to a Gateway, through one of its parentRefs. */
interface Attachment {
  readonly route: Resource;
  readonly sectionName?: string;
  readonly port?: unknown;
}

/** HTTPRoutes and GRPCRoutes of the run by the Gateway (`namespace/name`) their parentRefs name (built once per run). */
function attachments(ctx: RuleContext): Map<string, Attachment[]> {
  return ctx.memo('k8s-network-gateway-tls:routes', () => {
    const out = new Map<string, Attachment[]>();
    for (const kind of ['HTTPRoute', 'GRPCRoute']) {
      for (const route of ctx.ofType(kind)) {
        if (group(route.apiVersion) !== GATEWAY_API) continue;
        for (const r of arr(obj(obj(route.body)?.spec)?.parentRefs)) {
          const ref = obj(r);
          const name = str(ref?.name);
          if (!ref || name === undefined) continue;
          if ((str(ref.group) ?? GATEWAY_API) !== GATEWAY_API || (str(ref.kind) ?? 'Gateway') !== 'Gateway') continue;
          const key = `${str(ref.namespace) ?? route.namespace ?? 'default'}/${name}`;
          const list = out.get(key) ?? [];
          list.push({ route, sectionName: str(ref.sectionName), port: ref.port });
          out.set(key, list);
        }
      }
    }
    return out;
  });
}

/** Whether a route rule redirects to https (a RequestRedirect filter with scheme https). */
function redirectsToHttps(rule: unknown): boolean {
  return arr(obj(rule)?.filters).some((f) => {
    const filter = obj(f);
    return filter?.type === 'RequestRedirect' && str(obj(filter.requestRedirect)?.scheme)?.toLowerCase() === 'https';
  });
}

/** Whether a listener admits routes from a route's namespace (allowedRoutes.namespaces.from: Same by default; a Selector is read as admitting). */
function admits(listener: Record<string, any>, gatewayNs: string, routeNs: string): boolean {
  const from = str(obj(obj(listener.allowedRoutes)?.namespaces)?.from) ?? 'Same';
  return from !== 'Same' || routeNs === gatewayNs;
}

function certificateGiven(tls: Record<string, any> | undefined, annotations: Record<string, any>): boolean {
  if (arr(tls?.certificateRefs).length > 0) return true;
  const options = obj(tls?.options) ?? {};
  if (CERT_OPTIONS.some((k) => (str(options[k]) ?? '').trim() !== '')) return true;
  return CERT_ANNOTATIONS.some((k) => (str(annotations[k]) ?? '').trim() !== '');
}

function gatewayApi(resource: Resource, body: Record<string, any>, ctx: RuleContext): RuleResult {
  const listeners = arr(obj(body.spec)?.listeners).map(obj).filter((l): l is Record<string, any> => l !== undefined);
  const annotations = obj(obj(body.metadata)?.annotations) ?? {};
  const gatewayNs = resource.namespace ?? 'default';
  const hasTls = listeners.some((l) => ['HTTPS', 'TLS'].includes(str(l.protocol) ?? ''));
  const findings: RuleFinding[] = [];
  listeners.forEach((l, i) => {
    const name = str(l.name) ?? `#${i}`;
    const protocol = str(l.protocol) ?? '';
    const label = `listener "${name}" (${protocol} port ${String(l.port)})`;
    if (protocol === 'HTTPS' || protocol === 'TLS') {
      const tls = obj(l.tls);
      const mode = str(tls?.mode) ?? 'Terminate';
      if (mode === 'Passthrough' && protocol === 'TLS') return; // TLS end to end: the backend terminates it (TLSRoute)
      if (!certificateGiven(tls, annotations)) {
        findings.push({ id: `listener:${name}`, message: `${label} terminates TLS but has no tls.certificateRefs (nor a GKE pre-shared certificate or certificate map): it has no certificate to serve.` });
      }
      return;
    }
    if (protocol !== 'HTTP') return; // TCP, UDP and implementation protocols carry whatever the client sends
    if (!hasTls) {
      findings.push({ id: `listener:${name}`, message: `${label} serves plain HTTP, and the Gateway has no HTTPS or TLS listener: all its traffic is unencrypted.` });
      return;
    }
    const attached = (attachments(ctx).get(`${gatewayNs}/${resource.objectName ?? ''}`) ?? []).filter((a) =>
      (a.sectionName === undefined || a.sectionName === name)
      && (a.port === undefined || a.port === null || a.port === l.port)
      && admits(l, gatewayNs, a.route.namespace ?? 'default'));
    if (attached.length === 0) {
      findings.push(cannotVerify(`listener:${name}`, `${label} serves plain HTTP to whatever route attaches to it, and no HTTPRoute of the checked manifests attaches to it with a redirect to https.`));
      return;
    }
    const plain: string[] = [];
    for (const a of attached) {
      const rules = arr(obj(obj(a.route.body)?.spec)?.rules);
      const forwarding = a.route.type === 'GRPCRoute' ? rules.map((_r, j) => j) : rules.flatMap((r, j) => (redirectsToHttps(r) ? [] : [j]));
      if (rules.length === 0 || forwarding.length > 0) plain.push(`${a.route.type} ${a.route.name}${rules.length === 0 ? '' : ` rules[${forwarding.join(', ')}]`}`);
    }
    if (plain.length > 0) {
      findings.push({ id: `listener:${name}`, message: `${label} serves plain HTTP: ${plain.join('; ')} forward${plain.length === 1 ? 's' : ''} to backends instead of redirecting to https.` });
    }
  });
  return fromFindings(findings);
}

const ISTIO_PLAIN = ['HTTP', 'HTTP2', 'GRPC'];
const ISTIO_TLS = ['HTTPS', 'TLS'];
const ISTIO_TERMINATE = ['SIMPLE', 'MUTUAL', 'OPTIONAL_MUTUAL'];

function istio(body: Record<string, any>): RuleResult {
  const findings: RuleFinding[] = [];
  arr(obj(body.spec)?.servers).forEach((s, i) => {
    const server = obj(s);
    if (!server) return;
    const port = obj(server.port);
    const protocol = (str(port?.protocol) ?? '').toUpperCase();
    const name = str(port?.name) ?? String(port?.number ?? i);
    const label = `servers[${i}] (${protocol} port ${String(port?.number)})`;
    const tls = obj(server.tls);
    if (ISTIO_PLAIN.includes(protocol)) {
      if (protocol === 'HTTP' && tls?.httpsRedirect === true) return;
      findings.push({ id: `server:${name}`, message: `${label} serves plain ${protocol}${protocol === 'HTTP' ? ' without tls.httpsRedirect: true' : ''}.` });
      return;
    }
    if (!ISTIO_TLS.includes(protocol)) return; // TCP, MONGO...: whatever the client sends
    const mode = (str(tls?.mode) ?? '').toUpperCase();
    if (!tls) {
      findings.push({ id: `server:${name}`, message: `${label} has no tls settings: it has no certificate to serve.` });
    } else if ((mode === '' || ISTIO_TERMINATE.includes(mode))
      && (str(tls.credentialName) ?? '').trim() === '' && arr(tls.credentialNames).length === 0 && (str(tls.serverCertificate) ?? '').trim() === '') {
      findings.push({ id: `server:${name}`, message: `${label} terminates TLS (mode ${mode || 'SIMPLE'}) without credentialName or serverCertificate: it has no certificate to serve.` });
    }
  });
  return fromFindings(findings);
}

/**
 * Gateways terminate TLS for what they serve, as Ingresses must (k8s-network-ingress-tls). Gateway API
 * (`gateway.networking.k8s.io`): an HTTPS listener, or a TLS listener in mode Terminate, needs a certificate
 * (`tls.certificateRefs`, or GKE's pre-shared certificate option / certificate-map annotation); a TLS listener in mode
 * Passthrough hands TLS to the backend (TLSRoute) and is fine. An HTTP listener is plain: it is reported when the
 * Gateway has no HTTPS/TLS listener at all, or when an HTTPRoute attached to it (parentRef to the Gateway, with its
 * sectionName / port, admitted by allowedRoutes) has a rule that forwards instead of redirecting to https (a
 * RequestRedirect filter with scheme https), or a GRPCRoute is attached; with no attached route in the checked
 * manifests it cannot be verified. TCP and UDP listeners are not judged. Istio `networking.istio.io` Gateway: an HTTP
 * server without `tls.httpsRedirect: true`, a plain HTTP2 / GRPC server, and an HTTPS / TLS server that terminates
 * TLS (SIMPLE, MUTUAL, OPTIONAL_MUTUAL) without credentialName(s) or serverCertificate; PASSTHROUGH, AUTO_PASSTHROUGH
 * and ISTIO_MUTUAL are fine.
 */
export const K8S_NETWORK_GATEWAY_TLS = defineRule({
  id: 'k8s-network-gateway-tls',
  title: 'Gateways terminate TLS for the traffic they serve',
  description: 'A Gateway API Gateway has an HTTP listener that serves routes in clear text (no HTTPS/TLS listener at all, or an attached route that forwards instead of '
    + 'redirecting to https), or an HTTPS/TLS listener that terminates TLS without certificateRefs; or an Istio Gateway has a plain HTTP server without httpsRedirect '
    + 'or a TLS server without credentials.',
  severity: 'error',
  platform: 'k8s',
  appliesTo: ['Gateway'],
  controls: ['NSA-CISA:network-separation', 'NIST-800-53-R5:SC-8', 'NIST-800-53-R5:SC-23'],
  remediation: 'Give the Gateway an HTTPS listener with tls.certificateRefs (e.g. a cert-manager Certificate Secret) and attach the routes to it; keep an HTTP listener '
    + 'only for an HTTPRoute whose rules redirect to https (RequestRedirect filter, scheme https). For Istio, set tls.httpsRedirect: true on HTTP servers and '
    + 'credentialName on HTTPS servers.',
  evaluate: (resource, ctx) => {
    const body = obj(resource.body);
    if (!body) return NOT_APPLICABLE;
    const g = group(resource.apiVersion);
    if (g === GATEWAY_API) return gatewayApi(resource, body, ctx);
    if (g === ISTIO) return istio(body);
    return NOT_APPLICABLE;
  },
});
