/**
 * Construct-time access to the value-resolution layer of the compliance rules: what a CDK token (a CIDR written with
 * `Fn.sub`, a `CfnParameter` value, a VPC's CIDR block...) can be once CloudFormation evaluates it. Constructs use it
 * so that a value they must refuse cannot slip through written as an intrinsic.
 */
import { CfnElement, CfnResource, Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { Alt, CfnScope, display, expand, hasTokens, resolve } from '../../compliance/values/cfn-resolve';
import { viaText } from '../../compliance/values/cfn-values';
import { isInternetWideCidr } from '../../core/cidr';

/** The template fragments (Parameters, Mappings, Conditions, Resources by logical id) of a stack, read lazily. */
function stackScope(stack: Stack): CfnScope {
  const sections: Record<string, Record<string, unknown>> = { Parameters: {}, Mappings: {}, Conditions: {} };
  const resources = new Map<string, CfnResource>();
  for (const c of stack.node.findAll()) {
    if (!CfnElement.isCfnElement(c) || Stack.of(c) !== stack) continue;
    if (CfnResource.isCfnResource(c)) {
      resources.set(stack.resolve(c.logicalId), c);
      continue;
    }
    try {
      const fragment = stack.resolve((c as any)._toCloudFormation()) as Record<string, Record<string, unknown>>;
      for (const k of Object.keys(sections)) Object.assign(sections[k], fragment?.[k] ?? {});
    } catch {
      // an element that cannot be rendered yet contributes nothing: references to it stay unknown
    }
  }
  const rendered = new Map<string, unknown>();
  const resourceProxy = new Proxy({}, {
    has: (_t, k) => typeof k === 'string' && resources.has(k),
    getOwnPropertyDescriptor: (_t, k) => (typeof k === 'string' && resources.has(k) ? { configurable: true, enumerable: true, value: get(k) } : undefined),
    get: (_t, k) => (typeof k === 'string' ? get(k) : undefined),
    ownKeys: () => [...resources.keys()],
  });
  function get(id: string): unknown {
    if (!resources.has(id)) return undefined;
    if (!rendered.has(id)) {
      let entry: unknown;
      try {
        entry = (stack.resolve((resources.get(id) as any)._toCloudFormation()) as any)?.Resources?.[id];
      } catch {
        entry = undefined;
      }
      rendered.set(id, entry);
    }
    return rendered.get(id);
  }
  return new CfnScope({ ...sections, Resources: resourceProxy });
}

/**
 * The possible values of a value given to a construct: a literal is itself; a token is resolved as CloudFormation
 * will evaluate it in the construct's stack (each alternative with how it arises; unknown parts are tokens of the
 * resolution layer, see `containsUnknown`).
 */
export function possibleValues(scope: IConstruct, value: unknown): Alt[] {
  if (!Token.isUnresolved(value)) return [{ value, via: [] }];
  const stack = Stack.of(scope);
  return expand(resolve(stack.resolve(value), stackScope(stack)));
}

/**
 * Whether a CIDR given to a construct can be the whole internet once CloudFormation evaluates it: the first possible
 * value that is open (0.0.0.0/0, ::/0, or a block holding a large part of the internet such as 0.0.0.0/1: see
 * isInternetWideCidr), else the first one that is unknown before deployment.
 */
export function openCidrOf(scope: IConstruct, cidr: unknown): { open?: Alt<string>; unknown?: Alt } {
  if (cidr === undefined) return {};
  const possible = possibleValues(scope, cidr);
  const open = possible.find((a) => typeof a.value === 'string' && !hasTokens(a.value) && isInternetWideCidr(a.value));
  if (open) return { open: open as Alt<string> };
  return { unknown: possible.find((a) => typeof a.value !== 'string' || hasTokens(a.value)) };
}

/** How an open value arises, for error messages: empty for a literal. */
export function howItArises(given: unknown, alt: Alt): string {
  return Token.isUnresolved(given) ? ` (the value is written as an intrinsic and can be ${display(alt.value)}${viaText(alt)})` : '';
}
