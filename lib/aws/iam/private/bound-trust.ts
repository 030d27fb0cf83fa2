import { aws_iam as iam } from 'aws-cdk-lib';
import { PropertyProblem } from '../../../core/errors';

/** What a bound RoleTrust contributes to a role. */
export interface BoundTrust {
  readonly principal: iam.IPrincipal;
  readonly problems: PropertyProblem[];
  /** Weakenings recorded on the role, with the rule ids they accept (default: aws-iam-role-trust-conditions). */
  readonly overrides: { property: string; reason: string; suppresses?: string[] }[];
}
