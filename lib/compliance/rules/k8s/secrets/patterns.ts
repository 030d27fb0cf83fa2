/**
 * Detection of secret material in plain configuration values. Every pattern is linear (no nested
 * quantifiers) and values are scanned up to MAX_SCAN characters, so scanning stays O(size of input).
 * Results name the kind of secret, never the value.
 */

/** Characters of one value that are scanned. */
export const MAX_SCAN = 1_000_000;

interface Pattern {
  readonly kind: string;
  readonly re: RegExp;
}

/** High-confidence patterns: the shape alone identifies a credential. */
export const SECRET_PATTERNS: readonly Pattern[] = [
  { kind: 'PEM private key', re: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/ },
  { kind: 'AWS access key id', re: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/ },
  { kind: 'GitHub token', re: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/ },
  { kind: 'GitLab token', re: /\bglpat-[A-Za-z0-9_-]{20,}\b/ },
  { kind: 'Slack token', re: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/ },
  { kind: 'Slack webhook URL', re: /https:\/\/hooks\.slack\.com\/services\/T[A-Za-z0-9]+\/B[A-Za-z0-9]+\/[A-Za-z0-9]+/ },
  { kind: 'Google API key', re: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { kind: 'Stripe secret key', re: /\b(?:sk|rk)_live_[0-9A-Za-z]{24,}\b/ },
  { kind: 'OpenAI API key', re: /\bsk-(?:proj-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}\b/ },
  { kind: 'npm token', re: /\bnpm_[A-Za-z0-9]{36}\b/ },
  { kind: 'JSON Web Token', re: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/ },
  { kind: 'URL with embedded password', re: /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s/:@]{1,256}:[^\s/@]{3,256}@[^\s/@]/i },
];

/** Length of the shortest text any of SECRET_PATTERNS matches. */
const MIN_MATCH = 12;

/** Key or variable names that say the value is a credential. */
const SENSITIVE_NAME = /(?:pass(?:word|wd|phrase)?|pwd|secret|token|api[_-]?key|apikey|private[_-]?key|access[_-]?key|credential|auth[_-]?key|client[_-]?secret)/i;
/** Name suffixes that say the value is about a credential, not the credential. */
const NOT_A_VALUE = /(?:_|-|\.)?(?:file|path|dir|url|uri|endpoint|host|name|ttl|timeout|length|len|mode|type|enabled|enable|header|issuer|audience|expiry|expires|expiration|lifetime|ref|id|policy|format|algorithm|version|size|count|key_?id)$/i;

function shannonEntropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/**
 * Generic literal credential: a sensitive-looking name (PASSWORD, API_KEY, client_secret...) whose value is a
 * literal of at least 8 characters, without spaces, not a placeholder, reference, path or URL, and not a number
 * or boolean, with some randomness (Shannon entropy >= 2.5 bits per character).
 */
function genericCredential(name: string, value: string): boolean {
  if (!SENSITIVE_NAME.test(name) || NOT_A_VALUE.test(name)) return false;
  const v = value.trim();
  if (v.length < 8 || v.length > 4096 || /\s/.test(v)) return false;
  if (/\$\{|\$\(|\{\{|^<.*>$|^%.*%$/.test(v)) return false; // templating placeholders
  if (/^(?:true|false|yes|no|on|off|null|none|changeme|redacted|x+|\*+)$/i.test(v)) return false;
  if (/^-?\d+(?:\.\d+)?$/.test(v)) return false;
  if (v.startsWith('/') || v.startsWith('./') || /^[a-z][a-z0-9+.-]*:\/\//i.test(v)) return false; // path or URL
  return shannonEntropy(v) >= 2.5;
}

/**
 * What kind of secret a value looks like, or undefined. `name` (a ConfigMap key or env var name) enables the
 * generic name-based detection.
 */
export function detectSecret(value: string, name?: string): string | undefined {
  const text = value.length > MAX_SCAN ? value.slice(0, MAX_SCAN) : value;
  // no pattern matches fewer than MIN_MATCH characters (the shortest is a URL with a password, "ab://c:ddd@e")
  if (text.length >= MIN_MATCH) for (const p of SECRET_PATTERNS) if (p.re.test(text)) return p.kind;
  if (name !== undefined && genericCredential(name, text)) return `literal credential in "${name}"`;
  return undefined;
}

/** A masked description of a value: its length only. */
export function masked(value: string): string {
  return `<redacted, ${value.length} characters>`;
}
