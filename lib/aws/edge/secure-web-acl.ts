import { ArnFormat, Names, Stack, Token, aws_logs as logs, aws_wafv2 as wafv2 } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { EDGE_DEFAULTS } from './defaults';
import { ManagedRuleGroup } from './types';
import { PropValidator } from '../../core/errors';
import { IEncryptionKey } from '../kms/encryption-key';
import { SecureLogGroup } from '../logs/secure-log-group';

/** Props of a SecureWebAcl. */
export interface SecureWebAclProps {
  /**
   * AWS managed rule groups, evaluated after the rate rule in this order.
   * @default [ManagedRuleGroup.COMMON_RULE_SET, ManagedRuleGroup.KNOWN_BAD_INPUTS, ManagedRuleGroup.AMAZON_IP_REPUTATION]
   */
  readonly managedRuleGroups?: ManagedRuleGroup[];
  /**
   * Requests one client IP may send per evaluation window before it is blocked (10 to 2,000,000,000).
   * @default 1000
   */
  readonly rateLimit?: number;
  /**
   * Evaluation window of the rate rule, seconds: 60, 120, 300 or 600.
   * @default 300
   */
  readonly rateLimitWindowSeconds?: number;
  /**
   * KMS key of the WAF log group.
   * @default - a new EncryptionKey used by the WAF log group only
   */
  readonly logEncryptionKey?: IEncryptionKey;
}

/**
 * A REGIONAL WAFv2 web ACL: a rate-based rule per client IP, AWS managed rule groups, CloudWatch metrics and
 * sampled requests, and logging to a KMS-encrypted log group with the Authorization and Cookie headers redacted.
 */
export class SecureWebAcl extends Construct {
  /** The web ACL. */
  public readonly webAcl: wafv2.CfnWebACL;
  /** Where the WAF logs go (name starts with `aws-waf-logs-`, as WAF requires). */
  public readonly logGroup: logs.LogGroup;
  /** The web ACL ARN. */
  public readonly webAclArn: string;

  constructor(scope: Construct, id: string, props: SecureWebAclProps = {}) {
    super(scope, id);
    const v = new PropValidator(this);
    const rateLimit = props.rateLimit ?? EDGE_DEFAULTS.rateLimit;
    v.require(Token.isUnresolved(rateLimit) || (Number.isInteger(rateLimit) && rateLimit >= 10 && rateLimit <= 2_000_000_000), 'rateLimit',
      `must be an integer from 10 to 2,000,000,000 (got ${rateLimit}).`, 'Pick the highest request count per IP a legitimate client reaches in the window.');
    const window = props.rateLimitWindowSeconds ?? EDGE_DEFAULTS.rateLimitWindowSeconds;
    v.require(Token.isUnresolved(window) || [60, 120, 300, 600].includes(window), 'rateLimitWindowSeconds', `must be 60, 120, 300 or 600 (got ${window}).`, 'Use 300 (five minutes).');
    const groups = props.managedRuleGroups ?? EDGE_DEFAULTS.managedRuleGroups;
    const known = Object.values(ManagedRuleGroup) as string[];
    groups.forEach((g, i) => {
      v.require(known.includes(g), `managedRuleGroups[${i}]`, `is not a known rule group (got ${JSON.stringify(g)}).`, `Use one of ${known.join(', ')}.`);
      v.require(groups.indexOf(g) === i, `managedRuleGroups[${i}]`, `lists ${g} twice.`, 'List each rule group once.');
    });
    v.throwIfInvalid();

    const metric = (name: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: name,
    });
    const base = Names.uniqueResourceName(this, { maxLength: 100, separator: '-' });
    const rules: wafv2.CfnWebACL.RuleProperty[] = [{
      name: 'RateLimitPerIp',
      priority: 0,
      action: { block: {} },
      statement: { rateBasedStatement: { aggregateKeyType: 'IP', limit: rateLimit, evaluationWindowSec: window } },
      visibilityConfig: metric(`${base}-RateLimitPerIp`.slice(0, 128)),
    }, ...groups.map((g, i): wafv2.CfnWebACL.RuleProperty => ({
      name: g,
      priority: i + 1,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: g } },
      visibilityConfig: metric(`${base}-${g}`.slice(0, 128)),
    }))];
    this.webAcl = new wafv2.CfnWebACL(this, 'Resource', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      description: `Web ACL of ${this.node.path}`,
      rules,
      visibilityConfig: metric(base.slice(0, 128)),
    });
    this.webAclArn = this.webAcl.attrArn;

    const logGroupName = `aws-waf-logs-${Names.uniqueResourceName(this, { maxLength: 400, separator: '-' })}`;
    this.logGroup = new SecureLogGroup(this, 'LogGroup', { logGroupName, encryptionKey: props.logEncryptionKey }).logGroup;
    const stack = Stack.of(this);
    const logging = new wafv2.CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      // WAF wants the log group ARN without the trailing `:*` of the LogGroup Arn attribute
      logDestinationConfigs: [stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: logGroupName, arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
      redactedFields: EDGE_DEFAULTS.wafRedactedHeaders.map((name) => ({ singleHeader: { Name: name } })),
    });
    logging.node.addDependency(this.logGroup);
  }

  /** Associates the web ACL with a regional resource (ALB, API Gateway stage, ...). */
  public associate(id: string, resourceArn: string): wafv2.CfnWebACLAssociation {
    return new wafv2.CfnWebACLAssociation(this, id, { webAclArn: this.webAcl.attrArn, resourceArn });
  }
}
