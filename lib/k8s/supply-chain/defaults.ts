/** Defaults of SignedImagePolicy, in one place (documented in docs/kubernetes-supply-chain.md, checked by tests). */
export const SIGNED_IMAGE_DEFAULTS = {
  /** Transparency log that keyless (and, by default, key) signatures are looked up in. */
  rekorUrl: 'https://rekor.sigstore.dev',
  /** Certificate authority of keyless signatures (policy-controller `keyless.url`). */
  fulcioUrl: 'https://fulcio.sigstore.dev',
  /** Admission webhook timeout (Kyverno), in seconds: signature checks call the registry and Rekor. */
  webhookTimeoutSeconds: 30,
  /** Kyverno `validationFailureAction`. */
  validationFailureAction: 'Enforce',
  /** policy-controller `mode`. */
  policyControllerMode: 'enforce',
} as const;

/** The label that opts a namespace in to sigstore policy-controller (which only checks labelled namespaces). */
export const POLICY_CONTROLLER_INCLUDE_LABEL = 'policy.sigstore.dev/include';
