/** The one check of "this stateful resource survives stack deletion / replacement", shared by the retained rules. */
import { Resource, RuleContext } from '../../../model';
import { display, hasTokens } from '../../../values/cfn-resolve';
import { Findings, valuesOf } from '../../../values/cfn-values';

const RETAIN = new Set(['Retain', 'RetainExceptOnCreate']);

/**
 * Judges `DeletionPolicy` (absent: Delete) and, with `replace`, `UpdateReplacePolicy` when it is set, in every
 * possible value (CloudFormation accepts intrinsics there with AWS::LanguageExtensions). Finding id `options.id`.
 */
export function judgeRetained(resource: Resource, context: RuleContext, findings: Findings, options: { replace?: boolean; id?: string } = {}): void {
  const v = valuesOf(resource, context);
  const good = (x: unknown) => (typeof x === 'string' && RETAIN.has(x) ? true : typeof x === 'string' && hasTokens(x) ? undefined : false);
  const fmt = (x: unknown) => JSON.stringify(x === undefined ? 'Delete' : display(x));
  findings.check('DeletionPolicy', v.attribute('DeletionPolicy'), good, {
    id: options.id,
    bad: (x) => `DeletionPolicy is ${fmt(x)}, not Retain.`,
    unknown: (x) => `DeletionPolicy is ${display(x)}.`,
  });
  if (options.replace) {
    findings.check('DeletionPolicy', v.attribute('UpdateReplacePolicy').filter((a) => a.value !== undefined), good, {
      id: options.id,
      bad: (x) => `UpdateReplacePolicy is ${fmt(x)}, not Retain: a replacement deletes the old resource.`,
      unknown: (x) => `UpdateReplacePolicy is ${display(x)}.`,
    });
  }
}
