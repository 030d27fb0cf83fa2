import { Stack, aws_certificatemanager as acm, aws_ec2 as ec2, aws_elasticloadbalancingv2 as elbv2, aws_elasticloadbalancingv2_targets as targets, aws_s3 as s3 } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { ManagedRuleGroup, MtlsHttpsService, MtlsHttpsServiceProps, MtlsMode } from '../../../lib/aws/edge';
import { SecureVpc, SubnetLayout } from '../../../lib/aws/network';
import { openFindings, synthAndCheck } from '../../util/aws';
import { expectDocumentedDefaultsMatchSource, expectInvalid, overridesOf, resourcesOf, synthTemplate } from '../network/doc-defaults';

const ENV = { env: { account: '123456789012', region: 'eu-west-1' } };
const CERT_ARN = 'arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';

function service(stack: Stack, props: Partial<MtlsHttpsServiceProps> = {}, withMtls = true): MtlsHttpsService {
  const net = new SecureVpc(stack, 'Net');
  const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN);
  return new MtlsHttpsService(stack, 'Svc', {
    vpc: net.vpc,
    certificate,
    ...(withMtls ? { mutualTls: { caCertificatesBucket: s3.Bucket.fromBucketName(stack, 'Ca', 'ca-bundles'), caCertificatesKey: 'svc/ca.pem' } } : {}),
    ...props,
  });
}

const attrs = (r: any, key: string) => Object.fromEntries((r.Properties[key] ?? []).map((a: any) => [a.Key, a.Value]));

describe('MtlsHttpsService defaults', () => {
  test('no options (besides the required vpc and certificate): every pack clean, with and without mutual TLS', () => {
    expect(openFindings(synthAndCheck((stack) => service(stack, {}, false), ENV))).toEqual([]);
    expect(openFindings(synthAndCheck((stack) => service(stack), ENV))).toEqual([]);
  });

  test('every documented @default matches the source and the synthesized output', () => {
    const documented = expectDocumentedDefaultsMatchSource('MtlsHttpsService', [
      ['lib/aws/edge/mtls-https-service.ts', 'MtlsHttpsServiceProps'],
      ['lib/aws/edge/mtls-https-service.ts', 'MutualTlsOptions', 'mutualTls.'],
    ]);
    const { json, template } = synthTemplate((stack) => service(stack));
    const [[lbId, lb]] = resourcesOf(json, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
    const listeners = resourcesOf(json, 'AWS::ElasticLoadBalancingV2::Listener');
    const [[, https]] = listeners;
    const lbAttrs = attrs(lb, 'LoadBalancerAttributes');
    const listenerAttrs = attrs(https, 'ListenerAttributes');
    const sg = resourcesOf(json, 'AWS::EC2::SecurityGroup').find(([, r]) => r.Properties.GroupDescription === 'Load balancer of TestStack/Svc')![1];
    const [[, acl]] = resourcesOf(json, 'AWS::WAFv2::WebACL');
    const checks: Record<string, () => void> = {
      'vpcSubnets': () => expect(JSON.stringify(lb.Properties.Subnets)).toMatch(/IsolatedSubnet/),
      'internetFacing': () => expect(lb.Properties.Scheme).toBe('internal'),
      'internetFacingReason': () => expect(overridesOf(lb)).toEqual([]),
      'allowedCidrs': () => expect(sg.Properties.SecurityGroupIngress).toEqual([expect.objectContaining({ CidrIp: '10.0.0.0/16', FromPort: 443, ToPort: 443 })]),
      'sslPolicy': () => expect(https.Properties).toMatchObject({ Protocol: 'HTTPS', Port: 443, SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09', Certificates: [{ CertificateArn: CERT_ARN }] }),
      'sslPolicyReason': () => expect(overridesOf(https)).toEqual([]),
      'mutualTls': () => template.resourceCountIs('AWS::ElasticLoadBalancingV2::TrustStore', 1),
      'redirectHttp': () => expect(listeners).toHaveLength(1),
      'accessLogsBucket': () => {
        expect(lbAttrs['access_logs.s3.enabled']).toBe('true');
        expect(lbAttrs['access_logs.s3.prefix']).toBe('access');
        const buckets = resourcesOf(json, 'AWS::S3::Bucket');
        expect(buckets).toHaveLength(2);
        for (const [, b] of buckets) {
          expect(b.DeletionPolicy).toBe('Retain');
          expect(b.Properties).toMatchObject({
            VersioningConfiguration: { Status: 'Enabled' }, ObjectLockEnabled: true, OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
            PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
            BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
            NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } },
          });
        }
      },
      'deletionProtection': () => expect(lbAttrs['deletion_protection.enabled']).toBe('true'),
      'deletionProtectionReason': () => expect(overridesOf(lb)).toEqual([]),
      'hstsHeaderValue': () => expect(listenerAttrs['routing.http.response.strict_transport_security.header_value']).toBe('max-age=31536000; includeSubDomains'),
      'defaultAction': () => expect(https.Properties.DefaultActions).toEqual([{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain', MessageBody: 'Not Found' } }]),
      'rateLimit': () => expect(acl.Properties.Rules[0].Statement.RateBasedStatement).toEqual({ AggregateKeyType: 'IP', Limit: 1000, EvaluationWindowSec: 300 }),
      'managedRuleGroups': () => expect(acl.Properties.Rules.slice(1).map((r: any) => r.Statement.ManagedRuleGroupStatement.Name))
        .toEqual([ManagedRuleGroup.COMMON_RULE_SET, ManagedRuleGroup.KNOWN_BAD_INPUTS, ManagedRuleGroup.AMAZON_IP_REPUTATION]),
      'mutualTls.caCertificatesVersion': () => template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TrustStore', { CaCertificatesBundleS3Bucket: 'ca-bundles', CaCertificatesBundleS3Key: 'svc/ca.pem', CaCertificatesBundleS3ObjectVersion: Match.absent() }),
      'mutualTls.mode': () => expect(https.Properties.MutualAuthentication).toMatchObject({ Mode: 'verify', TrustStoreArn: expect.anything() }),
      'mutualTls.passthroughReason': () => expect(overridesOf(https)).toEqual([]),
      'mutualTls.ignoreClientCertificateExpiry': () => expect(https.Properties.MutualAuthentication.IgnoreClientCertificateExpiry).toBe(false),
      'mutualTls.ignoreClientCertificateExpiryReason': () => expect(overridesOf(https)).toEqual([]),
      'mutualTls.advertiseTrustStoreCaNames': () => expect(https.Properties.MutualAuthentication.AdvertiseTrustStoreCaNames ?? 'off').toBe('off'),
    };
    expect(Object.keys(checks).sort()).toEqual([...documented.keys()].sort());
    for (const c of Object.values(checks)) c();
    // the rest of the hardening, not tied to one prop
    expect(lbAttrs).toMatchObject({
      'routing.http.drop_invalid_header_fields.enabled': 'true', 'routing.http.desync_mitigation_mode': 'strictest', 'waf.fail_open.enabled': 'false',
      'connection_logs.s3.enabled': 'true',
    });
    expect(listenerAttrs).toMatchObject({ 'routing.http.response.x_content_type_options.header_value': 'nosniff', 'routing.http.response.server.enabled': 'false' });
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', { ResourceArn: { Ref: lbId } });
  });
});

describe('MtlsHttpsService options', () => {
  test('internet-facing with a reason: public subnets, 0.0.0.0/0 on 443 (and 80 for the redirect) recorded, packs clean', () => {
    const reason = 'Public partner API; clients authenticate with certificates.';
    const report = synthAndCheck((stack) => {
      service(stack, { internetFacing: true, internetFacingReason: reason, redirectHttp: true, vpc: new SecureVpc(stack, 'Pub', { subnetLayout: SubnetLayout.PRIVATE_WITH_EGRESS, natGateways: 1, internetAccessReason: 'NAT for the partner callbacks' }).vpc });
    }, ENV);
    expect(openFindings(report)).toEqual([]);
    expect(report.overrides.filter((o) => o.reason === reason).map((o) => o.property).sort())
      .toEqual(['allowIngress 443 from 0.0.0.0/0', 'allowIngress 80 from 0.0.0.0/0', 'internetFacing']);
    const { json } = synthTemplate((stack) => {
      const svc = service(stack, { redirectHttp: true });
      expect(svc.redirectListener).toBeDefined();
    });
    const http = resourcesOf(json, 'AWS::ElasticLoadBalancingV2::Listener').find(([, l]) => l.Properties.Protocol === 'HTTP')![1];
    expect(http.Properties.DefaultActions[0]).toMatchObject({ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } });
  });

  test('weakenings with reasons are recorded and accept exactly their findings', () => {
    const report = synthAndCheck((stack) => {
      service(stack, {
        sslPolicy: elbv2.SslPolicy.TLS12_EXT,
        sslPolicyReason: 'Legacy payment terminals speak TLS 1.2 only.',
        deletionProtection: false,
        deletionProtectionReason: 'Ephemeral preview environment, torn down nightly.',
        mutualTls: {
          caCertificatesBucket: s3.Bucket.fromBucketName(stack, 'Ca2', 'ca-bundles'), caCertificatesKey: 'ca.pem',
          mode: MtlsMode.PASSTHROUGH, passthroughReason: 'The service mesh sidecar verifies client certificates.',
        },
      });
    }, ENV);
    expect(openFindings(report)).toEqual([]);
    expect(report.overrides.map((o) => o.property).sort()).toEqual(['deletionProtection', 'mutualTls.mode', 'sslPolicy']);
    const suppressed = report.findings.filter((f) => f.status === 'suppressed' && f.source === 'secure-constructs').map((f) => f.ruleId).sort();
    expect(suppressed.filter((id) => id.startsWith('aws-edge-'))).toEqual(['aws-edge-alb-mtls-verify', 'aws-edge-elb-listener-tls13']);
  });
});

describe('MtlsHttpsService bad input', () => {
  const build = (props: Partial<MtlsHttpsServiceProps>, withMtls = false) => () => synthTemplate((stack) => service(stack, props, withMtls));

  test('missing certificate and vpc', () => {
    expectInvalid(() => synthTemplate((stack) => new MtlsHttpsService(stack, 'Svc', { vpc: new SecureVpc(stack, 'Net').vpc } as any)), 'TestStack/Svc', 'certificate');
    expectInvalid(() => synthTemplate((stack) => new MtlsHttpsService(stack, 'Svc', {} as any)), 'TestStack/Svc', 'vpc', 'certificate');
  });

  test('TLS downgrades: below 1.2 refused outright, TLS 1.2-only needs a reason', () => {
    expectInvalid(build({ sslPolicy: elbv2.SslPolicy.RECOMMENDED }), 'TestStack/Svc', 'sslPolicy');
    expectInvalid(build({ sslPolicy: elbv2.SslPolicy.TLS13_10 }), 'TestStack/Svc', 'sslPolicy');
    expectInvalid(build({ sslPolicy: elbv2.SslPolicy.TLS11, sslPolicyReason: 'old clients, but still not allowed' }), 'TestStack/Svc', 'sslPolicy');
    expectInvalid(build({ sslPolicy: elbv2.SslPolicy.FORWARD_SECRECY_TLS12_RES }), 'TestStack/Svc', 'sslPolicyReason');
  });

  test('open CIDRs and internet exposure need a reason; conflicting and malformed options', () => {
    expectInvalid(build({ allowedCidrs: ['0.0.0.0/0'] }), 'TestStack/Svc', 'internetFacingReason');
    expectInvalid(build({ internetFacing: true }), 'TestStack/Svc', 'internetFacingReason');
    expectInvalid(build({ allowedCidrs: [] }), 'TestStack/Svc', 'allowedCidrs');
    expectInvalid(build({ allowedCidrs: ['10.0.0.0/16', 'office'] }), 'TestStack/Svc', 'allowedCidrs[1]');
    expectInvalid(build({ deletionProtection: false }), 'TestStack/Svc', 'deletionProtectionReason');
    expectInvalid(build({ hstsHeaderValue: 'max-age=300' }), 'TestStack/Svc', 'hstsHeaderValue');
    expectInvalid(() => synthTemplate((stack) => service(stack, {
      mutualTls: { caCertificatesBucket: s3.Bucket.fromBucketName(stack, 'Ca3', 'ca-bundles'), caCertificatesKey: '', mode: MtlsMode.PASSTHROUGH, ignoreClientCertificateExpiry: true },
    })), 'TestStack/Svc', 'mutualTls.caCertificatesKey', 'mutualTls.passthroughReason', 'mutualTls.ignoreClientCertificateExpiryReason');
    expectInvalid(() => synthTemplate((stack) => service(stack, {
      mutualTls: { caCertificatesBucket: s3.Bucket.fromBucketName(stack, 'Ca4', 'ca-bundles'), caCertificatesKey: 'k', passthroughReason: 'given without passthrough mode' },
    })), 'TestStack/Svc', 'mutualTls.passthroughReason');
    expectInvalid(build({ rateLimit: 5 }), 'TestStack/Svc/WebAcl', 'rateLimit');
  });

  test('ingress on the load balancer security group stays restricted after targets are added', () => {
    const { json } = synthTemplate((stack) => {
      const svc = service(stack);
      const net = stack.node.findChild('Net') as SecureVpc;
      svc.listener.addTargets('App', { port: 8443, protocol: elbv2.ApplicationProtocol.HTTPS, targets: [new targets.IpTarget('10.0.1.10')] });
      expect(net.vpc).toBeDefined();
    });
    expect(resourcesOf(json, 'AWS::ElasticLoadBalancingV2::TargetGroup')).toHaveLength(1);
    const sg = resourcesOf(json, 'AWS::EC2::SecurityGroup').find(([, r]) => r.Properties.GroupDescription === 'Load balancer of TestStack/Svc')![1];
    expect(sg.Properties.SecurityGroupIngress).toEqual([expect.objectContaining({ CidrIp: '10.0.0.0/16', FromPort: 443, ToPort: 443 })]);
    expect(resourcesOf(json, 'AWS::EC2::SecurityGroupIngress').filter(([, i]) => i.Properties.CidrIp === '0.0.0.0/0')).toEqual([]);
    expect(ec2.Port.tcp(443).toString()).toBe('443');
  });
});
