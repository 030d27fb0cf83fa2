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

/** Parses an IPv4 or IPv6 CIDR; returns the prefix length and family, or undefined when invalid. */
export function parseCidr(s: unknown): { family: 4 | 6; prefix: number } | undefined {
  if (typeof s !== 'string') return undefined;
  const m = /^([^/]+)\/([0-9]{1,3})$/.exec(s.trim());
  if (!m) return undefined;
  const prefix = Number(m[2]);
  if (isIpv4(m[1])) return prefix <= 32 ? { family: 4, prefix } : undefined;
  if (isIpv6(m[1])) return prefix <= 128 ? { family: 6, prefix } : undefined;
  return undefined;
}

function isIpv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
}

function isIpv6(s: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || s.includes(':::')) return false;
  const doubles = s.split('::').length - 1;
  if (doubles > 1) return false;
  let groups = s.split(':');
  // an embedded IPv4 tail counts as two groups
  const last = groups[groups.length - 1];
  let extra = 0;
  if (last.includes('.')) {
    if (!isIpv4(last)) return false;
    groups = groups.slice(0, -1);
    extra = 2;
  }
  const nonEmpty = groups.filter((g) => g !== '');
  if (!nonEmpty.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  const count = nonEmpty.length + extra;
  return doubles === 1 ? count < 8 : count === 8 && groups.every((g) => g !== '');
}

function ipToBigInt(ip: string): { family: 4 | 6; value: bigint } | undefined {
  if (isIpv4(ip)) return { family: 4, value: ip.split('.').reduce((acc, p) => (acc << 8n) + BigInt(Number(p)), 0n) };
  if (!isIpv6(ip)) return undefined;
  let s = ip;
  const last = s.split(':').pop()!;
  if (last.includes('.')) {
    const v4 = last.split('.').map(Number);
    s = s.slice(0, s.length - last.length) + `${((v4[0] << 8) | v4[1]).toString(16)}:${((v4[2] << 8) | v4[3]).toString(16)}`;
  }
  const [head, tail] = s.includes('::') ? s.split('::') : [s, undefined];
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return { family: 6, value: groups.reduce((acc, g) => (acc << 16n) + BigInt(parseInt(g, 16)), 0n) };
}

/** Whether CIDR `inner` lies within CIDR `outer` (same family, longer or equal prefix). */
export function cidrContains(outer: string, inner: string): boolean {
  const [oIp, oLen] = outer.split('/');
  const [iIp, iLen] = inner.split('/');
  const o = ipToBigInt(oIp);
  const i = ipToBigInt(iIp);
  if (!o || !i || o.family !== i.family || Number(iLen) < Number(oLen)) return false;
  const bits = BigInt(o.family === 4 ? 32 : 128);
  const shift = bits - BigInt(Number(oLen));
  return (o.value >> shift) === (i.value >> shift);
}
