import {
  Aspects, AspectPriority, CfnResource, Duration, IAspect, RemovalPolicy, Stack, Token,
  aws_apigateway as apigw, aws_certificatemanager as acm, aws_cognito as cognito, aws_ec2 as ec2, aws_iam as iam,
  aws_logs as logs, aws_s3 as s3,
} from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { EDGE_DEFAULTS } from './defaults';
import { SecureWebAcl } from './secure-web-acl';
import { ApiAuthorization, ApiEndpointType, ManagedRuleGroup } from './types';
import { TlsPolicyLevel, apiGatewayPolicyLevel } from '../../compliance/rules/aws/edge/tls-policies';
import { PropValidator, isValidReason, MIN_REASON_LENGTH, ValidationError } from '../../core/errors';
import { IEncryptionKey } from '../kms/encryption-key';
import { SecureLogGroup } from '../logs/secure-log-group';
import { awsSolutions, nagPacks, suppress, weaken } from '../private/compliance';

/** A custom domain of a SecureRestApi. */
export interface SecureApiDomainOptions {
  /** The domain name, e.g. `api.example.com`. */
  readonly domainName: string;
  /** ACM certificate of the domain (in the API's region). */
  readonly certificate: acm.ICertificate;
  /**
   * TLS security policy. TLS_1_0 is refused. Enhanced `SecurityPolicy_TLS13_*` policies are accepted (endpoint
   * access mode STRICT); note that the AWS Control Tower control CT.APIGATEWAY.PR.6 only knows `TLS_1_2`.
   * @default apigw.SecurityPolicy.TLS_1_2
   */
  readonly securityPolicy?: apigw.SecurityPolicy;
  /**
   * Bucket of the mutual TLS truststore (PEM bundle of the CAs that sign client certificates). With it, clients must
   * present a certificate and the default execute-api endpoint is disabled so that mTLS cannot be bypassed.
   * @default - no mutual TLS
   */
  readonly mtlsTruststoreBucket?: s3.IBucket;
  /**
   * Object key of the truststore (required with `mtlsTruststoreBucket`).
   * @default - none
   */
  readonly mtlsTruststoreKey?: string;
  /**
   * Object version of the truststore.
   * @default - latest
   */
  readonly mtlsTruststoreVersion?: string;
  /**
   * Base path mapping of the API on the domain.
   * @default - the root of the domain
   */
  readonly basePath?: string;
}

/** Props of a SecureRestApi. */
export interface SecureRestApiProps {
  /**
   * Name of the REST API.
   * @default - the construct id
   */
  readonly restApiName?: string;
  /**
   * Description.
   * @default - none
   */
  readonly description?: string;
  /**
   * Endpoint type. EDGE needs `edgeEndpointReason`; PRIVATE needs `privateEndpoints`.
   * @default ApiEndpointType.REGIONAL
   */
  readonly endpointType?: ApiEndpointType;
  /**
   * Why the API must be edge-optimized.
   * @default - none
   */
  readonly edgeEndpointReason?: string;
  /**
   * Interface VPC endpoints (execute-api) that may call a PRIVATE API; a resource policy denies every other source.
   * @default - none (required with PRIVATE)
   */
  readonly privateEndpoints?: ec2.IInterfaceVpcEndpoint[];
  /**
   * Default authorization of every method. Methods without authorization (NONE) fail synthesis unless allowed with
   * `allowUnauthenticated(method, reason)`.
   * @default ApiAuthorization.IAM
   */
  readonly authorization?: ApiAuthorization;
  /**
   * User pools of the Cognito authorizer (required with ApiAuthorization.COGNITO).
   * @default - none
   */
  readonly cognitoUserPools?: cognito.IUserPool[];
  /**
   * Stage name.
   * @default 'prod'
   */
  readonly stageName?: string;
  /**
   * Steady-state requests per second of the stage (every method).
   * @default 100
   */
  readonly throttlingRateLimit?: number;
  /**
   * Burst of the stage (every method).
   * @default 200
   */
  readonly throttlingBurstLimit?: number;
  /**
   * Execution logging level: ERROR or INFO (OFF is refused). Full request/response data tracing is always off.
   * @default apigw.MethodLoggingLevel.ERROR
   */
  readonly loggingLevel?: apigw.MethodLoggingLevel;
  /**
   * Response cache. When on, cached data is always encrypted.
   * @default false
   */
  readonly cacheClusterEnabled?: boolean;
  /**
   * Cache size (GB) when `cacheClusterEnabled`.
   * @default '0.5'
   */
  readonly cacheClusterSize?: string;
  /**
   * Cache TTL when `cacheClusterEnabled`.
   * @default Duration.minutes(5)
   */
  readonly cacheTtl?: Duration;
  /**
   * Custom domain (TLS 1.2+, optional mutual TLS).
   * @default - no custom domain
   */
  readonly domain?: SecureApiDomainOptions;
  /**
   * KMS key of the access-log and execution-log groups.
   * @default - a new EncryptionKey shared by the two log groups
   */
  readonly logEncryptionKey?: IEncryptionKey;
  /**
   * Create the account-level role that lets API Gateway write execution logs (one per account and region; turn off
   * when another stack manages `AWS::ApiGateway::Account`).
   * @default true
   */
  readonly cloudWatchRole?: boolean;
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

const CACHE_OFF_REASON = 'Response caching is off (the default): there is no cached data to encrypt. When cacheClusterEnabled is set, '
  + 'SecureRestApi always encrypts the cache (CacheDataEncrypted) and this suppression is not added.';
const IAM_AUTH_REASON = 'Method uses IAM (SigV4) authorization, the default of SecureRestApi for service-to-service APIs; '
  + 'a Cognito user pool authorizer is for end users and not stronger.';
const CLOUDWATCH_ROLE_REASON = 'Account-level API Gateway logging role (cloudWatchRole): AWS documents the managed policy '
  + 'AmazonAPIGatewayPushToCloudWatchLogs as its permission set; API Gateway names execution log groups itself, so the role cannot be narrowed further.';

const CLOUDWATCH_TRUST_REASON = 'Account-level API Gateway logging role created by aws-cdk-lib (cloudWatchRole): API Gateway assumes it '
  + 'for every API of the account and region, so it cannot be scoped to one source ARN, and its only permission is the AWS managed '
  + 'push-to-CloudWatch-Logs policy, which a permissions boundary would not narrow.';

/**
 * An API Gateway REST API with: a WAF web ACL, stage-wide throttling, JSON access logs and ERROR execution logs to
 * KMS-encrypted log groups (data tracing off), X-Ray tracing, a request validator on every method, authorization on
 * every method (IAM by default; NONE fails synthesis unless allowed with a reason), a client certificate for backend
 * TLS, a REGIONAL endpoint, and an optional TLS 1.2+ custom domain with mutual TLS.
 *
 * ```ts
 * const api = new SecureRestApi(this, 'Api');
 * api.restApi.root.addResource('orders').addMethod('GET', new apigw.HttpIntegration('https://backend.example.com/orders'));
 * ```
 */
export class SecureRestApi extends Construct {
  /** The REST API. Add resources and methods to it. */
  public readonly restApi: apigw.RestApi;
  /** The deployment stage. */
  public readonly stage: apigw.Stage;
  /** Access log group (JSON). */
  public readonly accessLogGroup: logs.LogGroup;
  /** Execution log group (`API-Gateway-Execution-Logs_<api id>/<stage>`), created up front encrypted and with retention. */
  public readonly executionLogGroup: logs.LogGroup;
  /** The WAF web ACL on the stage. */
  public readonly webAcl: SecureWebAcl;
  /** The request validator set on every method that has none. */
  public readonly requestValidator: apigw.RequestValidator;
  /** Client certificate API Gateway presents to HTTP backends. */
  public readonly clientCertificate: apigw.CfnClientCertificate;
  /** The custom domain, when configured. */
  public readonly domainName?: apigw.DomainName;
  private readonly allowedUnauthenticated = new Set<apigw.CfnMethod>();

  constructor(scope: Construct, id: string, props: SecureRestApiProps = {}) {
    super(scope, id);
    const v = new PropValidator(this);
    const endpointType = props.endpointType ?? EDGE_DEFAULTS.apiEndpointType;
    v.require(Object.values(ApiEndpointType).includes(endpointType), 'endpointType', `is not a known endpoint type (got ${JSON.stringify(endpointType)}).`, 'Use ApiEndpointType.REGIONAL or PRIVATE.');
    if (endpointType === ApiEndpointType.EDGE) {
      v.require(isValidReason(props.edgeEndpointReason), 'edgeEndpointReason', `is required with ApiEndpointType.EDGE; at least ${MIN_REASON_LENGTH} characters.`,
        'Use REGIONAL (put your own CloudFront distribution with a WAF in front if needed) or PRIVATE, or say why EDGE is needed.');
    } else {
      v.require(props.edgeEndpointReason === undefined, 'edgeEndpointReason', 'only applies to ApiEndpointType.EDGE.', 'Remove it.');
    }
    if (endpointType === ApiEndpointType.PRIVATE) {
      v.require((props.privateEndpoints ?? []).length > 0, 'privateEndpoints', 'is required with ApiEndpointType.PRIVATE.', 'Pass the execute-api interface VPC endpoints that may call the API.');
    } else {
      v.require(props.privateEndpoints === undefined, 'privateEndpoints', 'only applies to ApiEndpointType.PRIVATE.', 'Remove it, or set endpointType: ApiEndpointType.PRIVATE.');
    }
    const authorization = props.authorization ?? EDGE_DEFAULTS.apiAuthorization;
    if (authorization === ApiAuthorization.COGNITO) {
      v.require((props.cognitoUserPools ?? []).length > 0, 'cognitoUserPools', 'is required with ApiAuthorization.COGNITO.', 'Pass the user pools whose tokens the API accepts.');
    } else {
      v.require(props.cognitoUserPools === undefined, 'cognitoUserPools', 'only applies to ApiAuthorization.COGNITO.', 'Remove it, or set authorization: ApiAuthorization.COGNITO.');
    }
    const rate = props.throttlingRateLimit ?? EDGE_DEFAULTS.throttlingRateLimit;
    const burst = props.throttlingBurstLimit ?? EDGE_DEFAULTS.throttlingBurstLimit;
    v.require(Token.isUnresolved(rate) || (rate > 0 && Number.isFinite(rate)), 'throttlingRateLimit', `must be a positive number (got ${rate}).`, 'Set the steady-state requests per second the backend can take.');
    v.require(Token.isUnresolved(burst) || (Number.isInteger(burst) && burst > 0), 'throttlingBurstLimit', `must be a positive integer (got ${burst}).`, 'Set the burst the backend can take.');
    const loggingLevel = props.loggingLevel ?? EDGE_DEFAULTS.loggingLevel;
    v.require(loggingLevel === apigw.MethodLoggingLevel.ERROR || loggingLevel === apigw.MethodLoggingLevel.INFO, 'loggingLevel',
      `must be ERROR or INFO (got ${loggingLevel}): execution logging cannot be turned off.`, 'Use MethodLoggingLevel.ERROR (default) or INFO.');
    const cache = props.cacheClusterEnabled ?? EDGE_DEFAULTS.cacheClusterEnabled;
    if (!cache) {
      v.require(props.cacheClusterSize === undefined, 'cacheClusterSize', 'only applies when cacheClusterEnabled is true.', 'Remove it, or set cacheClusterEnabled: true.');
      v.require(props.cacheTtl === undefined, 'cacheTtl', 'only applies when cacheClusterEnabled is true.', 'Remove it, or set cacheClusterEnabled: true.');
    }
    const domain = props.domain;
    let domainLevel: TlsPolicyLevel | undefined;
    if (domain) {
      v.require(typeof domain.domainName === 'string' && domain.domainName.length > 0, 'domain.domainName', 'is required.', 'Pass the custom domain name.');
      v.require(!!domain.certificate, 'domain.certificate', 'is required.', 'Pass an ACM certificate for the domain (same region as the API).');
      const policy = domain.securityPolicy ?? EDGE_DEFAULTS.domainSecurityPolicy;
      domainLevel = apiGatewayPolicyLevel(policy);
      v.require(domainLevel !== TlsPolicyLevel.BELOW_TLS12, 'domain.securityPolicy', `${policy} allows TLS 1.0/1.1; this is never allowed.`, 'Use SecurityPolicy.TLS_1_2 or an enhanced SecurityPolicy_TLS13_* policy.');
      const mtls = domain.mtlsTruststoreBucket !== undefined || domain.mtlsTruststoreKey !== undefined;
      if (mtls) {
        v.require(!!domain.mtlsTruststoreBucket, 'domain.mtlsTruststoreBucket', 'is required with mtlsTruststoreKey.', 'Pass the bucket holding the truststore.');
        v.require(typeof domain.mtlsTruststoreKey === 'string' && domain.mtlsTruststoreKey.length > 0, 'domain.mtlsTruststoreKey', 'is required with mtlsTruststoreBucket.', 'Pass the object key of the truststore (PEM bundle).');
        v.require(endpointType === ApiEndpointType.REGIONAL, 'domain.mtlsTruststoreBucket', `mutual TLS needs a REGIONAL endpoint (got ${endpointType}).`, 'Use ApiEndpointType.REGIONAL.');
      }
    }
    v.throwIfInvalid();

    const stageName = props.stageName ?? EDGE_DEFAULTS.stageName;
    const access = new SecureLogGroup(this, 'AccessLogGroup', { encryptionKey: props.logEncryptionKey });
    const accessLogGroup = access.logGroup;
    this.accessLogGroup = accessLogGroup;
    this.clientCertificate = new apigw.CfnClientCertificate(this, 'ClientCertificate', { description: `Backend client certificate of ${this.node.path}` });

    const authorizer = authorization === ApiAuthorization.COGNITO
      ? new apigw.CognitoUserPoolsAuthorizer(this, 'Authorizer', { cognitoUserPools: props.cognitoUserPools! })
      : undefined;
    const types = {
      [ApiEndpointType.REGIONAL]: apigw.EndpointType.REGIONAL,
      [ApiEndpointType.PRIVATE]: apigw.EndpointType.PRIVATE,
      [ApiEndpointType.EDGE]: apigw.EndpointType.EDGE,
    };
    const disableExecuteApiEndpoint = !!domain?.mtlsTruststoreBucket;
    this.restApi = new apigw.RestApi(this, 'Resource', {
      restApiName: props.restApiName ?? id,
      description: props.description,
      endpointConfiguration: { types: [types[endpointType]], vpcEndpoints: props.privateEndpoints },
      policy: endpointType === ApiEndpointType.PRIVATE ? privatePolicy(props.privateEndpoints!, authorization) : undefined,
      cloudWatchRole: props.cloudWatchRole ?? EDGE_DEFAULTS.cloudWatchRole,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      disableExecuteApiEndpoint,
      defaultMethodOptions: authorizer
        ? { authorizationType: apigw.AuthorizationType.COGNITO, authorizer }
        : { authorizationType: apigw.AuthorizationType.IAM },
      deployOptions: {
        stageName,
        tracingEnabled: EDGE_DEFAULTS.tracingEnabled,
        loggingLevel,
        dataTraceEnabled: EDGE_DEFAULTS.dataTraceEnabled,
        metricsEnabled: true,
        throttlingRateLimit: rate,
        throttlingBurstLimit: burst,
        accessLogDestination: new apigw.LogGroupLogDestination(accessLogGroup),
        accessLogFormat: apigw.AccessLogFormat.jsonWithStandardFields({
          caller: true, httpMethod: true, ip: true, protocol: true, requestTime: true,
          resourcePath: true, responseLength: true, status: true, user: true,
        }),
        clientCertificateId: this.clientCertificate.attrClientCertificateId,
        cacheClusterEnabled: cache,
        cacheClusterSize: cache ? (props.cacheClusterSize ?? EDGE_DEFAULTS.cacheClusterSize) : undefined,
        cachingEnabled: cache,
        cacheDataEncrypted: cache ? true : undefined,
        cacheTtl: cache ? (props.cacheTtl ?? Duration.seconds(EDGE_DEFAULTS.cacheTtlSeconds)) : undefined,
      },
    });
    this.stage = this.restApi.deploymentStage;
    const cfnStage = this.stage.node.defaultChild as CfnResource;
    const cfnApi = this.restApi.node.defaultChild as CfnResource;
    if (!cache) suppress(cfnStage, CACHE_OFF_REASON, ...nagPacks('APIGWCacheEnabledAndEncrypted'));
    if (endpointType === ApiEndpointType.EDGE) weaken(cfnApi, 'endpointType', props.edgeEndpointReason!, []);
    const role = this.restApi.node.tryFindChild('CloudWatchRole');
    if (role) {
      suppress(role, CLOUDWATCH_ROLE_REASON, `${awsSolutions('IAM4')}[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]`);
      suppress(role, CLOUDWATCH_TRUST_REASON, 'aws-iam-role-trust-conditions', 'aws-iam-role-permissions-boundary');
    }

    // execution logs: create the group API Gateway would create (unencrypted, never expiring) before the stage exists
    this.executionLogGroup = new SecureLogGroup(this, 'ExecutionLogGroup', {
      logGroupName: `API-Gateway-Execution-Logs_${this.restApi.restApiId}/${stageName}`,
      encryptionKey: access.encryptionKey,
    }).logGroup;
    this.stage.node.addDependency(this.executionLogGroup);

    this.requestValidator = this.restApi.addRequestValidator('RequestValidator', {
      requestValidatorName: 'validate-body-and-parameters',
      validateRequestBody: true,
      validateRequestParameters: true,
    });

    this.webAcl = new SecureWebAcl(this, 'WebAcl', { rateLimit: props.rateLimit, managedRuleGroups: props.managedRuleGroups });
    this.webAcl.associate('WebAclAssociation', this.stage.stageArn).node.addDependency(this.stage);

    if (domain) {
      this.domainName = this.restApi.addDomainName('Domain', {
        domainName: domain.domainName,
        certificate: domain.certificate,
        endpointType: types[endpointType],
        securityPolicy: domain.securityPolicy ?? EDGE_DEFAULTS.domainSecurityPolicy,
        endpointAccessMode: String(domain.securityPolicy ?? '').startsWith('SecurityPolicy_') ? apigw.EndpointAccessMode.STRICT : undefined,
        mtls: domain.mtlsTruststoreBucket
          ? { bucket: domain.mtlsTruststoreBucket, key: domain.mtlsTruststoreKey!, version: domain.mtlsTruststoreVersion }
          : undefined,
        basePath: domain.basePath,
      });
    }

    Aspects.of(this).add(new MethodHardening(this.requestValidator, authorization === ApiAuthorization.IAM), { priority: AspectPriority.MUTATING });
    this.node.addValidation({ validate: () => this.unauthorizedMethods() });
  }

  /**
   * Allows one method to be called without authorization (AuthorizationType NONE), e.g. a public health check.
   * The reason is recorded on the method and shown in the compliance report.
   */
  public allowUnauthenticated(method: apigw.Method, reason: string): void {
    const cfn = method.node.defaultChild as apigw.CfnMethod;
    if (!isValidReason(reason)) {
      throw new ValidationError(this, [{
        property: `allowUnauthenticated(${method.node.path}).reason`,
        problem: `needs a reason of at least ${MIN_REASON_LENGTH} characters (got ${JSON.stringify(reason ?? '')}).`,
        fix: 'Say why the method must be callable without credentials; it is recorded in the compliance report.',
      }]);
    }
    this.allowedUnauthenticated.add(cfn);
    weaken(cfn, 'authorizationType', reason, ['aws-edge-apigw-method-authorization', awsSolutions('APIG4'), awsSolutions('COG4')]);
  }

  /** Synthesis-time check: every method has authorization, except CORS preflights and methods allowed with a reason. */
  private unauthorizedMethods(): string[] {
    const errors: string[] = [];
    for (const method of this.restApi.methods) {
      const cfn = method.node.defaultChild as apigw.CfnMethod;
      const type = Stack.of(this).resolve(cfn.authorizationType);
      if (type !== undefined && type !== 'NONE') continue;
      if (this.allowedUnauthenticated.has(cfn) || isCorsPreflight(cfn)) continue;
      errors.push(`Invalid props for ${this.node.path}: method ${method.httpMethod} ${method.resource.path} (${method.node.path}): authorizationType is NONE. `
        + 'Fix: use IAM or Cognito authorization (the SecureRestApi default), or call allowUnauthenticated(method, reason) with the reason it must be public.');
    }
    return errors;
  }
}

/** OPTIONS methods backed by a MOCK integration: CORS preflights, which never reach a backend. */
function isCorsPreflight(cfn: apigw.CfnMethod): boolean {
  const resolved = Stack.of(cfn).resolve(cfn.integration) as { type?: string } | undefined;
  return cfn.httpMethod === 'OPTIONS' && resolved?.type === 'MOCK';
}

function privatePolicy(endpoints: ec2.IInterfaceVpcEndpoint[], authorization: ApiAuthorization): iam.PolicyDocument {
  const ids = endpoints.map((e) => e.vpcEndpointId);
  return new iam.PolicyDocument({
    statements: [
      new iam.PolicyStatement({
        sid: 'DenyOutsideTheVpcEndpoints',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['execute-api:Invoke'],
        resources: ['execute-api:/*'],
        conditions: { StringNotEquals: { 'aws:SourceVpce': ids } },
      }),
      new iam.PolicyStatement({
        sid: 'AllowThroughTheVpcEndpoints',
        // with IAM authorization only principals of this account (and their identity policies) may call
        principals: [authorization === ApiAuthorization.IAM ? new iam.AccountRootPrincipal() : new iam.AnyPrincipal()],
        actions: ['execute-api:Invoke'],
        resources: ['execute-api:/*'],
      }),
    ],
  });
}

/** Sets the request validator on methods without one and records why IAM-authorized methods have no Cognito authorizer. */
class MethodHardening implements IAspect {
  constructor(private readonly validator: apigw.RequestValidator, private readonly iamAuth: boolean) {}
  public visit(node: IConstruct): void {
    if (!(node instanceof apigw.CfnMethod)) return;
    if (node.requestValidatorId === undefined && node.httpMethod !== 'OPTIONS') node.requestValidatorId = this.validator.requestValidatorId;
    if (this.iamAuth && Stack.of(node).resolve(node.authorizationType) === 'AWS_IAM') suppress(node, IAM_AUTH_REASON, awsSolutions('COG4'));
  }
}
