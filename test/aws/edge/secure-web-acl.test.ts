import { ManagedRuleGroup, SecureWebAcl } from '../../../lib/aws/edge';
import { EncryptionKey } from '../../../lib/aws/kms';
import { openFindings, synthAndCheck } from '../../util/aws';
import { expectDocumentedDefaultsMatchSource, expectInvalid, resourcesOf, synthTemplate } from '../network/doc-defaults';

describe('SecureWebAcl', () => {
  test('no options: every pack clean; documented defaults match the source and the output', () => {
    expect(openFindings(synthAndCheck((stack) => {
      new SecureWebAcl(stack, 'Acl');
    }, { env: { account: '123456789012', region: 'eu-west-1' } }))).toEqual([]);
    const documented = expectDocumentedDefaultsMatchSource('SecureWebAcl', [['lib/aws/edge/secure-web-acl.ts', 'SecureWebAclProps']]);
    const { json } = synthTemplate((stack) => {
      new SecureWebAcl(stack, 'Acl');
    });
    const [[aclId, acl]] = resourcesOf(json, 'AWS::WAFv2::WebACL');
    const [[logGroupId, logGroup]] = resourcesOf(json, 'AWS::Logs::LogGroup');
    const checks: Record<string, () => void> = {
      managedRuleGroups: () => expect(acl.Properties.Rules.slice(1)
        .map((r: any) => [r.Priority, r.Statement.ManagedRuleGroupStatement, r.OverrideAction]))
        .toEqual([ManagedRuleGroup.COMMON_RULE_SET, ManagedRuleGroup.KNOWN_BAD_INPUTS, ManagedRuleGroup.AMAZON_IP_REPUTATION].map((g, i) => [i + 1, { VendorName: 'AWS', Name: g }, { None: {} }])),
      rateLimit: () => expect(acl.Properties.Rules[0]).toMatchObject({ Name: 'RateLimitPerIp', Priority: 0, Action: { Block: {} }, Statement: { RateBasedStatement: { Limit: 1000, AggregateKeyType: 'IP' } } }),
      rateLimitWindowSeconds: () => expect(acl.Properties.Rules[0].Statement.RateBasedStatement.EvaluationWindowSec).toBe(300),
      logEncryptionKey: () => {
        const [[keyId, key]] = resourcesOf(json, 'AWS::KMS::Key');
        expect(key.Properties.EnableKeyRotation).toBe(true);
        expect(logGroup.Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
      },
    };
    expect(Object.keys(checks).sort()).toEqual([...documented.keys()].sort());
    for (const c of Object.values(checks)) c();
    expect(acl.Properties).toMatchObject({ Scope: 'REGIONAL', DefaultAction: { Allow: {} }, VisibilityConfig: { CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true } });
    const [[, logging]] = resourcesOf(json, 'AWS::WAFv2::LoggingConfiguration');
    expect(logging.Properties.ResourceArn).toEqual({ 'Fn::GetAtt': [aclId, 'Arn'] });
    expect(logging.Properties.RedactedFields).toEqual([{ SingleHeader: { Name: 'authorization' } }, { SingleHeader: { Name: 'cookie' } }]);
    expect(logging.DependsOn).toContain(logGroupId);
    expect(logGroup.Properties.LogGroupName).toMatch(/^aws-waf-logs-/);
    expect(JSON.stringify(logging.Properties.LogDestinationConfigs)).toContain(`:log-group:${logGroup.Properties.LogGroupName}`);
  });

  test('options: rule groups, limit, window, a shared key', () => {
    const { json } = synthTemplate((stack) => {
      const key = new EncryptionKey(stack, 'Key');
      const acl = new SecureWebAcl(stack, 'Acl', { managedRuleGroups: [ManagedRuleGroup.SQL_DATABASE], rateLimit: 200, rateLimitWindowSeconds: 60, logEncryptionKey: key });
      acl.associate('Assoc', 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/x/1');
    });
    const [[, acl]] = resourcesOf(json, 'AWS::WAFv2::WebACL');
    expect(acl.Properties.Rules.map((r: any) => r.Name)).toEqual(['RateLimitPerIp', 'AWSManagedRulesSQLiRuleSet']);
    expect(acl.Properties.Rules[0].Statement.RateBasedStatement).toMatchObject({ Limit: 200, EvaluationWindowSec: 60 });
    expect(resourcesOf(json, 'AWS::KMS::Key')).toHaveLength(1);
    expect(resourcesOf(json, 'AWS::WAFv2::WebACLAssociation')).toHaveLength(1);
  });

  test('bad input: every problem at once', () => {
    expectInvalid(() => synthTemplate((stack) => {
      new SecureWebAcl(stack, 'Acl', { rateLimit: 1, rateLimitWindowSeconds: 30, managedRuleGroups: [ManagedRuleGroup.COMMON_RULE_SET, ManagedRuleGroup.COMMON_RULE_SET, 'Nope' as ManagedRuleGroup] });
    }), 'TestStack/Acl', 'rateLimit', 'rateLimitWindowSeconds', 'managedRuleGroups[1]', 'managedRuleGroups[2]');
  });
});
