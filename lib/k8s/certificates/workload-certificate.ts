import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { CERTIFICATE_DEFAULTS as D } from './defaults';
import { PropValidator } from '../../core/errors';
import { mountSecretInto } from '../secrets/mount';
import { namespaceOf } from '../shared/objects';
import { isDnsLabel, isDnsSubdomain, parseGoDuration } from '../shared/validate';
import { IHardenedWorkload, SecretMountOptions } from '../workload/types';

/** Kind of a cert-manager issuer. */
export enum IssuerKind {
  /** A namespaced Issuer. */
  ISSUER = 'Issuer',
  /** A ClusterIssuer. */
  CLUSTER_ISSUER = 'ClusterIssuer',
}

/** The issuer that signs the certificate. */
export interface IssuerRef {
  /** Issuer name. */
  readonly name: string;
  /** Issuer kind. @default IssuerKind.ISSUER */
  readonly kind?: IssuerKind;
  /** Issuer API group (e.g. "awspca.cert-manager.io" for AWS Private CA). @default "cert-manager.io" */
  readonly group?: string;
}

/** Props of WorkloadCertificate. */
export interface WorkloadCertificateProps {
  /** The issuer. */
  readonly issuer: IssuerRef;
  /** DNS names (SANs); at least one DNS name or URI. Wildcards are refused. @default - none */
  readonly dnsNames?: string[];
  /** URI SANs, e.g. SPIFFE IDs. @default - none */
  readonly uris?: string[];
  /** Common name. @default - none (SANs only) */
  readonly commonName?: string;
  /** Name of the Certificate. @default - generated from the construct path */
  readonly name?: string;
  /** Namespace (the workloads that mount the secret must run there). @default - the chart's namespace */
  readonly namespaceName?: string;
  /** Name of the Secret cert-manager writes. @default - "<certificate name>-tls" */
  readonly secretName?: string;
  /** Certificate lifetime (Go duration, at least 1h). @default "720h" (30 days) */
  readonly duration?: string;
  /** Renew this long before expiry (less than duration). @default "240h" (10 days) */
  readonly renewBefore?: string;
}

/**
 * A cert-manager `Certificate` for application-level mutual TLS: ECDSA P-256 key (PKCS#8) rotated
 * on every renewal (`rotationPolicy: Always`), usages server auth + client auth, 30-day lifetime
 * renewed 10 days before expiry. Mount the Secret as files with `mountInto(workload)`.
 */
export class WorkloadCertificate extends Construct {
  /** The Certificate object. */
  public readonly apiObject: ApiObject;
  /** The Secret cert-manager writes (tls.crt, tls.key, ca.crt). */
  public readonly secretName: string;
  /** Namespace of the certificate and its Secret. */
  public readonly certificateNamespace?: string;

  constructor(scope: Construct, id: string, props: WorkloadCertificateProps) {
    super(scope, id);
    const v = new PropValidator(this);
    const issuer = props?.issuer;
    v.require(isDnsSubdomain(issuer?.name), 'issuer.name', `${JSON.stringify(issuer?.name)} is not an issuer name.`, 'Give the name of the Issuer or ClusterIssuer.');
    const kind = issuer?.kind ?? D.issuerKind;
    v.require(Object.values(IssuerKind).includes(kind as IssuerKind) || issuer?.group !== undefined, 'issuer.kind', `${JSON.stringify(kind)} is not an issuer kind.`, 'Use IssuerKind.ISSUER or CLUSTER_ISSUER.');
    if (issuer?.group !== undefined) v.require(isDnsSubdomain(issuer.group), 'issuer.group', 'is not an API group.', 'Use e.g. "awspca.cert-manager.io".');
    const dnsNames = props.dnsNames ?? [];
    const uris = props.uris ?? [];
    v.require(dnsNames.length + uris.length > 0, 'dnsNames', 'is empty and no URIs are given: the certificate would name nobody.', 'Give the DNS names clients use, e.g. "api.shop.svc.cluster.local".');
    dnsNames.forEach((n, i) => {
      if (typeof n === 'string' && n.startsWith('*.')) v.fail(`dnsNames[${i}]`, `"${n}" is a wildcard; a leaked key would then impersonate every name in the domain.`, 'List the exact names.');
      else v.require(isDnsSubdomain(n), `dnsNames[${i}]`, `${JSON.stringify(n)} is not a DNS name.`, 'Use lower-case DNS names.');
    });
    uris.forEach((u, i) => v.require(typeof u === 'string' && /^[a-z][a-z0-9+.-]*:\/\/[^\s]+$/.test(u), `uris[${i}]`, `${JSON.stringify(u)} is not a URI.`, 'Use e.g. "spiffe://cluster.local/ns/shop/sa/api".'));
    if (props.commonName !== undefined) v.require(typeof props.commonName === 'string' && props.commonName.length > 0 && props.commonName.length <= 64, 'commonName', 'must be 1 to 64 characters.', 'Shorten it, or rely on the SANs.');
    if (props.name !== undefined) v.require(isDnsSubdomain(props.name), 'name', `${JSON.stringify(props.name)} is not a valid name.`, 'Use lower-case letters, digits, "-" and ".".');
    if (props.namespaceName !== undefined) v.require(isDnsLabel(props.namespaceName), 'namespaceName', `${JSON.stringify(props.namespaceName)} is not a namespace name.`, 'Give the namespace name.');
    if (props.secretName !== undefined) v.require(isDnsSubdomain(props.secretName), 'secretName', `${JSON.stringify(props.secretName)} is not a Secret name.`, 'Use lower-case letters, digits, "-" and ".".');
    const duration = props.duration ?? D.duration;
    const renewBefore = props.renewBefore ?? D.renewBefore;
    const d = parseGoDuration(duration);
    const r = parseGoDuration(renewBefore);
    v.require(d !== undefined && d >= D.minDurationSeconds, 'duration', `${JSON.stringify(duration)} is not a Go duration of at least 1h.`, 'Use e.g. "720h".');
    v.require(r !== undefined && r > 0, 'renewBefore', `${JSON.stringify(renewBefore)} is not a Go duration.`, 'Use e.g. "240h".');
    if (d !== undefined && r !== undefined) v.require(r < d, 'renewBefore', 'is not shorter than duration, so the certificate would renew continuously.', 'Use a value below duration, e.g. a third of it.');
    v.throwIfInvalid();

    const meta = { ...(props.name ? { name: props.name } : {}), ...(props.namespaceName ? { namespace: props.namespaceName } : {}) };
    let spec: Record<string, any> = {};
    // the spec names the Secret after the (possibly generated) object name, so it is produced at synthesis
    const obj = new ApiObject(this, 'Resource', { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: meta, spec: Lazy.any({ produce: () => spec }) });
    this.apiObject = obj;
    this.secretName = props.secretName ?? `${obj.name}-tls`.slice(0, 253);
    this.certificateNamespace = namespaceOf(this, props.namespaceName);
    spec = {
      secretName: this.secretName,
      issuerRef: { name: issuer.name, kind, group: issuer.group ?? D.issuerGroup },
      ...(props.commonName ? { commonName: props.commonName } : {}),
      ...(dnsNames.length > 0 ? { dnsNames: [...dnsNames] } : {}),
      ...(uris.length > 0 ? { uris: [...uris] } : {}),
      duration,
      renewBefore,
      privateKey: { algorithm: D.privateKeyAlgorithm, size: D.privateKeySize, encoding: D.privateKeyEncoding, rotationPolicy: D.rotationPolicy },
      usages: [...D.usages],
      revisionHistoryLimit: D.revisionHistoryLimit,
    };
  }

  /**
   * Mounts the certificate Secret (tls.crt, tls.key, ca.crt) as read-only files into a workload
   * in the same namespace.
   */
  public mountInto(workload: IHardenedWorkload, mountPath: string = D.mountPath, options: SecretMountOptions = {}): void {
    mountSecretInto(this, workload, this.secretName, this.certificateNamespace, mountPath, options);
  }
}
