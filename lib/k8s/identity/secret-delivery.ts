import { Construct } from 'constructs';
import { SecretReference, WorkloadIdentityBinding } from '../../core/cross-plane';
import { PropValidator } from '../../core/errors';
import { AwsSecretsManagerStore, ExternalSecret, ExternalSecretKey } from '../secrets';
import { checkSameWorkload } from './workload-identity-binding';
import { IHardenedWorkload } from '../workload/types';

/** Properties of a SecretDelivery. */
export interface SecretDeliveryProps {
  /** The workload that reads the secret. Its identity must be bound (WorkloadIdentityServiceAccount.bind). */
  readonly workload: IHardenedWorkload;
  /** `WorkloadIdentity.binding` of the workload (AWS app). */
  readonly identity: WorkloadIdentityBinding;
  /** `SecretsStore.reference` of the secret (AWS app). The workload's role must be granted read (`secretsStore.grantRead(identity)`). */
  readonly secret: SecretReference;
  /**
   * Where the secret's properties appear as files.
   * @default '/var/run/secrets/app'
   */
  readonly mountPath?: string;
  /**
   * Which properties of the secret to deliver (and under which file names).
   * @default - every property of the secret (dataFrom extract)
   */
  readonly keys?: ExternalSecretKey[];
  /**
   * How often the operator re-reads the secret (a rotation reaches the pods within this interval).
   * @default '1h'
   */
  readonly refreshInterval?: string;
}

/**
 * Delivers one AWS Secrets Manager secret into one workload as read-only files: a SecretStore that
 * authenticates as the workload's own ServiceAccount (so it can read only what that workload's role may
 * read) and an ExternalSecret for exactly that secret. The value never appears in any manifest.
 */
export class SecretDelivery extends Construct {
  public readonly store: AwsSecretsManagerStore;
  public readonly externalSecret: ExternalSecret;

  constructor(scope: Construct, id: string, props: SecretDeliveryProps) {
    super(scope, id);
    const v = new PropValidator(this);
    checkSameWorkload(v, 'identity', props?.workload, props?.identity, props?.workload ?? this);
    v.require(typeof props?.secret?.secretName === 'string' && props.secret.secretName.length > 0, 'secret.secretName', 'is required.', 'Pass `SecretsStore.reference` from the AWS app.');
    v.require(props?.secret?.region === props?.identity?.region, 'secret.region',
      `is "${props?.secret?.region}" but the workload identity's role is in "${props?.identity?.region}".`, 'Deliver a secret of the identity\'s region (or a replica there).');
    v.throwIfInvalid();
    const namespace = props.identity.namespaceName;
    this.store = new AwsSecretsManagerStore(this, 'Store', {
      region: props.secret.region,
      serviceAccountName: props.identity.serviceAccountName,
      namespaceName: namespace,
    });
    this.externalSecret = new ExternalSecret(this, 'Secret', {
      store: this.store,
      remoteKey: props.secret.secretName,
      keys: props.keys,
      refreshInterval: props.refreshInterval,
    });
    this.externalSecret.mountInto(props.workload, props.mountPath);
  }
}
