/** Defaults of WorkloadCertificate, in one place (documented in docs/kubernetes.md, checked by tests). */
export const CERTIFICATE_DEFAULTS = {
  /** Certificate lifetime. */
  duration: '720h',
  /** Renew this long before expiry. */
  renewBefore: '240h',
  /** Private key. */
  privateKeyAlgorithm: 'ECDSA',
  privateKeySize: 256,
  privateKeyEncoding: 'PKCS8',
  rotationPolicy: 'Always',
  /** Key usages: mutual TLS (server and client). */
  usages: ['digital signature', 'server auth', 'client auth'] as readonly string[],
  /** CertificateRequests kept. */
  revisionHistoryLimit: 1,
  /** Issuer kind and group. */
  issuerKind: 'Issuer',
  issuerGroup: 'cert-manager.io',
  /** Where mountInto() mounts the secret. */
  mountPath: '/var/run/secrets/tls',
  /** Shortest lifetime cert-manager accepts. */
  minDurationSeconds: 3600,
} as const;
