import { PropValidator } from '../../core/errors';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/** Whether a string is an RFC 1123 DNS label (namespace names, container names, port names...). */
export function isDnsLabel(s: unknown): boolean {
  return typeof s === 'string' && s.length <= 63 && DNS_LABEL.test(s);
}

/** Whether a string is an RFC 1123 DNS subdomain (most object names). */
export function isDnsSubdomain(s: unknown): boolean {
  return typeof s === 'string' && s.length <= 253 && DNS_SUBDOMAIN.test(s);
}

/** Whether a string is a valid label key (`[prefix/]name`). */
export function isLabelKey(s: unknown): boolean {
  if (typeof s !== 'string' || s.length === 0) return false;
  const i = s.lastIndexOf('/');
  const prefix = i >= 0 ? s.slice(0, i) : undefined;
  const name = i >= 0 ? s.slice(i + 1) : s;
  if (prefix !== undefined && !isDnsSubdomain(prefix)) return false;
  return name.length <= 63 && LABEL_NAME.test(name);
}

/** Whether a string is a valid label value (may be empty). */
export function isLabelValue(s: unknown): boolean {
  return typeof s === 'string' && (s === '' || (s.length <= 63 && LABEL_NAME.test(s)));
}

/** Whether a string is a valid container port name (IANA_SVC_NAME: at most 15 characters, one letter). */
export function isPortName(s: unknown): boolean {
  return typeof s === 'string' && s.length <= 15 && IANA_SVC_NAME.test(s) && /[a-z]/.test(s) && !s.includes('--');
}

/** Whether a number is a valid TCP/UDP port. */
export function isPort(n: unknown): boolean {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 65535;
}

/** Checks a map of labels; records one problem per bad key or value. */
export function checkLabels(v: PropValidator, property: string, labels: Record<string, string> | undefined): void {
  if (labels === undefined) return;
  if (labels === null || typeof labels !== 'object') {
    v.fail(property, 'must be a map of label keys to values.', 'Pass an object such as { "team": "payments" }.');
    return;
  }
  for (const [k, val] of Object.entries(labels)) {
    v.require(isLabelKey(k), `${property}.${k}`, `"${k}" is not a valid label key.`, 'Use [prefix/]name with at most 63 alphanumeric, "-", "_" or "." characters in the name.');
    v.require(isLabelValue(val), `${property}.${k}`, `${JSON.stringify(val)} is not a valid label value.`, 'Use at most 63 alphanumeric, "-", "_" or "." characters, starting and ending alphanumeric.');
  }
}

const QUANTITY = /^([+-]?[0-9]+(?:\.[0-9]*)?|[+-]?\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$/;
const SUFFIX: Record<string, number> = {
  '': 1, 'n': 1e-9, 'u': 1e-6, 'm': 1e-3, 'k': 1e3, 'M': 1e6, 'G': 1e9, 'T': 1e12, 'P': 1e15, 'E': 1e18,
  'Ki': 2 ** 10, 'Mi': 2 ** 20, 'Gi': 2 ** 30, 'Ti': 2 ** 40, 'Pi': 2 ** 50, 'Ei': 2 ** 60,
};

/** Parses a Kubernetes resource quantity (`500m`, `1.5`, `256Mi`, `1e3`) to a number; undefined when invalid. */
export function parseQuantity(s: unknown): number | undefined {
  if (typeof s !== 'string') return undefined;
  const m = QUANTITY.exec(s.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const suffix = m[2] ?? '';
  if (/^[eE]/.test(suffix)) return n * 10 ** Number(suffix.slice(1));
  return n * SUFFIX[suffix];
}

/** Checks a quantity prop; returns its numeric value when valid. */
export function checkQuantity(v: PropValidator, property: string, value: string | undefined, example: string): number | undefined {
  if (value === undefined) return undefined;
  const n = parseQuantity(value);
  if (n === undefined || n <= 0) {
    v.fail(property, `${JSON.stringify(value)} is not a positive Kubernetes quantity.`, `Use a quantity such as "${example}".`);
    return undefined;
  }
  return n;
}

const GO_DURATION = /^(?:[0-9]+(?:\.[0-9]+)?(?:ns|us|µs|ms|s|m|h))+$/;
const GO_UNIT: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/** Parses a Go duration (`1h30m`, `720h`) to seconds; undefined when invalid. */
export function parseGoDuration(s: unknown): number | undefined {
  if (typeof s !== 'string' || !GO_DURATION.test(s)) return undefined;
  let total = 0;
  for (const m of s.matchAll(/([0-9]+(?:\.[0-9]+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(m[1]) * GO_UNIT[m[2]];
  return total;
}

// CIDRs: the one parser of the project (lib/core/cidr.ts)
export { parseCidr, cidrContains } from '../../core/cidr';
