import { NOT_APPLICABLE, Resource, RuleContext, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { Alt, display, hasTokens, referencedResource } from '../../../values/cfn-resolve';
import { Findings, Verdict, valuesOf } from '../../../values/cfn-values';
import { asList, obj } from '../../../values/json';

/** Whether a list of listener actions only redirects to HTTPS (undefined when an action is not known before deployment). */
export function onlyRedirectsToHttps(actions: unknown): Verdict {
  if (typeof actions === 'string' && hasTokens(actions)) return undefined;
  const list = asList(actions);
  if (list.length === 0) return false;
  let unknown = false;
  for (const a of list) {
    const o = obj(a);
    const type = o?.Type;
    const protocol = obj(o?.RedirectConfig)?.Protocol;
    if (!o || [type, protocol].some((x) => typeof x === 'string' && hasTokens(x))) {
      unknown = true;
      continue;
    }
    if (typeof type !== 'string' || type.trim().toLowerCase() !== 'redirect') return false;
    if (typeof protocol !== 'string' || protocol.trim().toUpperCase() !== 'HTTPS') return false;
  }
  return unknown ? undefined : true;
}

/** Whether a listener's protocol is HTTP in an alternative: true, false, or undefined when not known. */
function isHttp(protocol: unknown): Verdict {
  if (typeof protocol === 'string' && hasTokens(protocol)) return undefined;
  return typeof protocol === 'string' && protocol.trim().toUpperCase() === 'HTTP';
}

function judge(findings: Findings, id: string, what: string, http: Verdict, actions: unknown, a: Alt): void {
  if (http === false) return;
  const redirect = onlyRedirectsToHttps(actions);
  if (redirect === true) return;
  if (http === true && redirect === false) findings.fail(id, id, `${what} of an HTTP listener ${describe(actions)}, not only a redirect to HTTPS.`, a);
  else findings.unverified(id, id, `${what} of a listener whose protocol or actions are not known before deployment may serve plain HTTP.`, a);
}

function describe(actions: unknown): string {
  const types = asList(actions).map((x) => display(obj(x)?.Type ?? x));
  return types.length === 0 ? 'has no action' : `are ${types.join(', ')}`;
}

/** The protocols of the listener a listener rule belongs to (in the template), or undefined when it is not there. */
function listenerProtocols(rule: Resource, context: RuleContext, arn: unknown): Alt[] | undefined {
  const id = referencedResource(arn);
  const listener = id ? context.byLogicalId(rule.stack, id) : undefined;
  if (!listener || listener.type !== 'AWS::ElasticLoadBalancingV2::Listener') return undefined;
  return valuesOf(listener, context).alts('Protocol');
}

/**
 * HTTP listeners only redirect to HTTPS: every default action of an `HTTP` listener, and every action of its listener
 * rules, is a redirect with Protocol HTTPS (a forward or a fixed response serves plain HTTP). Finding ids
 * `default-actions` (listener) and `actions` (listener rule). Rules of a listener outside the template are not
 * applicable (the listener is checked where it is defined).
 */
export const AWS_EDGE_ALB_HTTP_REDIRECT = defineRule({
  id: 'aws-edge-alb-http-redirect',
  title: 'HTTP listeners only redirect to HTTPS',
  description: 'An HTTP load balancer listener (or one of its rules) forwards requests or answers them instead of redirecting to HTTPS: traffic, '
    + 'cookies and tokens travel in plain text.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::ElasticLoadBalancingV2::Listener', 'AWS::ElasticLoadBalancingV2::ListenerRule'],
  controls: ['NIST-800-53-R5:SC-8', 'NIST-800-53-R5:SC-8(1)', 'NIST-800-53-R5:SC-23', 'PCI-DSS-3.2.1:4.1', 'HIPAA:164.312(e)(1)', 'AWS-CT:CT.ELASTICLOADBALANCING.PR.1'],
  remediation: 'Serve traffic on an HTTPS listener and give the HTTP listener a single redirect action to HTTPS (port 443, HTTP_301); MtlsHttpsService redirectHttp does.',
  evaluate: (resource, context) => {
    const findings = new Findings();
    let applicable = false;
    for (const a of valuesOf(resource, context).alts([])) {
      const p = obj(a.value) ?? {};
      if (resource.type === 'AWS::ElasticLoadBalancingV2::Listener') {
        const http = isHttp(p.Protocol);
        if (http !== false) applicable = true;
        judge(findings, 'default-actions', 'The default actions', http, p.DefaultActions, a);
        continue;
      }
      const protocols = listenerProtocols(resource, context, p.ListenerArn);
      if (!protocols) continue;
      for (const pr of protocols) {
        const http = isHttp(pr.value);
        if (http !== false) applicable = true;
        judge(findings, 'actions', 'The actions of this rule', http, p.Actions, { value: a.value, via: [...a.via, ...pr.via] });
      }
    }
    return applicable ? fromFindings(findings.list()) : NOT_APPLICABLE;
  },
});
