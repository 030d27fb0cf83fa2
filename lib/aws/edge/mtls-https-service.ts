import { CfnResource, Token, aws_certificatemanager as acm, aws_ec2 as ec2, aws_elasticloadbalancingv2 as elbv2, aws_s3 as s3 } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { EDGE_DEFAULTS } from './defaults';
import { SecureWebAcl } from './secure-web-acl';
import { ManagedRuleGroup, MtlsMode } from './types';
import { TlsPolicyLevel, elbPolicyLevel } from '../../compliance/rules/aws/edge/tls-policies';
import { PropValidator, isValidReason, MIN_REASON_LENGTH } from '../../core/errors';
import { isCidr } from '../network/cidr';
import { logDeliveryBucket } from '../network/private/data-protection';
import { SecureSecurityGroup } from '../network/secure-security-group';
import { controlTower, nagPacks, suppress, weaken } from '../private/compliance';
import { openCidrOf } from '../private/possible-values';

/** Mutual TLS settings of an MtlsHttpsService. */
export interface MutualTlsOptions {
  /** Bucket holding the PEM bundle of the CA certificates that sign client certificates. */
  readonly caCertificatesBucket: s3.IBucket;
  /** Object key of the CA bundle. */
  readonly caCertificatesKey: string;
  /**
   * Object version of the CA bundle.
   * @default - latest version
   */
  readonly caCertificatesVersion?: string;
  /**
   * Who verifies client certificates.
   * @default MtlsMode.VERIFY
   */
  readonly mode?: MtlsMode;
  /**
   * Why the targets (not the load balancer) verify client certificates (required with MtlsMode.PASSTHROUGH).
   * @default - none
   */
  readonly passthroughReason?: string;
  /**
   * Accept expired client certificates. Needs `ignoreClientCertificateExpiryReason`.
   * @default false
   */
  readonly ignoreClientCertificateExpiry?: boolean;
  /**
   * Why expired client certificates are accepted.
   * @default - none
   */
  readonly ignoreClientCertificateExpiryReason?: string;
  /**
   * Send the trust store's CA names to clients in the TLS handshake.
   * @default false
   */
  readonly advertiseTrustStoreCaNames?: boolean;
}

/** Props of an MtlsHttpsService. */
export interface MtlsHttpsServiceProps {
  /** The VPC of the load balancer. */
  readonly vpc: ec2.IVpc;
  /** The server certificate of the HTTPS listener (ACM). Required. */
  readonly certificate: acm.ICertificate;
  /**
   * Subnets of the load balancer.
   * @default - the private subnets (with egress, else isolated); public subnets when internetFacing
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /**
   * Internet-facing load balancer. Needs `internetFacingReason`.
   * @default false
   */
  readonly internetFacing?: boolean;
  /**
   * Why the service is reachable from the internet: required with `internetFacing` or an open CIDR in
   * `allowedCidrs`. Recorded on the security group.
   * @default - none
   */
  readonly internetFacingReason?: string;
  /**
   * CIDRs allowed to connect (HTTPS, and HTTP when `redirectHttp`).
   * @default - the VPC CIDR (internal); ['0.0.0.0/0'] when internetFacing
   */
  readonly allowedCidrs?: string[];
  /**
   * TLS policy of the HTTPS listener. Policies allowing TLS 1.0/1.1 are refused; policies without TLS 1.3 need
   * `sslPolicyReason`.
   * @default elbv2.SslPolicy.TLS13_12_RES_PQ
   */
  readonly sslPolicy?: elbv2.SslPolicy;
  /**
   * Why a policy without TLS 1.3 is used.
   * @default - none
   */
  readonly sslPolicyReason?: string;
  /**
   * Mutual TLS: the default path for service-to-service traffic. With a CA bundle the listener runs in `verify`
   * mode against a trust store built from it, and connection logs are written next to the access logs.
   * @default - no mutual TLS (server-authenticated TLS only)
   */
  readonly mutualTls?: MutualTlsOptions;
  /**
   * Add an HTTP listener on port 80 that only redirects to HTTPS.
   * @default false (no HTTP listener)
   */
  readonly redirectHttp?: boolean;
  /**
   * Bucket for access (and connection) logs. It must use SSE-S3 default encryption (ELB log delivery does not support
   * SSE-KMS, so a SecureBucket cannot be used) and let ELB log delivery write (added when this app manages its policy).
   * @default - a new hardened bucket (SSE-S3, versioned, Object Lock, TLS-only, access-logged, retained)
   */
  readonly accessLogsBucket?: s3.IBucket;
  /**
   * Deletion protection. Turning it off needs `deletionProtectionReason`.
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * Why deletion protection is off.
   * @default - none
   */
  readonly deletionProtectionReason?: string;
  /**
   * Value of the Strict-Transport-Security header the listener adds to every response.
   * @default 'max-age=31536000; includeSubDomains'
   */
  readonly hstsHeaderValue?: string;
  /**
   * Default action of the HTTPS listener.
   * @default - fixed 404 response; add routes with listener.addTargets() or listener.addAction()
   */
  readonly defaultAction?: elbv2.ListenerAction;
  /**
   * Requests per client IP per 5 minutes before the WAF blocks it.
   * @default 1000
   */
  readonly rateLimit?: number;
  /**
   * AWS managed WAF rule groups.
   * @default [ManagedRuleGroup.COMMON_RULE_SET, ManagedRuleGroup.KNOWN_BAD_INPUTS, ManagedRuleGroup.AMAZON_IP_REPUTATION]
   */
  readonly managedRuleGroups?: ManagedRuleGroup[];
}

/**
 * An Application Load Balancer front for a service: HTTPS only with a TLS 1.3 (post-quantum) policy, optional
 * HTTP-to-HTTPS redirect, mutual TLS with a trust store (verify mode), invalid headers dropped, strictest desync
 * mitigation, HSTS and nosniff response headers, access logs to a hardened bucket, deletion protection, and a WAF
 * web ACL with a rate-based rule and AWS managed rule groups. Internal by default.
 *
 * ```ts
 * const svc = new MtlsHttpsService(this, 'Api', {
 *   vpc: net.vpc,
 *   certificate,
 *   mutualTls: { caCertificatesBucket: caBucket, caCertificatesKey: 'ca/bundle.pem' },
 * });
 * svc.listener.addTargets('App', { port: 8443, protocol: elbv2.ApplicationProtocol.HTTPS, targets: [...] });
 * ```
 */
export class MtlsHttpsService extends Construct {
  /** The load balancer. */
  public readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  /** The HTTPS listener (port 443). */
  public readonly listener: elbv2.ApplicationListener;
  /** The HTTP redirect listener (port 80), when `redirectHttp`. */
  public readonly redirectListener?: elbv2.ApplicationListener;
  /** The load balancer's security group. */
  public readonly securityGroup: SecureSecurityGroup;
  /** The WAF web ACL. */
  public readonly webAcl: SecureWebAcl;
  /** The trust store, when mutual TLS is on. */
  public readonly trustStore?: elbv2.TrustStore;
  /** Where access logs go. */
  public readonly accessLogsBucket: s3.IBucket;

  constructor(scope: Construct, id: string, props: MtlsHttpsServiceProps) {
    super(scope, id);
    const v = new PropValidator(this);
    v.require(!!props?.vpc, 'vpc', 'is required.', 'Pass the VPC of the service (e.g. secureVpc.vpc).');
    v.require(!!props?.certificate, 'certificate', 'is required: the listener only serves HTTPS.', 'Pass an ACM certificate (acm.Certificate or acm.Certificate.fromCertificateArn).');
    v.throwIfInvalid();

    const internetFacing = props.internetFacing ?? EDGE_DEFAULTS.internetFacing;
    const policy = props.sslPolicy ?? EDGE_DEFAULTS.sslPolicy;
    const level = elbPolicyLevel(policy);
    if (level === TlsPolicyLevel.BELOW_TLS12) {
      v.fail('sslPolicy', `${policy} allows TLS versions below 1.2 (or is unknown); this is never allowed.`, 'Use a ELBSecurityPolicy-TLS13-1-2-* or -TLS13-1-3-* policy (default: ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09).');
    } else if (level === TlsPolicyLevel.TLS12) {
      v.require(isValidReason(props.sslPolicyReason), 'sslPolicyReason', `is required: ${policy} does not support TLS 1.3; at least ${MIN_REASON_LENGTH} characters.`,
        'Use a TLS13 policy, or say which clients need it.');
    }
    const cidrs = props.allowedCidrs ?? (internetFacing ? ['0.0.0.0/0'] : undefined);
    const open = (cidrs ?? []).some((c) => openCidrOf(this, c).open !== undefined);
    (cidrs ?? []).forEach((c, i) => {
      if (!Token.isUnresolved(c)) v.require(isCidr(c), `allowedCidrs[${i}]`, `is not a CIDR (got ${JSON.stringify(c)}).`, 'Use a CIDR such as 10.0.0.0/16.');
    });
    v.require(props.allowedCidrs === undefined || props.allowedCidrs.length > 0, 'allowedCidrs', 'is empty: nothing could connect.', 'List the client CIDRs, or leave it out for the VPC CIDR.');
    if (internetFacing || open) {
      v.require(isValidReason(props.internetFacingReason), 'internetFacingReason',
        `is required: ${internetFacing ? 'internetFacing is true' : 'allowedCidrs contains an open CIDR'}; at least ${MIN_REASON_LENGTH} characters.`,
        'Keep the service internal, or say why it must be reachable from the internet.');
    }
    const deletionProtection = props.deletionProtection ?? EDGE_DEFAULTS.deletionProtection;
    if (!deletionProtection) {
      v.require(isValidReason(props.deletionProtectionReason), 'deletionProtectionReason', `is required when deletionProtection is false; at least ${MIN_REASON_LENGTH} characters.`,
        'Keep deletion protection, or say why the load balancer must be deletable without a change.');
    }
    const mtls = props.mutualTls;
    if (mtls) {
      v.require(!!mtls.caCertificatesBucket, 'mutualTls.caCertificatesBucket', 'is required.', 'Pass the bucket holding the CA bundle (PEM).');
      v.require(typeof mtls.caCertificatesKey === 'string' && mtls.caCertificatesKey.length > 0, 'mutualTls.caCertificatesKey', 'is required.', 'Pass the object key of the CA bundle.');
      if ((mtls.mode ?? EDGE_DEFAULTS.mtlsMode) === MtlsMode.PASSTHROUGH) {
        v.require(isValidReason(mtls.passthroughReason), 'mutualTls.passthroughReason', `is required with MtlsMode.PASSTHROUGH (the load balancer does not verify client certificates); at least ${MIN_REASON_LENGTH} characters.`,
          'Use MtlsMode.VERIFY, or say which component verifies the client certificate.');
      } else {
        v.require(mtls.passthroughReason === undefined, 'mutualTls.passthroughReason', 'only applies to MtlsMode.PASSTHROUGH.', 'Remove it.');
      }
      if (mtls.ignoreClientCertificateExpiry) {
        v.require(isValidReason(mtls.ignoreClientCertificateExpiryReason), 'mutualTls.ignoreClientCertificateExpiryReason',
          `is required when ignoreClientCertificateExpiry is true; at least ${MIN_REASON_LENGTH} characters.`, 'Renew client certificates instead, or say why expired ones are accepted.');
      }
    }
    if (props.hstsHeaderValue !== undefined && !Token.isUnresolved(props.hstsHeaderValue)) {
      const m = /max-age=(\d+)/.exec(props.hstsHeaderValue);
      v.require(!!m && Number(m[1]) >= 31536000, 'hstsHeaderValue', `must set max-age to at least 31536000 (one year) (got ${JSON.stringify(props.hstsHeaderValue)}).`,
        "Use e.g. 'max-age=63072000; includeSubDomains'.");
    }
    v.throwIfInvalid();

    // security group: HTTPS (and HTTP for the redirect) from the allowed CIDRs only, no egress until targets are added
    this.securityGroup = new SecureSecurityGroup(this, 'SecurityGroup', { vpc: props.vpc, description: `Load balancer of ${this.node.path}` });
    const sources = cidrs ?? [literalCidr(props.vpc)];
    const ports = [ec2.Port.tcp(443), ...(props.redirectHttp ? [ec2.Port.tcp(80)] : [])];
    for (const c of sources) {
      for (const port of ports) {
        const peer = c.includes(':') ? ec2.Peer.ipv6(c) : ec2.Peer.ipv4(c);
        this.securityGroup.allowIngress({
          peer, port, description: `${port.toString() === '443' ? 'HTTPS' : 'HTTP (redirect)'} from ${c}`,
          openToInternetReason: openCidrOf(this, c).open ? props.internetFacingReason : undefined,
        });
      }
    }

    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'Resource', {
      vpc: props.vpc,
      internetFacing,
      vpcSubnets: props.vpcSubnets ?? (internetFacing ? { subnetType: ec2.SubnetType.PUBLIC } : privateSubnets(props.vpc)),
      securityGroup: this.securityGroup.securityGroup,
      deletionProtection,
      dropInvalidHeaderFields: EDGE_DEFAULTS.dropInvalidHeaderFields,
      desyncMitigationMode: EDGE_DEFAULTS.desyncMitigationMode,
      http2Enabled: true,
      wafFailOpen: false,
    });
    // explicit, not left to the AWS default: requests are blocked, not let through, when WAF cannot be reached
    this.loadBalancer.setAttribute('waf.fail_open.enabled', 'false');
    const cfnLb = this.loadBalancer.node.defaultChild as CfnResource;
    if (internetFacing) weaken(cfnLb, 'internetFacing', props.internetFacingReason!, []);
    if (!deletionProtection) weaken(cfnLb, 'deletionProtection', props.deletionProtectionReason!, [...nagPacks('ELBDeletionProtectionEnabled', ['nist', 'hipaa']), controlTower('elbv2_deletion_protection_enabled_check')]);

    // access (and connection) logs
    if (props.accessLogsBucket) {
      this.accessLogsBucket = props.accessLogsBucket;
    } else {
      const serverLogs = logDeliveryBucket(this, 'ServerAccessLogsBucket', {
        sseS3Reason: 'S3 server access log delivery only supports SSE-S3 default encryption on the target bucket.',
      });
      this.accessLogsBucket = logDeliveryBucket(this, 'AccessLogsBucket', {
        sseS3Reason: 'Elastic Load Balancing access and connection log delivery only supports SSE-S3 default encryption.',
        serverAccessLogsBucket: serverLogs,
      });
    }
    this.loadBalancer.logAccessLogs(this.accessLogsBucket, 'access');

    // mutual TLS
    let mutualAuthentication: elbv2.MutualAuthentication | undefined;
    if (mtls) {
      this.trustStore = new elbv2.TrustStore(this, 'TrustStore', {
        bucket: mtls.caCertificatesBucket,
        key: mtls.caCertificatesKey,
        version: mtls.caCertificatesVersion,
      });
      const verify = (mtls.mode ?? EDGE_DEFAULTS.mtlsMode) === MtlsMode.VERIFY;
      mutualAuthentication = verify
        ? {
          mutualAuthenticationMode: elbv2.MutualAuthenticationMode.VERIFY,
          trustStore: this.trustStore,
          ignoreClientCertificateExpiry: mtls.ignoreClientCertificateExpiry ?? EDGE_DEFAULTS.ignoreClientCertificateExpiry,
          advertiseTrustStoreCaNames: mtls.advertiseTrustStoreCaNames ?? EDGE_DEFAULTS.advertiseTrustStoreCaNames,
        }
        : { mutualAuthenticationMode: elbv2.MutualAuthenticationMode.PASS_THROUGH };
      this.loadBalancer.logConnectionLogs(this.accessLogsBucket, 'connection');
    }

    this.listener = this.loadBalancer.addListener('Https', {
      port: 443,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      certificates: [props.certificate],
      sslPolicy: policy,
      open: false,
      mutualAuthentication,
      defaultAction: props.defaultAction ?? elbv2.ListenerAction.fixedResponse(404, { contentType: 'text/plain', messageBody: 'Not Found' }),
    });
    const cfnListener = this.listener.node.defaultChild as elbv2.CfnListener;
    // response headers the load balancer adds to every response of this listener
    this.listener.setAttribute('routing.http.response.strict_transport_security.header_value', props.hstsHeaderValue ?? EDGE_DEFAULTS.hstsHeaderValue);
    this.listener.setAttribute('routing.http.response.x_content_type_options.header_value', EDGE_DEFAULTS.contentTypeOptionsHeaderValue);
    this.listener.setAttribute('routing.http.response.server.enabled', 'false');
    if (level === TlsPolicyLevel.TLS12) weaken(cfnListener, 'sslPolicy', props.sslPolicyReason!, ['aws-edge-elb-listener-tls13']);
    if (mtls && (mtls.mode ?? EDGE_DEFAULTS.mtlsMode) === MtlsMode.PASSTHROUGH) weaken(cfnListener, 'mutualTls.mode', mtls.passthroughReason!, ['aws-edge-alb-mtls-verify']);
    if (mtls?.ignoreClientCertificateExpiry) weaken(cfnListener, 'mutualTls.ignoreClientCertificateExpiry', mtls.ignoreClientCertificateExpiryReason!, ['aws-edge-alb-mtls-verify']);

    if (props.redirectHttp) {
      this.redirectListener = this.loadBalancer.addRedirect({ sourcePort: 80, targetPort: 443, open: false });
      suppress(this.redirectListener.node.defaultChild as CfnResource, 'HTTP listener whose only action is a permanent redirect to HTTPS; '
        + 'it never serves content, so it has no certificate (the HTTPS listener uses the ACM certificate).', ...nagPacks('ELBv2ACMCertificateRequired'));
    }

    this.webAcl = new SecureWebAcl(this, 'WebAcl', { rateLimit: props.rateLimit, managedRuleGroups: props.managedRuleGroups });
    this.webAcl.associate('WebAclAssociation', this.loadBalancer.loadBalancerArn);
  }
}

/** The private subnets of a VPC: with egress if it has any, else isolated. */
function privateSubnets(vpc: ec2.IVpc): ec2.SubnetSelection {
  return { subnetType: vpc.privateSubnets.length > 0 ? ec2.SubnetType.PRIVATE_WITH_EGRESS : ec2.SubnetType.PRIVATE_ISOLATED };
}

/** The VPC CIDR as a literal when the VPC was created in this app (packs cannot evaluate the VpcCidrBlock token). */
function literalCidr(vpc: ec2.IVpc): string {
  const cfn = vpc.node.defaultChild as ec2.CfnVPC | undefined;
  const block = cfn && typeof cfn.cidrBlock === 'string' && !Token.isUnresolved(cfn.cidrBlock) ? cfn.cidrBlock : undefined;
  return block ?? vpc.vpcCidrBlock;
}
