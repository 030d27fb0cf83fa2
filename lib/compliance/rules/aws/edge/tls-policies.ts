/**
 * Classification of TLS security policies (ELB listener policies and API Gateway domain policies), shared by the
 * edge rules and the edge constructs so that both always agree.
 */

/** What a TLS security policy allows. */
export enum TlsPolicyLevel {
  /** Allows TLS 1.0 or 1.1 (or is unknown): refused. */
  BELOW_TLS12 = 'below-tls12',
  /** TLS 1.2 minimum but no TLS 1.3. */
  TLS12 = 'tls12',
  /** TLS 1.2 or 1.3 minimum, TLS 1.3 supported. */
  TLS13 = 'tls13',
}

/** What an ELB listener uses when `SslPolicy` is absent (allows TLS 1.0). */
export const ELB_DEFAULT_POLICY = 'ELBSecurityPolicy-2016-08';

/**
 * The level of an ELB security policy name (`ELBSecurityPolicy-...`).
 *
 * - `ELBSecurityPolicy-TLS13-1-2-*` and `-TLS13-1-3-*` (incl. FIPS and post-quantum variants): TLS13
 * - `ELBSecurityPolicy-TLS13-1-0-*` / `-TLS13-1-1-*`: BELOW_TLS12 (they accept TLS 1.0 / 1.1)
 * - `ELBSecurityPolicy-TLS-1-2-*` and `ELBSecurityPolicy-FS-1-2-*`: TLS12
 * - everything else (`ELBSecurityPolicy-2016-08`, `-TLS-1-0-*`, `-TLS-1-1-*`, `-FS-2018-06`, `-FS-1-1-*`, unknown names): BELOW_TLS12
 */
export function elbPolicyLevel(policy: string): TlsPolicyLevel {
  const p = policy.trim();
  const tls13 = /^ELBSecurityPolicy-TLS13-1-(\d)-/.exec(p);
  if (tls13) return Number(tls13[1]) >= 2 ? TlsPolicyLevel.TLS13 : TlsPolicyLevel.BELOW_TLS12;
  if (/^ELBSecurityPolicy-(TLS|FS)-1-2-/.test(p)) return TlsPolicyLevel.TLS12;
  return TlsPolicyLevel.BELOW_TLS12;
}

/**
 * The level of an API Gateway domain `SecurityPolicy`: `TLS_1_0` is BELOW_TLS12, `TLS_1_2` and the enhanced
 * `SecurityPolicy_TLS12_*` policies are TLS12, enhanced `SecurityPolicy_TLS13_*` policies are TLS13.
 */
export function apiGatewayPolicyLevel(policy: string): TlsPolicyLevel {
  const p = policy.trim().toUpperCase();
  if (/^SECURITYPOLICY_TLS13_/.test(p)) return TlsPolicyLevel.TLS13;
  if (p === 'TLS_1_2' || /^SECURITYPOLICY_TLS12_/.test(p)) return TlsPolicyLevel.TLS12;
  return TlsPolicyLevel.BELOW_TLS12;
}
