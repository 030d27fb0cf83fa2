/**
 * Detection of secret material in plain configuration values. Every pattern is linear (no nested
 * quantifiers, bounded repetitions) and values are scanned up to MAX_SCAN characters, so scanning stays
 * O(size of input). Results name the kind of secret, never the value.
 *
 * Three detectors:
 * - shapes: the value itself identifies a credential (PEM private key, cloud and SaaS tokens, JWT, HTTP
 *   Authorization credentials, Basic auth, URL with a password);
 * - a sensitive name (env var, ConfigMap key, command-line flag) with any literal value that is not a placeholder
 *   (see isPlaceholder), a reference (path, URL, ARN, `ENC(...)`) or a boolean: `DB_PASSWORD=hunter2`, `pwd: "hi"`;
 * - the same inside a value: `name=value` / `name: value` assignments in config files, shell commands and
 *   arguments (`my_password=abc123`, `"password": "x"`, `--db-password=x`).
 * Entropy only ranks a literal credential (the message says "high entropy"); it never decides.
 */

/** Characters of one value that are scanned. */
export const MAX_SCAN = 1_000_000;

interface Pattern {
  readonly kind: string;
  readonly re: RegExp;
  /** A literal every match contains (tested first: a fast substring search). */
  readonly needle?: RegExp;
}

/** High-confidence patterns: the shape alone identifies a credential. */
export const SECRET_PATTERNS: readonly Pattern[] = [
  // any dash count, any key type: RSA, EC, DSA, OPENSSH, ENCRYPTED, PGP ... PRIVATE KEY (BLOCK), and the bare PKCS#8 form
  { kind: 'PEM private key', re: /-{1,40}[ \t]{0,4}BEGIN[ A-Z0-9_-]{0,40}PRIVATE KEY(?: BLOCK)?[ \t]{0,4}-{1,40}/i, needle: /PRIVATE KEY/i },
  { kind: 'PuTTY private key', re: /PuTTY-User-Key-File-\d+:/ },
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
  // an HTTP Authorization header with a literal credential (any scheme); placeholders (<token>, ${TOKEN}) do not match
  { kind: 'HTTP Authorization credential', re: /\b(?:proxy-)?authorization["']?[ \t]*[:=][ \t]*["']?(?:bearer|basic|token|digest|negotiate|apikey|sso-key)[ \t]+[A-Za-z0-9._~+/-]{4,}/i },
  // a bearer token anywhere (curl -H, scripts): a long token-shaped word with a digit
  { kind: 'bearer token', re: /\bbearer[ \t]+(?=[A-Za-z._~+/-]{0,200}\d)[A-Za-z0-9._~+/-]{16,}=*/i },
  { kind: 'URL with embedded password', re: /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s/:@]{1,256}:[^\s/@]{3,256}@[^\s/@]/i },
];

/**
 * The length of the shortest text any of SECRET_PATTERNS matches, counted from the patterns' quantifiers (the URL with
 * an embedded password: a two-letter scheme, "://", a one-character user, ":", a three-character password, "@" and one
 * character, 12; every other pattern needs more). test/compliance/rules/k8s/secrets/secrets.test.ts checks it.
 */
export const SHORTEST_SHAPE = 12;

/** `Basic <base64>` where the base64 decodes to `user:password` (so "Basic authentication" is not one). */
const BASIC = /\bbasic[ \t]+([A-Za-z0-9+/]{4,1024}={0,2})(?![A-Za-z0-9+/=])/gi;

/** A registry `auth` entry (`.dockerconfigjson`, `config.json`): base64 of `user:password`. */
const REGISTRY_AUTH = /["']?\bauth["']?[ \t]*[:=][ \t]*["']?([A-Za-z0-9+/]{4,1024}={0,2})(?![A-Za-z0-9+/=])/gi;

function userPasswordIn(re: RegExp, text: string): boolean {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const decoded = Buffer.from(m[1], 'base64').toString('latin1');
    if (/^[\x21-\x7e]{1,256}:[\x20-\x7e]{1,256}$/.test(decoded)) return true;
  }
  return false;
}

/** Words that make a name sensitive wherever they occur in it: `mysqlpassword`, `CLIENT_SECRET`, `x-api-key`. */
const SENSITIVE_SUBSTRINGS = /pass(?:word|wd|phrase)|secret|credential|api[_.-]?key|private[_.-]?key|access[_.-]?key|auth[_.-]?key|signing[_.-]?key|encryption[_.-]?key|session[_.-]?key|master[_.-]?key/i;
/** Words that make a name sensitive as its last word: `pwd`, `DB_PASS`, `authToken` (not `passthrough`, `tokenizer`, `PASS_THROUGH`). */
const SENSITIVE_WORDS = new Set(['pass', 'pwd', 'pw', 'passwd', 'token', 'tokens', 'apikey', 'pat', 'bearer', 'secretkey', 'privatekey', 'accesskey']);
/**
 * Last words of a name that say the value describes a credential rather than being one (`TOKEN_TTL`,
 * `secretName`, `password_min_length`, `auth_mode`). Always skipped.
 */
const DESCRIPTIVE = new Set([
  'name', 'names', 'ttl', 'timeout', 'length', 'len', 'mode', 'type', 'enabled', 'enable', 'disabled', 'header', 'issuer', 'audience',
  'expiry', 'expires', 'expiration', 'lifetime', 'ref', 'id', 'ids', 'policy', 'format', 'algorithm', 'alg', 'version', 'size', 'count', 'keyid',
  'days', 'hours', 'minutes', 'seconds', 'secs', 'ms', 'max', 'min', 'limit', 'retries', 'attempts', 'rounds', 'required', 'complexity',
  'strength', 'prompt', 'field', 'env', 'var', 'store', 'provider', 'backend', 'source', 'template', 'pattern', 'regex', 'label', 'annotation',
  'selector', 'namespace', 'method', 'scheme', 'strategy', 'kind', 'reset', 'rotation', 'interval', 'period', 'duration', 'refresh', 'generator',
  'hash', 'hashed', 'digest', 'salt', 'rules', 'validation', 'enforce', 'placeholder', 'hint', 'label', 'description', 'secretref', 'mount',
]);
/**
 * Last words of a name that say the value points to a credential (`password-file`, `TOKEN_PATH`, `SECRET_URL`):
 * skipped when the value looks like what it points with (a path, URL or host name), a finding otherwise.
 */
const POINTER = new Set(['file', 'files', 'path', 'dir', 'directory', 'url', 'uri', 'endpoint', 'host', 'location', 'server', 'address', 'addr']);

/** The words of a name: split at `_`, `-`, `.`, `/`, spaces and camelCase boundaries, lowercased. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** How a name bears on its value: 'credential' (the value is one), 'pointer' (it points to one), or undefined. */
/** Cheap first test: every sensitive name contains one of these. */
const MAYBE_SENSITIVE = /pass|pwd|pw|secret|credential|key|token|pat|bearer/i;

function nameRole(name: string): 'credential' | 'pointer' | undefined {
  if (name.length > 256 || !MAYBE_SENSITIVE.test(name)) return undefined;
  const ws = words(name);
  if (ws.length === 0) return undefined;
  const last = ws[ws.length - 1];
  // weak words count as the last word (`DB_PASS`, `authToken`), or before a pointer word (`TOKEN_FILE`), not elsewhere (`PASS_THROUGH`)
  const sensitive = SENSITIVE_SUBSTRINGS.test(name)
    || SENSITIVE_WORDS.has(last)
    || (ws.length >= 2 && SENSITIVE_WORDS.has(ws[ws.length - 2]) && POINTER.has(last));
  if (!sensitive) return undefined;
  if (DESCRIPTIVE.has(last)) return undefined;
  if (POINTER.has(last)) return 'pointer';
  // `passwordFile` / `tokenPath` written as one word
  if (/(?:file|path|dir|url|uri)$/i.test(last) && !SENSITIVE_WORDS.has(last)) return 'pointer';
  return 'credential';
}

/**
 * Placeholders and references that are not a credential: empty, `<changeme>`, `${VAR}`, `$(VAR)`, `$VAR`,
 * `{{ .Values.x }}`, `%VAR%`, `%%env_VAR%%` (Datadog template variables), `#{x}`, `@x@`, `REPLACE_ME`, `CHANGE_ME`,
 * `TODO`, `xxx`, `***`, `redacted`, `null`, `none`.
 */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v === '') return true;
  if (/^\$\{[^}]*\}$|^\$\([^)]*\)$|^\$[A-Za-z_][A-Za-z0-9_]*$|^\{\{.*\}\}$|^<[^<>]*>$|^%[^%]*%$|^%%[^%]+%%$|^#\{[^}]*\}$|^@[A-Za-z0-9_.-]+@$|^\[\[.*\]\]$/s.test(v)) return true;
  if (/^\$\{|^\$\(|\{\{/.test(v)) return true; // begins with a substitution
  return /^(?:replace[_-]?me|change[_-]?me|changeit[_-]?later|to[_-]?do|tbd|fixme|redacted|masked|hidden|none|null|nil|undefined|~|x+|\*+|\.+|-+|_+|#+)$/i.test(v);
}

/** Values that are not a literal credential whatever the name: booleans, references to where one is kept. */
function notACredential(v: string): boolean {
  if (/^(?:true|false|yes|no|on|off)$/i.test(v)) return true;
  if (/^ENC\(.*\)$/s.test(v)) return true; // jasypt/spring encrypted value
  if (/^ENC\[[^\]\n]+\]$/.test(v)) return true; // a Datadog secret-backend handle
  if (v.startsWith('<')) return true; // markup or a placeholder (`Password: <input ...>`, `<your token here>`)
  return /^(?:arn:aws[a-z-]*:|vault:|ref\+[a-z]+:\/\/|sm:\/\/|secretsmanager:|ssm:|projects\/[^/]+\/secrets\/)/i.test(v);
}

function looksLikePointer(v: string): boolean {
  return v.startsWith('/') || v.startsWith('./') || v.startsWith('../') || v.startsWith('~/') || /^[A-Za-z]:\\/.test(v)
    || /^[a-z][a-z0-9+.-]*:\/\//i.test(v) || /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?::\d+)?(?:\/.*)?$/.test(v) || /^[\w.-]+\/[\w./-]+$/.test(v);
}

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

/** A literal credential under a sensitive name: the kind for the message (with an entropy rank), or undefined. */
function namedCredential(name: string, value: string): string | undefined {
  const role = nameRole(name);
  if (!role) return undefined;
  const v = value.trim();
  if (v.length > 4096 || isPlaceholder(v) || notACredential(v)) return undefined;
  if (role === 'pointer' && looksLikePointer(v)) return undefined;
  if (role === 'credential' && /^\/[^\s]*$/.test(v)) return undefined; // an absolute path under a credential name is where it is read from
  const rank = v.length >= 12 && shannonEntropy(v) >= 3.5 ? ', high entropy' : '';
  return `literal credential in "${name}"${rank}`;
}

/**
 * `name = value` / `name: value` assignments in a text (config files, .env files, shell commands, JSON, flags):
 * the name is at most 128 name characters (optionally quoted, with leading `-` for flags), then the separator.
 * Only after a sensitive name is the value read (VALUE, sticky at the end of the match), and the scan then goes on
 * after the value, so every character is read a bounded number of times: one pass over the text.
 */
const ASSIGNMENT = /(?:^|[^A-Za-z0-9_.-])["']?(-{0,2}[A-Za-z_][A-Za-z0-9_.-]{0,127})["']?[ \t]*(?:=|:(?!\/\/))[ \t]*/g;
/** The value after an assignment: quoted, a substitution, or up to the next separator. */
const VALUE = /"([^"\n]{0,4096})"|'([^'\n]{0,4096})'|(\$\{[^}\n]{0,256}\}|\$\([^)\n]{0,256}\)|\{\{[^\n]{0,256}?\}\})|([^\s"',;&|#}{)\]]{1,4096})/y;

function assignedCredential(text: string): string | undefined {
  ASSIGNMENT.lastIndex = 0;
  for (let m = ASSIGNMENT.exec(text); m !== null; m = ASSIGNMENT.exec(text)) {
    const name = m[1];
    const end = m.index + m[0].length;
    if (nameRole(name) === undefined) {
      // not sensitive: go on right after the name (its "value" may itself be an assignment: `a=b=c`)
      ASSIGNMENT.lastIndex = m.index + m[0].indexOf(name) + name.length;
      continue;
    }
    VALUE.lastIndex = end;
    const v = VALUE.exec(text);
    const value = v ? v[1] ?? v[2] ?? v[3] ?? v[4] ?? '' : '';
    const kind = namedCredential(name, value);
    if (kind) return kind.replace('literal credential in', 'literal credential assigned to');
    ASSIGNMENT.lastIndex = v ? VALUE.lastIndex : end;
  }
  return undefined;
}

/**
 * What kind of secret a value looks like, or undefined. `name` (a ConfigMap key or env var name) enables the
 * name-based detection of the whole value.
 */
export function detectSecret(value: string, name?: string): string | undefined {
  const text = value.length > MAX_SCAN ? value.slice(0, MAX_SCAN) : value;
  // no shape can match a value shorter than the shortest match of any of them (most configuration values are)
  if (text.length >= SHORTEST_SHAPE) for (const p of SECRET_PATTERNS) if ((!p.needle || p.needle.test(text)) && p.re.test(text)) return p.kind;
  if (/basic/i.test(text) && userPasswordIn(BASIC, text)) return 'HTTP Basic credential';
  if (/auth/i.test(text) && userPasswordIn(REGISTRY_AUTH, text)) return 'registry auth (base64 user:password)';
  // the whole value under a sensitive name, when it is one line (a multi-line value is a file: its lines are scanned below)
  if (name !== undefined && !text.trim().includes('\n')) {
    const kind = namedCredential(name, text);
    if (kind) return kind;
  }
  // an assignment needs its "=" or ":" (most values have neither: nothing more to find)
  if (text.indexOf('=') < 0 && text.indexOf(':') < 0) return undefined;
  // a reference as a whole (an ARN, `ENC(...)`, a placeholder) holds no assignments
  const whole = text.trim();
  if (isPlaceholder(whole) || notACredential(whole)) return undefined;
  return assignedCredential(text);
}

/** Whether a command-line word is a flag naming a credential (`--password`, `-token`), whose value may be the next word. */
export function isCredentialFlag(arg: string): boolean {
  return /^-{1,2}[A-Za-z][A-Za-z0-9_.-]{0,127}$/.test(arg) && nameRole(arg) === 'credential';
}

/** Whether the word after a credential flag is a literal credential. */
export function isLiteralFlagValue(arg: string): boolean {
  const v = arg.trim();
  return !v.startsWith('-') && namedCredential('password', v) !== undefined;
}

/** A masked description of a value: its length only. */
export function masked(value: string): string {
  return `<redacted, ${value.length} characters>`;
}
