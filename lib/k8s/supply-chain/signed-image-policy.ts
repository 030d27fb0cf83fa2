import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { POLICY_CONTROLLER_INCLUDE_LABEL, SIGNED_IMAGE_DEFAULTS as D } from './defaults';
import { PropValidator } from '../../core/errors';
import { Justification } from '../shared/justification';
import { clusterScoped } from '../shared/objects';
import { PendingOverride, applyOverrides, checkJustification } from '../shared/overrides';
import { isDnsLabel, isDnsSubdomain } from '../shared/validate';

/** The admission controller that enforces a SignedImagePolicy. */
export enum ImagePolicyEngine {
  /** Kyverno: a `kyverno.io/v1` `ClusterPolicy` with a `verifyImages` rule and a registry restriction. */
  KYVERNO = 'Kyverno',
  /**
   * Sigstore policy-controller: a `policy.sigstore.dev/v1beta1` `ClusterImagePolicy`. It checks only namespaces
   * labelled `policy.sigstore.dev/include: "true"`, and resolves tags to digests itself.
   */
  SIGSTORE_POLICY_CONTROLLER = 'SigstorePolicyController',
}

/** Options of a keyless (Sigstore Fulcio certificate) signer. */
export interface KeylessSignerOptions {
  /** OIDC issuer of the signing identity, e.g. `https://token.actions.githubusercontent.com`. */
  readonly issuer: string;
  /** Exact subject of the signing identity, e.g. `https://github.com/acme/shop/.github/workflows/release.yml@refs/heads/main`. */
  readonly subject: string;
  /** Rekor transparency log. @default "https://rekor.sigstore.dev" */
  readonly rekorUrl?: string;
}

/** Options of a public-key signer. */
export interface PublicKeySignerOptions {
  /** Rekor transparency log the signatures are recorded in. @default "https://rekor.sigstore.dev" */
  readonly rekorUrl?: string;
}

/** Who must have signed an image (one of the policy's signers is enough). */
export class ImageSigner {
  /** A keyless signature: a Fulcio certificate for exactly this OIDC issuer and subject, recorded in Rekor. */
  public static keyless(options: KeylessSignerOptions): ImageSigner {
    return new ImageSigner('keyless', { ...options });
  }

  /** A signature made with the private key of this PEM public key (cosign `-----BEGIN PUBLIC KEY-----`). */
  public static publicKey(pem: string, options: PublicKeySignerOptions = {}): ImageSigner {
    return new ImageSigner('key', { pem, ...options });
  }

  /** `keyless` or `key`. */
  public readonly kind: string;
  /** @internal */
  public readonly _options: { issuer?: string; subject?: string; pem?: string; rekorUrl?: string };

  private constructor(kind: 'keyless' | 'key', options: { issuer?: string; subject?: string; pem?: string; rekorUrl?: string }) {
    this.kind = kind;
    this._options = options;
  }
}

/** Namespaces a policy does not check, with the reason. */
export interface NamespaceExemption {
  /** Namespace names (exact). */
  readonly namespaces: string[];
  /** Why images there may be unsigned. At least 10 characters; recorded in the manifest and the report. */
  readonly reason: string;
}

/** Props of a SignedImagePolicy. */
export interface SignedImagePolicyProps {
  /**
   * The images that may run, as patterns of full references: `*` matches any characters (also `/`), `?` one. The
   * registry host must be literal, e.g. `123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/*`.
   */
  readonly images: string[];
  /** Who must have signed them (any one of these). */
  readonly signers: ImageSigner[];
  /** Name of the policy object. @default - generated from the construct path */
  readonly name?: string;
  /** The admission controller. @default ImagePolicyEngine.KYVERNO */
  readonly engine?: ImagePolicyEngine;
  /**
   * Admits tag references (Kyverno resolves them to digests and verifies those) instead of requiring digests.
   * @default - references must carry a digest
   */
  readonly allowTags?: Justification;
  /** Reports violations without blocking them. @default - violations are blocked */
  readonly auditOnly?: Justification;
  /** Namespaces the policy does not check (Kyverno only). @default - every namespace */
  readonly exemptNamespaces?: NamespaceExemption;
  /** Kyverno admission webhook timeout in seconds (1 to 30). @default 30 */
  readonly webhookTimeoutSeconds?: number;
}

/** Registry host (with port), path and wildcards of an image pattern; no wildcard in the host. */
const PATTERN = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+|localhost)(?::\d{1,5})?\/[a-z0-9._/*?:@-]+$/;
const HTTPS_URL = /^https:\/\/[^\s/$.?#][^\s]*$/;
const PEM = /^-----BEGIN PUBLIC KEY-----\s*\n[A-Za-z0-9+/=\s]+\n-----END PUBLIC KEY-----\s*$/;

/**
 * An admission policy that admits only signed images from the given registries, pinned by digest: keyless
 * (OIDC issuer + subject, via Fulcio and Rekor) or by public key. Emits a Kyverno `ClusterPolicy` (default) or a
 * sigstore policy-controller `ClusterImagePolicy`. The `k8s-supply-chain-signed-images` rule reports workloads
 * whose images no such policy verifies.
 *
 * ```ts
 * new SignedImagePolicy(chart, 'Signed', {
 *   images: ['123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/*'],
 *   signers: [ImageSigner.keyless({ issuer: 'https://token.actions.githubusercontent.com', subject: 'https://github.com/acme/shop/.github/workflows/release.yml@refs/heads/main' })],
 * });
 * ```
 */
export class SignedImagePolicy extends Construct {
  /** Labels that opt a namespace in to policy-controller (give them to SecureNamespace `labels`). */
  public static readonly POLICY_CONTROLLER_NAMESPACE_LABELS: Record<string, string> = { [POLICY_CONTROLLER_INCLUDE_LABEL]: 'true' };

  /** The policy object (id `Resource`). */
  public readonly apiObject: ApiObject;
  /** The image patterns the policy admits. */
  public readonly images: string[];
  /** The engine. */
  public readonly engine: ImagePolicyEngine;

  constructor(scope: Construct, id: string, props: SignedImagePolicyProps) {
    super(scope, id);
    const v = new PropValidator(this);
    const engine = props?.engine ?? ImagePolicyEngine.KYVERNO;
    v.require(Object.values(ImagePolicyEngine).includes(engine), 'engine', `is not an ImagePolicyEngine (got ${JSON.stringify(engine)}).`, 'Use ImagePolicyEngine.KYVERNO or SIGSTORE_POLICY_CONTROLLER.');
    const images = props?.images;
    if (!Array.isArray(images) || images.length === 0) {
      v.fail('images', 'is empty: the policy would admit nothing (or, read loosely, everything).', 'List the registries and repositories whose images may run, e.g. "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/*".');
    } else {
      images.forEach((p, i) => {
        if (typeof p !== 'string' || !PATTERN.test(p)) {
          v.fail(`images[${i}]`, `${JSON.stringify(p)} is not an image pattern with a literal registry host; a wildcard host (or none) would admit images from any registry or account.`,
            'Write the full registry host, then the repository pattern, e.g. "registry.example.com/team/*".');
        }
      });
    }
    const signers = props?.signers;
    if (!Array.isArray(signers) || signers.length === 0) {
      v.fail('signers', 'is empty: no signature could be verified.', 'Give at least one ImageSigner.keyless({ issuer, subject }) or ImageSigner.publicKey(pem).');
    } else {
      signers.forEach((s, i) => {
        if (!(s instanceof ImageSigner)) {
          v.fail(`signers[${i}]`, 'is not an ImageSigner.', 'Use ImageSigner.keyless() or ImageSigner.publicKey().');
          return;
        }
        const o = s._options;
        if (o.rekorUrl !== undefined) v.require(HTTPS_URL.test(o.rekorUrl), `signers[${i}].rekorUrl`, `${JSON.stringify(o.rekorUrl)} is not an https URL.`, 'Use e.g. "https://rekor.sigstore.dev".');
        if (s.kind === 'keyless') {
          v.require(typeof o.issuer === 'string' && HTTPS_URL.test(o.issuer), `signers[${i}].issuer`, `${JSON.stringify(o.issuer)} is not an https OIDC issuer URL.`,
            'Use the issuer of the signing identity, e.g. "https://token.actions.githubusercontent.com".');
          v.require(typeof o.subject === 'string' && o.subject.trim() === o.subject && o.subject.length > 0 && !/[*?]/.test(o.subject), `signers[${i}].subject`,
            `${JSON.stringify(o.subject)} is not an exact subject; a wildcard subject would accept signatures of identities you do not control.`,
            'Give the exact identity, e.g. the workflow URL with its ref.');
        } else {
          v.require(typeof o.pem === 'string' && PEM.test(o.pem.trim()), `signers[${i}]`, 'is not a PEM public key (-----BEGIN PUBLIC KEY----- ... -----END PUBLIC KEY-----).',
            'Pass the cosign public key (cosign.pub), not a private key or a certificate.');
        }
      });
    }
    if (props?.name !== undefined) v.require(isDnsSubdomain(props.name), 'name', `${JSON.stringify(props.name)} is not a valid name.`, 'Use lower-case letters, digits, "-" and ".".');
    const timeout = props?.webhookTimeoutSeconds ?? D.webhookTimeoutSeconds;
    v.require(Number.isInteger(timeout) && timeout >= 1 && timeout <= 30, 'webhookTimeoutSeconds', `must be a whole number of seconds from 1 to 30 (got ${JSON.stringify(timeout)}).`,
      `Use ${D.webhookTimeoutSeconds} (the default): signature checks call the registry and Rekor.`);
    const kyverno = engine === ImagePolicyEngine.KYVERNO;
    const overrides: (PendingOverride | undefined)[] = [
      checkJustification(v, 'allowTags', props?.allowTags),
      checkJustification(v, 'auditOnly', props?.auditOnly),
    ];
    const ex = props?.exemptNamespaces;
    if (ex !== undefined) {
      if (!kyverno) {
        v.fail('exemptNamespaces', 'is not supported by policy-controller, which checks only the namespaces labelled policy.sigstore.dev/include=true.', 'Do not label the namespaces that must stay unchecked, or use ImagePolicyEngine.KYVERNO.');
      } else if (!Array.isArray(ex.namespaces) || ex.namespaces.length === 0) {
        v.fail('exemptNamespaces.namespaces', 'is empty.', 'List the namespaces, or leave exemptNamespaces out.');
      } else {
        ex.namespaces.forEach((n, i) => v.require(isDnsLabel(n), `exemptNamespaces.namespaces[${i}]`, `${JSON.stringify(n)} is not a namespace name (wildcards are not allowed).`, 'Give exact namespace names.'));
      }
      overrides.push(checkJustification(v, 'exemptNamespaces', { reason: ex.reason }));
    }
    if (!kyverno && props?.allowTags !== undefined) {
      v.fail('allowTags', 'has no effect with policy-controller, which resolves tags to digests itself.', 'Remove allowTags; the k8s-workload-image-digest rule still asks for digests in the manifests.');
    }
    v.throwIfInvalid();

    this.engine = engine;
    this.images = [...images];
    const meta = props.name ? { name: props.name } : {};
    const audit = props.auditOnly !== undefined;
    this.apiObject = kyverno
      ? new ApiObject(this, 'Resource', { apiVersion: 'kyverno.io/v1', kind: 'ClusterPolicy', metadata: meta, spec: this.kyvernoSpec(props, timeout, audit) })
      : new ApiObject(this, 'Resource', { apiVersion: 'policy.sigstore.dev/v1beta1', kind: 'ClusterImagePolicy', metadata: meta, spec: this.policyControllerSpec(props, audit) });
    clusterScoped(this.apiObject);
    this.apiObject.metadata.addAnnotation('secure-constructs.dev/signed-image-policy', 'true');
    applyOverrides(this.apiObject, overrides);
  }

  private kyvernoSpec(props: SignedImagePolicyProps, timeout: number, audit: boolean): Record<string, unknown> {
    const match = { any: [{ resources: { kinds: ['Pod'] } }] };
    const exclude = props.exemptNamespaces ? { exclude: { any: [{ resources: { namespaces: [...props.exemptNamespaces.namespaces] } }] } } : {};
    const allowed = this.images.join(' | ');
    const tags = props.allowTags !== undefined;
    return {
      validationFailureAction: audit ? 'Audit' : D.validationFailureAction,
      background: false,
      failurePolicy: 'Fail',
      webhookTimeoutSeconds: timeout,
      rules: [
        {
          name: 'allowed-registries',
          match,
          ...exclude,
          validate: {
            message: `Images must come from ${this.images.join(', ')}.`,
            pattern: {
              spec: {
                '=(ephemeralContainers)': [{ image: allowed }],
                '=(initContainers)': [{ image: allowed }],
                'containers': [{ image: allowed }],
              },
            },
          },
        },
        {
          name: 'signed-images',
          match,
          ...exclude,
          verifyImages: [{
            imageReferences: [...this.images],
            required: true,
            verifyDigest: true,
            mutateDigest: tags,
            attestors: [{
              count: 1,
              entries: props.signers.map((s) => {
                const rekor = { url: s._options.rekorUrl ?? D.rekorUrl };
                return s.kind === 'keyless'
                  ? { keyless: { issuer: s._options.issuer!, subject: s._options.subject!, rekor } }
                  : { keys: { publicKeys: s._options.pem!.trim(), rekor } };
              }),
            }],
          }],
        },
      ],
    };
  }

  private policyControllerSpec(props: SignedImagePolicyProps, audit: boolean): Record<string, unknown> {
    return {
      mode: audit ? 'warn' : D.policyControllerMode,
      // policy-controller globs: `*` stops at `/`, `**` does not; our patterns' `*` matches across `/`
      images: this.images.map((glob) => ({ glob: glob.replace(/\*+/g, '**') })),
      authorities: props.signers.map((s, i) => {
        const ctlog = { url: s._options.rekorUrl ?? D.rekorUrl };
        return s.kind === 'keyless'
          ? { name: `signer-${i}`, keyless: { url: D.fulcioUrl, identities: [{ issuer: s._options.issuer!, subject: s._options.subject! }] }, ctlog }
          : { name: `signer-${i}`, key: { data: s._options.pem!.trim(), hashAlgorithm: 'sha256' }, ctlog };
      }),
    };
  }
}
