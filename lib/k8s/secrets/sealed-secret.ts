import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { sealedValueProblem } from './ciphertext';
import { SECRETS_DEFAULTS as D } from './defaults';
import { mountSecretInto } from './mount';
import { PropValidator } from '../../core/errors';
import { namespaceOf } from '../shared/objects';
import { isDnsLabel, isDnsSubdomain } from '../shared/validate';
import { IHardenedWorkload, SecretMountOptions } from '../workload/types';

/** Which names the sealed data may be unsealed under (chosen when sealing with kubeseal). */
export enum SealedSecretScope {
  /** Only this name in this namespace (kubeseal default). */
  STRICT = 'strict',
  /** Any name in this namespace. */
  NAMESPACE_WIDE = 'namespace-wide',
  /** Any name in any namespace. */
  CLUSTER_WIDE = 'cluster-wide',
}

/** Props of SealedSecret. */
export interface SealedSecretProps {
  /** Ciphertexts from `kubeseal`, by key. Plaintext and plain base64 are refused. */
  readonly encryptedData: { [key: string]: string };
  /** Name of the SealedSecret and the Secret it unseals to; must match the name used when sealing (strict scope). @default - generated (only with a wider scope) */
  readonly name?: string;
  /** Namespace; must match the namespace used when sealing (strict and namespace-wide scopes). @default - the chart's namespace */
  readonly namespaceName?: string;
  /** Sealing scope. @default SealedSecretScope.STRICT */
  readonly scope?: SealedSecretScope;
  /** Type of the unsealed Secret. @default "Opaque" */
  readonly secretType?: string;
}

/**
 * A Bitnami `SealedSecret` (`bitnami.com/v1alpha1`): only ciphertext produced by `kubeseal` is
 * accepted, so no secret value is ever in the manifests. Mount the unsealed Secret as files with
 * `mountInto(workload)`.
 */
export class SealedSecret extends Construct {
  /** The SealedSecret object. */
  public readonly apiObject: ApiObject;
  /** Name of the Secret the controller unseals to. */
  public readonly secretName: string;
  /** Namespace of the Secret. */
  public readonly secretNamespace?: string;

  constructor(scope: Construct, id: string, props: SealedSecretProps) {
    super(scope, id);
    const v = new PropValidator(this);
    const data = props?.encryptedData;
    const sealScope = props?.scope ?? SealedSecretScope.STRICT;
    v.require(Object.values(SealedSecretScope).includes(sealScope), 'scope', `${JSON.stringify(sealScope)} is not a sealing scope.`, 'Use SealedSecretScope.STRICT, NAMESPACE_WIDE or CLUSTER_WIDE.');
    if (!data || typeof data !== 'object' || Object.keys(data).length === 0) {
      v.fail('encryptedData', 'is empty.', 'Seal each value with `kubeseal --raw` and pass the ciphertexts by key.');
    } else {
      for (const [key, value] of Object.entries(data)) {
        v.require(/^[-._a-zA-Z0-9]+$/.test(key), `encryptedData.${key}`, 'is not a valid Secret key.', 'Use letters, digits, "-", "_" and ".".');
        const problem = sealedValueProblem(value);
        if (problem) v.fail(`encryptedData.${key}`, problem, 'Pass the output of `kubeseal --raw` for this value, never the value itself.');
      }
    }
    if (props?.name !== undefined) v.require(isDnsSubdomain(props.name), 'name', `${JSON.stringify(props.name)} is not a valid name.`, 'Use the name the value was sealed for.');
    else if (sealScope === SealedSecretScope.STRICT) v.fail('name', 'is required with the strict scope: the ciphertext is bound to the name.', 'Give the name used with kubeseal --name.');
    if (props?.namespaceName !== undefined) v.require(isDnsLabel(props.namespaceName), 'namespaceName', `${JSON.stringify(props.namespaceName)} is not a namespace name.`, 'Use the namespace the value was sealed for.');
    const namespace = namespaceOf(this, props?.namespaceName);
    if (sealScope !== SealedSecretScope.CLUSTER_WIDE) v.require(namespace !== undefined, 'namespaceName', `is required with the ${sealScope} scope: the ciphertext is bound to the namespace.`, 'Give the namespace used with kubeseal --namespace.');
    if (props?.secretType !== undefined) v.require(/^[-._a-zA-Z0-9/]+$/.test(props.secretType), 'secretType', 'is not a Secret type.', 'Use e.g. "Opaque" or "kubernetes.io/tls".');
    v.throwIfInvalid();

    const annotations: Record<string, string> = {};
    if (sealScope === SealedSecretScope.NAMESPACE_WIDE) annotations['sealedsecrets.bitnami.com/namespace-wide'] = 'true';
    if (sealScope === SealedSecretScope.CLUSTER_WIDE) annotations['sealedsecrets.bitnami.com/cluster-wide'] = 'true';
    const metadata = {
      ...(props.name ? { name: props.name } : {}),
      ...(props.namespaceName ? { namespace: props.namespaceName } : {}),
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    };
    let spec: Record<string, any> = {};
    // the template names the Secret after the (possibly generated) object name: produced at synthesis
    this.apiObject = new ApiObject(this, 'Resource', { apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata, spec: Lazy.any({ produce: () => spec }) });
    this.secretName = this.apiObject.name;
    this.secretNamespace = namespace;
    spec = {
      encryptedData: { ...data },
      template: {
        metadata: { name: this.secretName, ...(namespace ? { namespace } : {}), ...(Object.keys(annotations).length > 0 ? { annotations } : {}) },
        type: props.secretType ?? D.secretType,
      },
    };
  }

  /** Mounts the unsealed Secret as read-only files into a workload of the same namespace. */
  public mountInto(workload: IHardenedWorkload, mountPath: string = D.mountPath, options: SecretMountOptions = {}): void {
    mountSecretInto(this, workload, this.secretName, this.secretNamespace, mountPath, options);
  }
}
