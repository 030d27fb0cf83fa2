import { Aws, CfnJson, Stack, Token, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { IAM_RULE_IDS } from './defaults';
import { BoundTrust } from './private/bound-trust';
import { PropertyProblem, isValidReason, MIN_REASON_LENGTH } from '../../core/errors';

/** Options of a service principal trust. */
export interface ServiceTrustOptions {
  /**
   * Account the calling service must act for (`aws:SourceAccount`).
   * @default - the account of the role's stack
   */
  readonly sourceAccount?: string;
  /**
   * ARN of the resource the calling service must act for (`aws:SourceArn`, compared with `ArnLike`).
   * @default - no source ARN condition
   */
  readonly sourceArn?: string;
  /**
   * Leaves out the `aws:SourceAccount` / `aws:SourceArn` conditions, for services that do not send them when they
   * assume a role. Recorded in the compliance report.
   * @default - conditions are required
   */
  readonly sourceConditionsOptOutReason?: string;
  /**
   * Also allow `sts:TagSession` (session tags), which EKS Pod Identity needs.
   * @default - true for pods.eks.amazonaws.com, false otherwise
   */
  readonly allowSessionTags?: boolean;
}

/** Options of a trust in an AWS account. */
export interface AccountTrustOptions {
  /**
   * External id the caller must pass (`sts:ExternalId`). Required for another account than the role's own unless
   * `externalIdOptOutReason` is given.
   * @default - none
   */
  readonly externalId?: string;
  /**
   * Why a role trusted by another account needs no external id.
   * @default - none
   */
  readonly externalIdOptOutReason?: string;
  /**
   * Principals of that account allowed to assume the role (`aws:PrincipalArn`, compared with `ArnEquals`).
   * @default - any principal of the account whose IAM policies allow sts:AssumeRole on this role
   */
  readonly principalArns?: string[];
  /**
   * Why every principal of the account (whose IAM policies allow it) may assume the role: required when neither
   * `principalArns` nor `externalId` narrows the trust. Recorded in the compliance report.
   * @default - none (principalArns or externalId is required)
   */
  readonly anyPrincipalReason?: string;
}

/** Options of a trust in an OpenID Connect identity provider (IRSA, GitHub Actions, ...). */
export interface OidcTrustOptions {
  /** ARN of the IAM OIDC identity provider. */
  readonly providerArn: string;
  /**
   * The issuer as IAM knows it: the provider URL without `https://`, e.g. `oidc.eks.eu-west-1.amazonaws.com/id/ABC`.
   * May be a token (e.g. an EKS cluster's `clusterOpenIdConnectIssuer`).
   */
  readonly issuer: string;
  /**
   * Exact subjects (`<issuer>:sub`, `StringEquals`) allowed to assume the role, e.g.
   * `system:serviceaccount:<namespace>:<service account>`. Wildcards are refused.
   */
  readonly subjects: string[];
  /**
   * Exact audience (`<issuer>:aud`, `StringEquals`).
   * @default 'sts.amazonaws.com'
   */
  readonly audience?: string;
}

enum TrustKind { SERVICE, ACCOUNT, OIDC, FEDERATED }

const ARN_LIKE_PREFIX = /^arn:[a-z-]+:/;

/**
 * Who may assume a LeastPrivilegeRole. Every trust carries conditions: service principals are scoped to the
 * source account or resource (confused-deputy protection), other accounts need an external id, OIDC providers
 * need exact subjects and audience.
 */
export class RoleTrust {
  /** A service principal such as `lambda.amazonaws.com`, scoped with `aws:SourceAccount` (and optionally `aws:SourceArn`). */
  public static service(servicePrincipal: string, options: ServiceTrustOptions = {}): RoleTrust {
    return new RoleTrust(TrustKind.SERVICE, { servicePrincipal, ...options });
  }

  /** An AWS account. Another account than the role's own needs `externalId` (or `externalIdOptOutReason`). */
  public static account(accountId: string, options: AccountTrustOptions = {}): RoleTrust {
    return new RoleTrust(TrustKind.ACCOUNT, { accountId, ...options });
  }

  /**
   * An OpenID Connect identity provider, with exact `StringEquals` conditions on `<issuer>:sub` and `<issuer>:aud`
   * (`sts:AssumeRoleWithWebIdentity`). This is the trust of IAM roles for Kubernetes service accounts (IRSA).
   */
  public static oidc(options: OidcTrustOptions): RoleTrust {
    return new RoleTrust(TrustKind.OIDC, { ...options });
  }

  /**
   * A given FederatedPrincipal. Its conditions must pin `:sub` and `:aud` with `StringEquals` (no `StringLike`
   * wildcards); prefer `RoleTrust.oidc()`, which builds them.
   */
  public static federated(principal: iam.FederatedPrincipal): RoleTrust {
    return new RoleTrust(TrustKind.FEDERATED, { principal });
  }

  private constructor(private readonly kind: TrustKind, private readonly opts: any) {}

  /**
   * Turns the trust into a principal with its conditions, validating the options.
   * @internal
   */
  public _bind(scope: Construct, property: string): BoundTrust {
    switch (this.kind) {
      case TrustKind.SERVICE: return this.bindService(scope, property);
      case TrustKind.ACCOUNT: return this.bindAccount(scope, property);
      case TrustKind.OIDC: return this.bindOidc(scope, property);
      default: return this.bindFederated(property);
    }
  }

  private bindService(scope: Construct, property: string): BoundTrust {
    const o = this.opts as ServiceTrustOptions & { servicePrincipal: string };
    const problems: PropertyProblem[] = [];
    const overrides: { property: string; reason: string }[] = [];
    const sp = o.servicePrincipal;
    if (typeof sp !== 'string' || (!Token.isUnresolved(sp) && !/^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/.test(sp))) {
      problems.push({ property, problem: `is not a service principal (got ${JSON.stringify(sp)}).`, fix: 'Pass a service principal like "lambda.amazonaws.com".' });
    }
    if (o.sourceAccount !== undefined && !Token.isUnresolved(o.sourceAccount) && !/^\d{12}$/.test(o.sourceAccount)) {
      problems.push({ property: `${property}.sourceAccount`, problem: `is not a 12-digit account id (got ${JSON.stringify(o.sourceAccount)}).`, fix: 'Pass the account id, or leave it out for the role\'s own account.' });
    }
    if (o.sourceArn !== undefined && !Token.isUnresolved(o.sourceArn) && !ARN_LIKE_PREFIX.test(o.sourceArn)) {
      problems.push({ property: `${property}.sourceArn`, problem: `is not an ARN (got ${JSON.stringify(o.sourceArn)}).`, fix: 'Pass the ARN of the resource the service acts for.' });
    }
    if (o.sourceConditionsOptOutReason !== undefined) {
      if (!isValidReason(o.sourceConditionsOptOutReason)) {
        problems.push({ property: `${property}.sourceConditionsOptOutReason`, problem: `must be a reason of at least ${MIN_REASON_LENGTH} characters.`, fix: 'Explain why the service cannot be scoped with aws:SourceAccount / aws:SourceArn.' });
      }
      if (o.sourceAccount !== undefined || o.sourceArn !== undefined) {
        problems.push({ property: `${property}.sourceConditionsOptOutReason`, problem: 'conflicts with sourceAccount / sourceArn.', fix: 'Either scope the trust with sourceAccount / sourceArn or opt out with a reason, not both.' });
      }
    }
    const base = new iam.ServicePrincipal(typeof sp === 'string' ? sp : 'invalid.amazonaws.com');
    const tags = o.allowSessionTags ?? sp === 'pods.eks.amazonaws.com';
    const withTags = (p: iam.IPrincipal): iam.IPrincipal => (tags ? new iam.SessionTagsPrincipal(p) : p);
    if (o.sourceConditionsOptOutReason !== undefined) {
      overrides.push({ property: `${property}.sourceConditionsOptOutReason`, reason: o.sourceConditionsOptOutReason });
      return { principal: withTags(base), problems, overrides };
    }
    const account = o.sourceAccount ?? Stack.of(scope).account ?? Aws.ACCOUNT_ID;
    const conditions: Record<string, any> = { StringEquals: { 'aws:SourceAccount': account } };
    if (o.sourceArn !== undefined) conditions.ArnLike = { 'aws:SourceArn': o.sourceArn };
    return { principal: withTags(base.withConditions(conditions)), problems, overrides };
  }

  private bindAccount(scope: Construct, property: string): BoundTrust {
    const o = this.opts as AccountTrustOptions & { accountId: string };
    const problems: PropertyProblem[] = [];
    const overrides: { property: string; reason: string; suppresses?: string[] }[] = [];
    const own = Stack.of(scope).account;
    const resolved = typeof o.accountId === 'string' && !Token.isUnresolved(o.accountId);
    if (typeof o.accountId !== 'string' || (resolved && !/^\d{12}$/.test(o.accountId))) {
      problems.push({ property, problem: `is not a 12-digit account id (got ${JSON.stringify(o.accountId)}).`, fix: 'Pass the id of the account whose principals may assume the role.' });
    }
    // another account, as far as can be told at synth time
    const foreign = resolved && (Token.isUnresolved(own) || o.accountId !== own);
    if (o.externalId !== undefined && !Token.isUnresolved(o.externalId) && !/^[\w+=,.@:/-]{2,1224}$/.test(o.externalId)) {
      problems.push({ property: `${property}.externalId`, problem: 'must be 2 to 1224 characters of letters, digits and +=,.@:/-.', fix: 'Use the external id agreed with the other account.' });
    }
    if (foreign && o.externalId === undefined) {
      if (o.externalIdOptOutReason === undefined) {
        problems.push({ property: `${property}.externalId`, problem: `is required: account ${o.accountId} is not the role's account, and a cross-account trust without sts:ExternalId is open to the confused-deputy problem.`, fix: 'Pass the external id agreed with the other account, or externalIdOptOutReason.' });
      } else if (!isValidReason(o.externalIdOptOutReason)) {
        problems.push({ property: `${property}.externalIdOptOutReason`, problem: `must be a reason of at least ${MIN_REASON_LENGTH} characters.`, fix: 'Explain why no external id is needed.' });
      } else {
        overrides.push({ property: `${property}.externalIdOptOutReason`, reason: o.externalIdOptOutReason });
      }
    } else if (o.externalIdOptOutReason !== undefined) {
      problems.push({ property: `${property}.externalIdOptOutReason`, problem: 'is only meaningful for another account without externalId.', fix: 'Remove externalIdOptOutReason.' });
    }
    (o.principalArns ?? []).forEach((arn, i) => {
      if (typeof arn !== 'string' || (!Token.isUnresolved(arn) && (!ARN_LIKE_PREFIX.test(arn) || arn.includes('*')))) {
        problems.push({ property: `${property}.principalArns[${i}]`, problem: `must be an exact IAM principal ARN (got ${JSON.stringify(arn)}).`, fix: 'Pass role or user ARNs without wildcards.' });
      }
    });
    const conditions: Record<string, any> = {};
    if (o.externalId !== undefined) conditions.StringEquals = { 'sts:ExternalId': o.externalId };
    if (o.principalArns && o.principalArns.length > 0) conditions.ArnEquals = { 'aws:PrincipalArn': o.principalArns };
    if (Object.keys(conditions).length === 0) {
      // the account root without a condition: every principal of the account its IAM policies let assume the role
      if (o.anyPrincipalReason === undefined) {
        problems.push({
          property: `${property}.principalArns`,
          problem: `is required: without principalArns (or externalId) any principal of account ${o.accountId} whose IAM policies allow sts:AssumeRole can assume the role.`,
          fix: 'List the role or user ARNs that may assume the role, or pass anyPrincipalReason saying why the whole account is trusted.',
        });
      } else if (!isValidReason(o.anyPrincipalReason)) {
        problems.push({ property: `${property}.anyPrincipalReason`, problem: `must be a reason of at least ${MIN_REASON_LENGTH} characters.`, fix: 'Explain why every principal of the account may assume the role.' });
      } else {
        overrides.push({ property: `${property}.anyPrincipalReason`, reason: o.anyPrincipalReason, suppresses: [IAM_RULE_IDS.accountRoot] });
      }
    } else if (o.anyPrincipalReason !== undefined) {
      problems.push({ property: `${property}.anyPrincipalReason`, problem: 'is only meaningful without principalArns and externalId.', fix: 'Remove anyPrincipalReason.' });
    }
    const base = new iam.AccountPrincipal(typeof o.accountId === 'string' ? o.accountId : '000000000000');
    return { principal: Object.keys(conditions).length > 0 ? base.withConditions(conditions) : base, problems, overrides };
  }

  private bindOidc(scope: Construct, property: string): BoundTrust {
    const o = this.opts as OidcTrustOptions;
    const problems: PropertyProblem[] = [];
    if (typeof o.providerArn !== 'string' || (!Token.isUnresolved(o.providerArn) && !/^arn:[a-z-]+:iam::(\d{12}|\$\{Token\[.*\]\}):oidc-provider\/.+/.test(o.providerArn))) {
      problems.push({ property: `${property}.providerArn`, problem: `is not an IAM OIDC provider ARN (got ${JSON.stringify(o.providerArn)}).`, fix: 'Pass arn:aws:iam::<account>:oidc-provider/<issuer>.' });
    }
    if (typeof o.issuer !== 'string' || (!Token.isUnresolved(o.issuer) && (o.issuer.startsWith('https://') || o.issuer.length === 0 || o.issuer.includes('*')))) {
      problems.push({ property: `${property}.issuer`, problem: `must be the issuer without "https://" and without wildcards (got ${JSON.stringify(o.issuer)}).`, fix: 'Pass e.g. "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE".' });
    }
    if (!Array.isArray(o.subjects) || o.subjects.length === 0) {
      problems.push({ property: `${property}.subjects`, problem: 'is empty: any identity of the provider could assume the role.', fix: 'List the exact subjects, e.g. "system:serviceaccount:<namespace>:<name>".' });
    } else {
      o.subjects.forEach((s, i) => {
        if (typeof s !== 'string' || s.length === 0 || (!Token.isUnresolved(s) && (s.includes('*') || s.includes('?')))) {
          problems.push({ property: `${property}.subjects[${i}]`, problem: `must be an exact subject without wildcards (got ${JSON.stringify(s)}).`, fix: 'Name each subject exactly; StringEquals is used.' });
        }
      });
    }
    const audience = o.audience ?? 'sts.amazonaws.com';
    if (typeof audience !== 'string' || audience.length === 0 || (!Token.isUnresolved(audience) && audience.includes('*'))) {
      problems.push({ property: `${property}.audience`, problem: `must be an exact audience (got ${JSON.stringify(o.audience)}).`, fix: 'Use "sts.amazonaws.com" (the default) or the audience your provider issues.' });
    }
    const values = { [`${o.issuer}:sub`]: o.subjects?.length === 1 ? o.subjects[0] : o.subjects, [`${o.issuer}:aud`]: audience };
    // condition keys cannot be tokens in CloudFormation: resolve them through CfnJson when the issuer is a token
    const stringEquals = typeof o.issuer === 'string' && Token.isUnresolved(o.issuer) ? new CfnJson(scope, 'OidcTrustConditions', { value: values }) : values;
    const principal = new iam.FederatedPrincipal(typeof o.providerArn === 'string' ? o.providerArn : 'invalid', { StringEquals: stringEquals }, 'sts:AssumeRoleWithWebIdentity');
    return { principal, problems, overrides: [] };
  }

  private bindFederated(property: string): BoundTrust {
    const p = this.opts.principal as iam.FederatedPrincipal;
    const problems: PropertyProblem[] = [];
    if (!(p instanceof iam.FederatedPrincipal)) {
      return { principal: p, problems: [{ property, problem: 'is not an iam.FederatedPrincipal.', fix: 'Pass an iam.FederatedPrincipal, or use RoleTrust.oidc().' }], overrides: [] };
    }
    const conditions: Record<string, any> = p.conditions ?? {};
    const eq = conditions.StringEquals;
    const keys = eq && typeof eq === 'object' && !Token.isUnresolved(eq) ? Object.keys(eq) : [];
    const resolvedLater = eq && (Token.isUnresolved(eq) || eq instanceof CfnJson);
    if (!resolvedLater) {
      if (!keys.some((k) => k.endsWith(':sub'))) problems.push({ property: `${property}.conditions.StringEquals`, problem: 'has no exact "<issuer>:sub" condition: any identity of the provider could assume the role.', fix: 'Add StringEquals on "<issuer>:sub", or use RoleTrust.oidc().' });
      if (!keys.some((k) => k.endsWith(':aud'))) problems.push({ property: `${property}.conditions.StringEquals`, problem: 'has no exact "<issuer>:aud" condition.', fix: 'Add StringEquals on "<issuer>:aud" (e.g. "sts.amazonaws.com"), or use RoleTrust.oidc().' });
    }
    for (const op of Object.keys(conditions)) {
      if (/Like/.test(op)) problems.push({ property: `${property}.conditions.${op}`, problem: 'allows wildcards in the trust of a federated principal.', fix: 'Use StringEquals with exact values.' });
    }
    return { principal: p, problems, overrides: [] };
  }
}
