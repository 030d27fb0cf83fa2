import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { SECRETS_DEFAULTS as D } from './defaults';
import { PropValidator } from '../../core/errors';
import { namespaceOf } from '../shared/objects';
import { isDnsLabel, isDnsSubdomain } from '../shared/validate';

/** A store External Secrets reads from. */
export interface ISecretStore extends IConstruct {
  /** Name of the SecretStore. */
  readonly storeName: string;
  /** Kind: SecretStore. */
  readonly storeKind: string;
  /** Namespace of the store (ExternalSecrets using it must live there). */
  readonly storeNamespace?: string;
}

/** Props of AwsSecretsManagerStore. */
export interface AwsSecretsManagerStoreProps {
  /** AWS region of the secrets, e.g. "eu-west-1". */
  readonly region: string;
  /**
   * ServiceAccount whose token External Secrets exchanges for AWS credentials
   * (`auth.jwt.serviceAccountRef`; IRSA: annotate it with `eks.amazonaws.com/role-arn`).
   * Usually a HardenedWorkload's `serviceAccountName`, so the store can read only what that workload's role can.
   */
  readonly serviceAccountName: string;
  /** Namespace (the ServiceAccount's). @default - the chart's namespace */
  readonly namespaceName?: string;
  /** Name of the SecretStore. @default - generated from the construct path */
  readonly name?: string;
  /** Role to assume after authenticating. @default - none (the service account's role) */
  readonly roleArn?: string;
}

const REGION = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::[0-9]{12}:role\/[\w+=,.@/-]+$/;

/**
 * An External Secrets `SecretStore` (`external-secrets.io/v1`) for AWS Secrets Manager that
 * authenticates as a workload's ServiceAccount (no static AWS keys anywhere).
 */
export class AwsSecretsManagerStore extends Construct implements ISecretStore {
  /** The SecretStore object. */
  public readonly apiObject: ApiObject;
  public readonly storeName: string;
  public readonly storeKind: string = 'SecretStore';
  public readonly storeNamespace?: string;

  constructor(scope: Construct, id: string, props: AwsSecretsManagerStoreProps) {
    super(scope, id);
    const v = new PropValidator(this);
    v.require(typeof props?.region === 'string' && REGION.test(props.region), 'region', `${JSON.stringify(props?.region)} is not an AWS region.`, 'Use e.g. "eu-west-1".');
    v.require(isDnsSubdomain(props?.serviceAccountName), 'serviceAccountName', `${JSON.stringify(props?.serviceAccountName)} is not a ServiceAccount name.`, 'Pass the workload\'s serviceAccountName.');
    if (props?.namespaceName !== undefined) v.require(isDnsLabel(props.namespaceName), 'namespaceName', `${JSON.stringify(props.namespaceName)} is not a namespace name.`, 'Give the namespace of the ServiceAccount.');
    if (props?.name !== undefined) v.require(isDnsSubdomain(props.name), 'name', `${JSON.stringify(props.name)} is not a valid name.`, 'Use lower-case letters, digits, "-" and ".".');
    if (props?.roleArn !== undefined) v.require(ROLE_ARN.test(props.roleArn), 'roleArn', `${JSON.stringify(props.roleArn)} is not an IAM role ARN.`, 'Use arn:aws:iam::<account>:role/<name>.');
    v.throwIfInvalid();
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'external-secrets.io/v1',
      kind: 'SecretStore',
      metadata: { ...(props.name ? { name: props.name } : {}), ...(props.namespaceName ? { namespace: props.namespaceName } : {}) },
      spec: {
        provider: {
          aws: {
            service: D.awsService,
            region: props.region,
            ...(props.roleArn ? { role: props.roleArn } : {}),
            auth: { jwt: { serviceAccountRef: { name: props.serviceAccountName } } },
          },
        },
      },
    });
    this.storeName = this.apiObject.name;
    this.storeNamespace = namespaceOf(this, props.namespaceName);
  }
}
