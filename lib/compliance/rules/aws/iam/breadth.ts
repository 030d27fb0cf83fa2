/** How broad a statement is: actions that cover a whole service (or every service), resources that cover everything. */
import { Statement, actionCovers } from './policy-document';
import { hasTokens, literalText, shape, tokenKind } from '../../../values/cfn-resolve';
import { Verdict } from '../../../values/cfn-values';

/**
 * An action name no service has (actions start with a letter and are shorter), so that a pattern covering it covers
 * every action of a service: `s3:*`, `s3:?*`, `*`, but not `s3:Get*`, `s3:*Object`, `s3:????`.
 */
const ANY_ACTION = '0anyactionwhatsoever9';

/**
 * Whether an action pattern covers every action of a service (`s3:*`) or of every service (`*`, `*:*`, `s*:*`):
 * true, false, or undefined when the pattern is not known before deployment. Returns the services it spans.
 */
export function wholeServicePattern(pattern: string): { covers: Verdict; allServices: boolean } {
  if (hasTokens(pattern) && tokenKind(pattern) === 'u') return { covers: undefined, allServices: false };
  const p = literalText(pattern).trim();
  const i = p.indexOf(':');
  if (i < 0) return { covers: actionCovers(p, `anyservicewhatsoever:${ANY_ACTION}`) === true, allServices: true };
  const service = p.slice(0, i);
  const sample = service.replace(/[*?]/g, 'x');
  const covers = actionCovers(p, `${sample}:${ANY_ACTION}`) === true;
  return { covers, allServices: covers && /^[*?]*\*[*?]*$/.test(service) };
}

/**
 * Whether a resource value covers every resource: `*`, or an ARN whose resource part (and service) are only
 * wildcards (`arn:aws:s3:::*`, `arn:*:*:*:*:*`). A resource that is unknown before deployment: undefined.
 */
export function isAllResources(r: unknown): Verdict {
  if (typeof r !== 'string') return undefined;
  const unknown = hasTokens(r) && tokenKind(r) === 'u';
  // an unknown part could be "*": judge the value with it as "*"
  const all = coversAll(shape(r).replace(/<u>/g, '*').trim());
  return all && unknown ? undefined : all;
}

function coversAll(s: string): boolean {
  if (/^[*?]+$/.test(s)) return true;
  const parts = s.split(':');
  return parts[0] === 'arn' && parts.length >= 6 && /^[*?:/]+$/.test(parts.slice(5).join(':'));
}

/** Whether a statement applies to every resource: NotResource (everything but some), or a Resource that covers all. */
export function appliesToAllResources(s: Statement): Verdict {
  if (s.hasNotResource) return true;
  let unknown = false;
  for (const r of s.resources) {
    const v = isAllResources(r);
    if (v === true) return true;
    if (v === undefined) unknown = true;
  }
  return unknown ? undefined : false;
}
