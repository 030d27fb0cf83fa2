import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { SECRETS_DEFAULTS as D } from './defaults';
import { mountSecretInto } from './mount';
import { ISecretStore } from './secret-store';
import { PropValidator } from '../../core/errors';
import { namespaceOf } from '../shared/objects';
import { isDnsSubdomain, parseGoDuration } from '../shared/validate';
import { IHardenedWorkload, SecretMountOptions } from '../workload/types';

/** One key of the target Secret, read from a property of the remote secret. */
export interface ExternalSecretKey {
  /** Key in the target Secret (the file name when mounted). */
  readonly secretKey: string;
  /** JSON property of the remote secret. @default - the whole remote value */
  readonly property?: string;
  /** Remote secret to read. @default - the ExternalSecret's remoteKey */
  readonly remoteKey?: string;
}

/** Props of ExternalSecret. */
export interface ExternalSecretProps {
  /** The store to read from. */
  readonly store: ISecretStore;
  /** Name or ARN of the remote secret (e.g. the Secrets Manager secret). */
  readonly remoteKey: string;
  /** Keys to copy. @default - every JSON property of the remote secret becomes a key */
  readonly keys?: ExternalSecretKey[];
  /** Name of the Kubernetes Secret written. @default - the ExternalSecret's name */
  readonly targetSecretName?: string;
  /** How often to re-read the remote secret (Go duration). @default "1h" */
  readonly refreshInterval?: string;
  /** Name of the ExternalSecret. @default - generated from the construct path */
  readonly name?: string;
}

const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

/**
 * An External Secrets `ExternalSecret` (`external-secrets.io/v1`): the value stays in the secret
 * store; the operator writes it to a Kubernetes Secret (never in the manifests) and refreshes it.
 * Mount it into a workload as files with `mountInto(workload)`.
 */
export class ExternalSecret extends Construct {
  /** The ExternalSecret object. */
  public readonly apiObject: ApiObject;
  /** Name of the Kubernetes Secret the operator writes. */
  public readonly targetSecretName: string;
  /** Namespace of the ExternalSecret and its target Secret. */
  public readonly secretNamespace?: string;

  constructor(scope: Construct, id: string, props: ExternalSecretProps) {
    super(scope, id);
    const v = new PropValidator(this);
    const store = props?.store;
    v.require(typeof store?.storeName === 'string', 'store', 'is not a secret store.', 'Pass an AwsSecretsManagerStore.');
    v.require(typeof props?.remoteKey === 'string' && props.remoteKey.trim() !== '' && props.remoteKey.length <= 2048, 'remoteKey', 'is empty.', 'Give the name or ARN of the remote secret.');
    const keys = props?.keys;
    if (keys !== undefined) {
      v.require(keys.length > 0, 'keys', 'is empty.', 'List the keys, or leave keys out to copy every property.');
      const seen = new Set<string>();
      keys.forEach((k, i) => {
        v.require(typeof k?.secretKey === 'string' && SECRET_KEY.test(k.secretKey), `keys[${i}].secretKey`, `${JSON.stringify(k?.secretKey)} is not a valid Secret key.`, 'Use letters, digits, "-", "_" and ".".');
        v.require(!seen.has(k?.secretKey), `keys[${i}].secretKey`, `"${k?.secretKey}" is used twice.`, 'Use each key once.');
        seen.add(k?.secretKey);
        if (k?.remoteKey !== undefined) v.require(k.remoteKey.trim() !== '', `keys[${i}].remoteKey`, 'is empty.', 'Give the remote secret, or leave it out.');
      });
    }
    if (props?.targetSecretName !== undefined) v.require(isDnsSubdomain(props.targetSecretName), 'targetSecretName', `${JSON.stringify(props.targetSecretName)} is not a Secret name.`, 'Use lower-case letters, digits, "-" and ".".');
    if (props?.name !== undefined) v.require(isDnsSubdomain(props.name), 'name', `${JSON.stringify(props.name)} is not a valid name.`, 'Use lower-case letters, digits, "-" and ".".');
    const refresh = props?.refreshInterval ?? D.refreshInterval;
    const seconds = parseGoDuration(refresh);
    v.require(seconds !== undefined && seconds >= 60, 'refreshInterval', `${JSON.stringify(refresh)} is not a Go duration of at least 1m.`, 'Use e.g. "1h" (rotations reach the pods within this interval).');
    v.throwIfInvalid();

    const namespace = store.storeNamespace;
    let spec: Record<string, any> = {};
    // the target defaults to the (possibly generated) object name, so the spec is produced at synthesis
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: { ...(props.name ? { name: props.name } : {}), ...(namespace ? { namespace } : {}) },
      spec: Lazy.any({ produce: () => spec }),
    });
    this.targetSecretName = props.targetSecretName ?? this.apiObject.name;
    this.secretNamespace = namespace ?? namespaceOf(this, undefined);
    spec = {
      refreshInterval: refresh,
      secretStoreRef: { name: store.storeName, kind: store.storeKind },
      target: { name: this.targetSecretName, creationPolicy: D.creationPolicy, deletionPolicy: D.deletionPolicy },
      ...(keys
        ? {
          data: keys.map((k) => ({
            secretKey: k.secretKey, remoteRef: { key: k.remoteKey ?? props.remoteKey, ...(k.property ? { property: k.property } : {}) },
          })),
        }
        : { dataFrom: [{ extract: { key: props.remoteKey } }] }),
    };
  }

  /** Mounts the target Secret as read-only files into a workload of the same namespace. */
  public mountInto(workload: IHardenedWorkload, mountPath: string = D.mountPath, options: SecretMountOptions = {}): void {
    mountSecretInto(this, workload, this.targetSecretName, this.secretNamespace, mountPath, options);
  }
}

