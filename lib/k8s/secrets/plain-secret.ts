import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { SECRETS_DEFAULTS as D } from './defaults';
import { mountSecretInto } from './mount';
import { PropValidator } from '../../core/errors';
import { Justification } from '../shared/justification';
import { namespaceOf } from '../shared/objects';
import { applyOverrides, checkJustification } from '../shared/overrides';
import { K8S_RULE_IDS } from '../shared/rule-ids';
import { isDnsLabel, isDnsSubdomain } from '../shared/validate';
import { IHardenedWorkload, SecretMountOptions } from '../workload/types';

/** Props of PlainSecret. */
export interface PlainSecretProps {
  /**
   * Literal values. They end up (base64-encoded, i.e. readable) in the manifests, so they are
   * refused unless `allowLiteralData` gives a reason. Prefer ExternalSecret or SealedSecret.
   * @default - no data
   */
  readonly stringData?: { [key: string]: string };
  /** Accept literal values in the manifests, with a reason (recorded; the secret-data finding is suppressed). @default - refused */
  readonly allowLiteralData?: Justification;
  /** Name. @default - generated from the construct path */
  readonly name?: string;
  /** Namespace. @default - the chart's namespace */
  readonly namespaceName?: string;
  /** Secret type. @default "Opaque" */
  readonly secretType?: string;
  /** Make the Secret immutable. @default true */
  readonly immutable?: boolean;
}

/**
 * A Kubernetes `Secret` that refuses literal data unless explicitly allowed with a reason.
 * Useful as an empty, typed placeholder filled by something else, or, justified, for non-sensitive
 * test fixtures. Values never appear in error messages.
 */
export class PlainSecret extends Construct {
  /** The Secret object. */
  public readonly apiObject: ApiObject;
  /** Name of the Secret. */
  public readonly secretName: string;
  /** Namespace of the Secret. */
  public readonly secretNamespace?: string;

  constructor(scope: Construct, id: string, props: PlainSecretProps = {}) {
    super(scope, id);
    const v = new PropValidator(this);
    const data = props.stringData ?? {};
    const keys = Object.keys(data);
    const allowed = checkJustification(v, 'allowLiteralData', props.allowLiteralData, [K8S_RULE_IDS.SECRET_LITERAL]);
    if (keys.length > 0 && props.allowLiteralData === undefined) {
      v.fail('stringData', `holds ${keys.length} literal value(s) (keys: ${keys.join(', ')}), which would be readable by anyone who can read the manifests.`, 'Use an ExternalSecret (value stays in the secret store) or a SealedSecret (ciphertext only); or set allowLiteralData with a reason.');
    }
    if (keys.length === 0 && props.allowLiteralData !== undefined) v.fail('allowLiteralData', 'is set but there is no literal data.', 'Remove allowLiteralData.');
    for (const k of keys) {
      v.require(/^[-._a-zA-Z0-9]+$/.test(k), `stringData.${k}`, 'is not a valid Secret key.', 'Use letters, digits, "-", "_" and ".".');
      v.require(typeof data[k] === 'string', `stringData.${k}`, 'must be a string.', 'Pass the value as a string.');
    }
    if (props.name !== undefined) v.require(isDnsSubdomain(props.name), 'name', `${JSON.stringify(props.name)} is not a valid name.`, 'Use lower-case letters, digits, "-" and ".".');
    if (props.namespaceName !== undefined) v.require(isDnsLabel(props.namespaceName), 'namespaceName', `${JSON.stringify(props.namespaceName)} is not a namespace name.`, 'Give the namespace name.');
    if (props.secretType !== undefined) v.require(/^[-._a-zA-Z0-9/]+$/.test(props.secretType), 'secretType', 'is not a Secret type.', 'Use e.g. "Opaque".');
    v.throwIfInvalid();

    const encoded: Record<string, string> = {};
    for (const k of keys) encoded[k] = Buffer.from(data[k], 'utf8').toString('base64');
    this.apiObject = new k8s.KubeSecret(this, 'Resource', {
      metadata: { ...(props.name ? { name: props.name } : {}), ...(props.namespaceName ? { namespace: props.namespaceName } : {}) },
      type: props.secretType ?? D.secretType,
      immutable: props.immutable ?? D.immutable,
      ...(keys.length > 0 ? { data: encoded } : {}),
    });
    applyOverrides(this.apiObject, [allowed]);
    this.secretName = this.apiObject.name;
    this.secretNamespace = namespaceOf(this, props.namespaceName);
  }

  /** Mounts the Secret as read-only files into a workload of the same namespace. */
  public mountInto(workload: IHardenedWorkload, mountPath: string = D.mountPath, options: SecretMountOptions = {}): void {
    mountSecretInto(this, workload, this.secretName, this.secretNamespace, mountPath, options);
  }
}
