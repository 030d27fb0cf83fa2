/** Defaults of the secret constructs, in one place (documented in docs/kubernetes.md, checked by tests). */
export const SECRETS_DEFAULTS = {
  /** How often External Secrets re-reads the remote secret (rotation reaches pods within this). */
  refreshInterval: '1h',
  /** Who owns the target Secret: deleted with the ExternalSecret. */
  creationPolicy: 'Owner',
  /** Keep the target Secret when the remote secret disappears. */
  deletionPolicy: 'Retain',
  /** AWS service of the SecretStore. */
  awsService: 'SecretsManager',
  /** Where mountInto() mounts a secret. */
  mountPath: '/var/run/secrets/app',
  /** Secret type. */
  secretType: 'Opaque',
  /** PlainSecret objects are immutable. */
  immutable: true,
} as const;
