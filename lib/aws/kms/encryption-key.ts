import { Annotations, Arn, ArnFormat, Aws, Duration, RemovalPolicy, Stack, Token, aws_iam as iam, aws_kms as kms } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import {
  KEY_ADMIN_ACTIONS, KEY_DECRYPT_ACTIONS, KEY_ENCRYPT_ACTIONS, KEY_ENCRYPT_DECRYPT_ACTIONS, KMS_DEFAULTS,
  PENDING_WINDOW_RANGE_DAYS, ROTATION_PERIOD_RANGE_DAYS,
} from './defaults';
import { KeyService } from './key-service';
import { PropValidator, isValidReason, MIN_REASON_LENGTH } from '../../core/errors';
import { awsSolutions, controlTower, nagPacks, weaken } from '../private/compliance';
import { checkRemovalPolicy } from '../private/removal-policy';

/** Rule ids of our pack that EncryptionKey guarantees (and that its explicit weakenings accept). */
export const KMS_RULE_IDS = {
  rotation: 'aws-kms-key-rotation',
  leastPrivilege: 'aws-kms-key-policy-least-privilege',
  grantRestriction: 'aws-kms-key-grant-restriction',
  retained: 'aws-kms-key-retained',
} as const;

/**
 * A customer managed KMS key as the other constructs of this library consume it.
 * Implemented by `EncryptionKey` and by keys imported with `EncryptionKey.fromKeyArn()` / `EncryptionKey.fromKey()`.
 */
export interface IEncryptionKey extends IConstruct {
  /** The underlying aws-cdk-lib key, to pass to other constructs. Grants made through it go into the key policy. */
  readonly key: kms.IKey;
  /** ARN of the key. */
  readonly keyArn: string;
  /** Id of the key. */
  readonly keyId: string;
  /** Whether the key policy can be changed by this app (false for imported keys). */
  readonly policyManaged: boolean;

  /** Lets the grantee decrypt with the key (kms:Decrypt, kms:DescribeKey). */
  grantDecrypt(grantee: iam.IGrantable): iam.Grant;
  /** Lets the grantee encrypt with the key (kms:Encrypt, kms:ReEncryptFrom/To, kms:GenerateDataKey, kms:GenerateDataKeyWithoutPlaintext, kms:DescribeKey). */
  grantEncrypt(grantee: iam.IGrantable): iam.Grant;
  /** Lets the grantee encrypt and decrypt with the key. */
  grantEncryptDecrypt(grantee: iam.IGrantable): iam.Grant;
  /**
   * Lets the grantee decrypt with the key only in requests that `service` makes on its behalf in this account
   * and region (`kms:ViaService`, `kms:CallerAccount`).
   */
  grantDecryptViaService(grantee: iam.IGrantable, service: KeyService): iam.Grant;
  /** Lets the grantee encrypt and decrypt with the key only through `service` (`kms:ViaService`, `kms:CallerAccount`). */
  grantEncryptDecryptViaService(grantee: iam.IGrantable, service: KeyService): iam.Grant;
  /**
   * Lets principals of this account whose IAM policies allow it use the key through `service` only
   * (`kms:ViaService` + `kms:CallerAccount`). Needed where a service uses the key for whoever calls it,
   * e.g. Secrets Manager when CloudFormation creates a secret. No-op on keys whose policy this app does not manage.
   */
  allowServiceUse(service: KeyService): void;
  /**
   * Lets CloudWatch Logs of this account and region use the key for log groups whose name matches
   * `logGroupNamePattern` (`kms:EncryptionContext:aws:logs:arn`). No-op on keys whose policy this app does not manage.
   */
  allowCloudWatchLogs(logGroupNamePattern: string): void;
}

/** Props of an EncryptionKey. */
export interface EncryptionKeyProps {
  /**
   * Description of the key.
   * @default - "Encryption key <construct path>"
   */
  readonly description?: string;
  /**
   * Alias of the key, with or without the `alias/` prefix. Must not start with `alias/aws/`.
   * @default - no alias
   */
  readonly alias?: string;
  /**
   * Additional key administrators: they may manage the key (policy, rotation, aliases, tags, grants, deletion)
   * but not use it. The account itself always keeps these administrative actions (never `kms:*`), so the key
   * cannot be locked out and CloudFormation can keep updating it.
   * @default - the account only
   */
  readonly admins?: iam.IPrincipal[];
  /**
   * Days between automatic rotations of the key material (90 to 2560 days).
   * @default Duration.days(365)
   */
  readonly rotationPeriod?: Duration;
  /**
   * Turns automatic key rotation off. The reason is recorded in the template and the compliance report.
   * @default - rotation on
   */
  readonly rotationOptOutReason?: string;
  /**
   * Waiting period (7 to 30 days) before a key scheduled for deletion is deleted. Shorter than 30 days needs
   * `pendingWindowReason`.
   * @default Duration.days(30)
   */
  readonly pendingWindow?: Duration;
  /**
   * Why the pending window is shorter than 30 days.
   * @default - none (required with a pendingWindow below 30 days)
   */
  readonly pendingWindowReason?: string;
  /**
   * What happens to the key when it leaves the stack. Anything but RETAIN needs `removalPolicyReason`.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Why the key may be deleted with the stack.
   * @default - none (required with a removalPolicy other than RETAIN)
   */
  readonly removalPolicyReason?: string;
  /**
   * Services through which principals of this account may use the key (see `allowServiceUse`).
   * @default - none
   */
  readonly serviceUse?: KeyService[];
  /**
   * Grants the account root `kms:*` on the key (the aws-cdk-lib default key policy): any IAM policy of the account
   * can then allow any use of the key. Only with a written reason.
   * @default - the account gets administrative actions only
   */
  readonly rootFullAccessReason?: string;
}

/**
 * A KMS key whose grants are written into the key policy (which names the grantee), because the key
 * policy of an EncryptionKey does not delegate key use to IAM policies.
 */
class PolicyGrantingKey extends kms.Key {
  public override get grants(): kms.KeyGrants {
    return kms.KeyGrants.fromKey(this, false);
  }
}

function viaServiceConditions(scope: IConstruct, service: KeyService): Record<string, Record<string, unknown>> {
  return { StringEquals: { 'kms:ViaService': service.viaServiceIn(scope), 'kms:CallerAccount': Stack.of(scope).account } };
}

function validateService(v: PropValidator, property: string, service: KeyService): void {
  v.require(!!service && /^[a-z0-9][a-z0-9.-]*$/.test(service.endpointPrefix ?? ''), property,
    `is not a valid service endpoint prefix (got ${JSON.stringify(service?.endpointPrefix)}).`,
    'Use one of the KeyService constants or KeyService.of("<endpoint prefix>"), e.g. KeyService.of("elasticfilesystem").');
}

/** Grants through the principal's IAM policy only: for keys whose policy this app does not manage. */
class ImportedEncryptionKey extends Construct implements IEncryptionKey {
  public readonly keyArn: string;
  public readonly keyId: string;
  public readonly policyManaged: boolean;

  constructor(scope: Construct, id: string, public readonly key: kms.IKey, policyManaged: boolean) {
    super(scope, id);
    this.keyArn = key.keyArn;
    this.keyId = key.keyId;
    this.policyManaged = policyManaged;
  }

  public grantDecrypt(grantee: iam.IGrantable): iam.Grant {
    return this.key.grantDecrypt(grantee);
  }
  public grantEncrypt(grantee: iam.IGrantable): iam.Grant {
    return this.key.grantEncrypt(grantee);
  }
  public grantEncryptDecrypt(grantee: iam.IGrantable): iam.Grant {
    return this.key.grantEncryptDecrypt(grantee);
  }
  public grantDecryptViaService(grantee: iam.IGrantable, service: KeyService): iam.Grant {
    return this.viaService(grantee, service, KEY_DECRYPT_ACTIONS);
  }
  public grantEncryptDecryptViaService(grantee: iam.IGrantable, service: KeyService): iam.Grant {
    return this.viaService(grantee, service, KEY_ENCRYPT_DECRYPT_ACTIONS);
  }
  public allowServiceUse(service: KeyService): void {
    if (!this.policyManaged) {
      Annotations.of(this).addWarningV2('secure-constructs:imported-key-policy',
        `The policy of imported key ${this.node.path} is not managed here: make sure it lets principals of this account use it through ${service.endpointPrefix}.`);
      return;
    }
    this.key.addToResourcePolicy(serviceUseStatement(this, service));
  }
  public allowCloudWatchLogs(logGroupNamePattern: string): void {
    const added = this.key.addToResourcePolicy(cloudWatchLogsStatement(this, logGroupNamePattern));
    if (!added.statementAdded) {
      Annotations.of(this).addWarningV2('secure-constructs:imported-key-policy',
        `The policy of imported key ${this.node.path} is not managed here: make sure it lets logs.${Stack.of(this).region}.amazonaws.com use it (kms:EncryptionContext:aws:logs:arn).`);
    }
  }

  private viaService(grantee: iam.IGrantable, service: KeyService, actions: readonly string[]): iam.Grant {
    const v = new PropValidator(this);
    validateService(v, 'service', service);
    v.throwIfInvalid();
    return iam.Grant.addToPrincipal({ grantee, actions: [...actions], resourceArns: [this.keyArn], conditions: viaServiceConditions(this, service) });
  }
}

function serviceUseStatement(scope: IConstruct, service: KeyService): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: `AllowAccountUseVia${service.endpointPrefix.replace(/[^A-Za-z0-9]/g, '')}`,
    principals: [new iam.AccountRootPrincipal()],
    actions: [...KEY_ENCRYPT_DECRYPT_ACTIONS],
    resources: ['*'],
    conditions: viaServiceConditions(scope, service),
  });
}

function cloudWatchLogsStatement(scope: IConstruct, logGroupNamePattern: string): iam.PolicyStatement {
  const stack = Stack.of(scope);
  return new iam.PolicyStatement({
    principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
    actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:DescribeKey'],
    resources: ['*'],
    conditions: {
      ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${stack.region}:${stack.account}:log-group:${logGroupNamePattern}` },
    },
  });
}

/**
 * A symmetric customer managed KMS key, secure by default:
 *
 * - automatic rotation on (yearly);
 * - a key policy that separates administration from use: the account may administer the key (no `kms:*`),
 *   users are named in the key policy by the `grant*` methods, service use is scoped with `kms:ViaService`
 *   and `kms:CallerAccount`;
 * - KMS grants only for AWS resources (AWS Control Tower CT.KMS.PR.3);
 * - a 30-day deletion window; retained when removed from the stack.
 *
 * ```ts
 * const key = new EncryptionKey(this, 'Key', { alias: 'orders' });
 * key.grantEncryptDecrypt(appRole);
 * new s3.Bucket(this, 'B', { encryptionKey: key.key, encryption: s3.BucketEncryption.KMS });
 * ```
 */
export class EncryptionKey extends Construct implements IEncryptionKey {
  /** Imports a key by ARN. Its policy is not managed here: grants go into the grantee's IAM policy. */
  public static fromKeyArn(scope: Construct, id: string, keyArn: string): IEncryptionKey {
    const holder = new Construct(scope, id);
    const v = new PropValidator(holder);
    if (!Token.isUnresolved(keyArn)) {
      let ok = false;
      try {
        const parts = Arn.split(keyArn, ArnFormat.SLASH_RESOURCE_NAME);
        ok = parts.service === 'kms' && parts.resource === 'key' && !!parts.resourceName;
      } catch {
        ok = false;
      }
      v.require(ok, 'keyArn', `is not a KMS key ARN (got ${JSON.stringify(keyArn)}).`, 'Pass an ARN like arn:aws:kms:<region>:<account>:key/<key id> (not an alias ARN).');
    }
    v.throwIfInvalid();
    return new ImportedEncryptionKey(holder, 'Imported', kms.Key.fromKeyArn(holder, 'Key', keyArn), false);
  }

  /**
   * Wraps an existing aws-cdk-lib key. If it is a `kms.Key` of this app, service statements (`allowServiceUse`,
   * `allowCloudWatchLogs`) are added to its policy; its other settings are the caller's responsibility.
   */
  public static fromKey(scope: Construct, id: string, key: kms.IKey): IEncryptionKey {
    return new ImportedEncryptionKey(scope, id, key, key instanceof kms.Key);
  }

  public readonly key: kms.IKey;
  public readonly keyArn: string;
  public readonly keyId: string;
  public readonly policyManaged: boolean = true;
  /** The alias, if one was given. */
  public readonly alias?: kms.IAlias;

  private readonly kmsKey: kms.Key;
  private readonly services = new Set<string>();
  private readonly logPatterns = new Set<string>();

  constructor(scope: Construct, id: string, props: EncryptionKeyProps = {}) {
    super(scope, id);
    const v = new PropValidator(this);

    // rotation
    const rotationOff = props.rotationOptOutReason !== undefined;
    if (rotationOff) {
      v.require(isValidReason(props.rotationOptOutReason), 'rotationOptOutReason',
        `must be a reason of at least ${MIN_REASON_LENGTH} characters.`, 'Explain why the key material must not rotate; it is recorded in the compliance report.');
      v.require(props.rotationPeriod === undefined, 'rotationPeriod', 'cannot be set when rotation is turned off (rotationOptOutReason).', 'Remove rotationPeriod or rotationOptOutReason.');
    }
    const rotationDays = props.rotationPeriod && !Token.isUnresolved(props.rotationPeriod.toString())
      ? props.rotationPeriod.toDays({ integral: false })
      : KMS_DEFAULTS.rotationPeriodDays;
    v.require(Number.isInteger(rotationDays) && rotationDays >= ROTATION_PERIOD_RANGE_DAYS.min && rotationDays <= ROTATION_PERIOD_RANGE_DAYS.max, 'rotationPeriod',
      `must be a whole number of days between ${ROTATION_PERIOD_RANGE_DAYS.min} and ${ROTATION_PERIOD_RANGE_DAYS.max} (got ${rotationDays} days).`,
      `Use e.g. Duration.days(${KMS_DEFAULTS.rotationPeriodDays}).`);

    // pending window
    const pendingDays = props.pendingWindow ? props.pendingWindow.toDays({ integral: false }) : KMS_DEFAULTS.pendingWindowDays;
    const pendingInRange = v.require(Number.isInteger(pendingDays) && pendingDays >= PENDING_WINDOW_RANGE_DAYS.min && pendingDays <= PENDING_WINDOW_RANGE_DAYS.max, 'pendingWindow',
      `must be a whole number of days between ${PENDING_WINDOW_RANGE_DAYS.min} and ${PENDING_WINDOW_RANGE_DAYS.max} (got ${pendingDays} days).`,
      `Use Duration.days(${KMS_DEFAULTS.pendingWindowDays}) (the default) or a shorter window with pendingWindowReason.`);
    const shortWindow = pendingInRange && pendingDays < KMS_DEFAULTS.pendingWindowDays;
    v.reasonFor(shortWindow, 'pendingWindowReason', props.pendingWindowReason, `pendingWindow (${pendingDays} days) is shorter than ${KMS_DEFAULTS.pendingWindowDays} days.`,
      'Explain why a shorter window to cancel an accidental key deletion is acceptable, or use the default window.', `a pendingWindow shorter than ${KMS_DEFAULTS.pendingWindowDays} days`);

    // removal policy
    const removalPolicy = props.removalPolicy ?? KMS_DEFAULTS.removalPolicy;
    const retained = checkRemovalPolicy(v, removalPolicy, props.removalPolicyReason, { resources: 'KMS keys', loss: ': data encrypted with a deleted key cannot be recovered', deleted: 'the key' });

    // root full access
    if (props.rootFullAccessReason !== undefined) {
      v.require(isValidReason(props.rootFullAccessReason), 'rootFullAccessReason',
        `must be a reason of at least ${MIN_REASON_LENGTH} characters.`, 'Explain why IAM policies of the account must be able to allow any use of the key.');
    }

    // alias
    let aliasName: string | undefined;
    if (props.alias !== undefined && !Token.isUnresolved(props.alias)) {
      aliasName = props.alias.startsWith('alias/') ? props.alias : `alias/${props.alias}`;
      v.require(/^alias\/[a-zA-Z0-9/_-]{1,250}$/.test(aliasName), 'alias',
        `must be 1 to 250 characters of a-z, A-Z, 0-9, /, _ and - after "alias/" (got ${JSON.stringify(props.alias)}).`, 'Use a name like "orders" or "alias/team/orders".');
      v.require(!aliasName.toLowerCase().startsWith('alias/aws/'), 'alias', 'must not start with "alias/aws/" (reserved for AWS managed keys).', 'Choose another prefix.');
    } else {
      aliasName = props.alias;
    }
    if (props.admins !== undefined) {
      props.admins.forEach((p, i) => v.require(!!p && typeof (p as any).policyFragment === 'object', `admins[${i}]`, 'is not an IAM principal.', 'Pass iam.IPrincipal objects (roles, ArnPrincipal, ...).'));
    }
    (props.serviceUse ?? []).forEach((s, i) => validateService(v, `serviceUse[${i}]`, s));
    v.throwIfInvalid();

    const policy = new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({
          sid: 'KeyAdministrationByTheAccount',
          principals: [new iam.AccountRootPrincipal()],
          actions: [...KEY_ADMIN_ACTIONS],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'DenyGrantsExceptForAwsResources',
          effect: iam.Effect.DENY,
          principals: [new iam.AnyPrincipal()],
          actions: ['kms:CreateGrant'],
          resources: ['*'],
          conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
        }),
      ],
    });
    if (props.admins && props.admins.length > 0) {
      policy.addStatements(new iam.PolicyStatement({ sid: 'KeyAdministrators', principals: props.admins, actions: [...KEY_ADMIN_ACTIONS], resources: ['*'] }));
    }

    this.kmsKey = new PolicyGrantingKey(this, 'Resource', {
      description: props.description ?? `Encryption key ${this.node.path}`,
      enableKeyRotation: !rotationOff,
      rotationPeriod: rotationOff ? undefined : (props.rotationPeriod ?? Duration.days(KMS_DEFAULTS.rotationPeriodDays)),
      pendingWindow: Duration.days(pendingDays),
      removalPolicy,
      policy,
    });
    this.key = this.kmsKey;
    this.keyArn = this.kmsKey.keyArn;
    this.keyId = this.kmsKey.keyId;
    const cfn = this.kmsKey.node.defaultChild as kms.CfnKey;

    if (rotationOff) {
      weaken(cfn, 'rotationOptOutReason', props.rotationOptOutReason!, [
        KMS_RULE_IDS.rotation, awsSolutions('KMS5'), ...nagPacks('KMSBackingKeyRotationEnabled', ['nist', 'pci']),
        controlTower('kms_key_rotation_enabled_check'),
      ]);
    }
    if (shortWindow) weaken(cfn, 'pendingWindow', props.pendingWindowReason!, [`${KMS_RULE_IDS.retained}[PendingWindowInDays]`]);
    if (!retained) weaken(cfn, 'removalPolicy', props.removalPolicyReason!, [`${KMS_RULE_IDS.retained}[DeletionPolicy]`]);
    if (props.rootFullAccessReason !== undefined) {
      policy.addStatements(new iam.PolicyStatement({ sid: 'RootFullAccess', principals: [new iam.AccountRootPrincipal()], actions: ['kms:*'], resources: ['*'] }));
      weaken(cfn, 'rootFullAccessReason', props.rootFullAccessReason, [KMS_RULE_IDS.leastPrivilege]);
    }
    if (aliasName !== undefined) this.alias = this.kmsKey.addAlias(aliasName);
    for (const s of props.serviceUse ?? []) this.allowServiceUse(s);
  }

  public grantDecrypt(grantee: iam.IGrantable): iam.Grant {
    return this.kmsKey.grantDecrypt(grantee);
  }

  public grantEncrypt(grantee: iam.IGrantable): iam.Grant {
    return this.kmsKey.grant(grantee, ...KEY_ENCRYPT_ACTIONS);
  }

  public grantEncryptDecrypt(grantee: iam.IGrantable): iam.Grant {
    return this.kmsKey.grant(grantee, ...KEY_ENCRYPT_DECRYPT_ACTIONS);
  }

  public grantDecryptViaService(grantee: iam.IGrantable, service: KeyService): iam.Grant {
    return this.grantViaService(grantee, service, KEY_DECRYPT_ACTIONS);
  }

  public grantEncryptDecryptViaService(grantee: iam.IGrantable, service: KeyService): iam.Grant {
    return this.grantViaService(grantee, service, KEY_ENCRYPT_DECRYPT_ACTIONS);
  }

  public allowServiceUse(service: KeyService): void {
    const v = new PropValidator(this);
    validateService(v, 'service', service);
    v.throwIfInvalid();
    if (this.services.has(service.endpointPrefix)) return;
    this.services.add(service.endpointPrefix);
    this.kmsKey.addToResourcePolicy(serviceUseStatement(this, service));
  }

  public allowCloudWatchLogs(logGroupNamePattern: string): void {
    const v = new PropValidator(this);
    v.require(typeof logGroupNamePattern === 'string' && logGroupNamePattern.length > 0, 'logGroupNamePattern', 'is empty.', 'Pass the log group name, or a pattern like "/aws/lambda/*".');
    v.throwIfInvalid();
    if (this.logPatterns.has(logGroupNamePattern)) return;
    this.logPatterns.add(logGroupNamePattern);
    this.kmsKey.addToResourcePolicy(cloudWatchLogsStatement(this, logGroupNamePattern));
  }

  private grantViaService(grantee: iam.IGrantable, service: KeyService, actions: readonly string[]): iam.Grant {
    const v = new PropValidator(this);
    validateService(v, 'service', service);
    v.throwIfInvalid();
    return iam.Grant.addToPrincipalAndResource({
      grantee,
      actions: [...actions],
      resourceArns: [this.keyArn],
      resource: this.kmsKey,
      resourceSelfArns: ['*'],
      conditions: viaServiceConditions(this, service),
    });
  }
}
