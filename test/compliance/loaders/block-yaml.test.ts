import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { stringify } from 'yaml';
import { GAVE_UP, readBlockYaml } from '../../../lib/compliance/loaders/block-yaml';
import { decodeFullDocument, parseFull, parseManifests } from '../../../lib/compliance/loaders/kubernetes';
import { allConstructsChart } from '../../k8s/all-constructs';

/** A value written out with its types and key order (toEqual ignores key order and -0). */
function canon(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'number') return Object.is(v, -0) ? 'n:-0' : `n:${v}`;
  if (typeof v !== 'object') return `${typeof v}:${JSON.stringify(v)}`;
  if (Array.isArray(v)) return `[${v.map(canon).join(',')}]`;
  return `{${Object.keys(v).map((k) => `${JSON.stringify(k)}:${canon((v as any)[k])}`).join(',')}}`;
}

const read = (text: string) => readBlockYaml(text, 198);

/** What the full path (the `yaml` package's tree decoded as go-yaml decodes it) makes of a document. */
function fullPath(text: string): string {
  const r = decodeFullDocument(text);
  return 'error' in r ? `input error: ${r.error}` : canon(r.value ?? null);
}

/** Documents the reader reads must read as the full path reads them; returns how many it read. */
function expectAgreement(docs: readonly string[]): number {
  let readCount = 0;
  const disagreements: string[] = [];
  for (const d of docs) {
    const mine = read(d);
    if (mine === GAVE_UP) continue;
    readCount++;
    const theirs = fullPath(d);
    if (canon(mine) !== theirs && disagreements.length < 5) disagreements.push(`${JSON.stringify(d)}\n  ours:      ${canon(mine)}\n  full path: ${theirs}`);
  }
  expect(disagreements).toEqual([]);
  return readCount;
}

function yamlFiles(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yamlFiles(p, out);
    else if (/\.ya?ml$/.test(e.name)) out.push(p);
  }
  return out;
}

/** Deterministic generator of documents built from the subset and its near misses (mulberry32). */
function generator(seed: number) {
  let a = seed >>> 0;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const TAME_KEYS = ['name', 'image', 'kind', 'app', 'k8s.io/name', 'x-y_z', 'a.b/c-d', 'port', 'value', 'key', '"quoted"', "'single'", 'Éé'];
  const ODD_KEYS = ['b c', 'a:b', 'a#b', 'a #b', '-a', "'it''s'", '"x y"', 'on', 'yes', 'Y', '123', 'null', '~', '1.5', '__proto__',
    '<<', 'a[0]', 'a{b}', 'a,b', 'x"y', "x'y", '"a\\"b"', '?a', ':a', '@a', '%a', 'a:', '"', "''", '""', '0x10', '+1', '.5', 'True',
    'Off', 'constructor', 'toString', 'hasOwnProperty', '"on"', "'yes'", '!a', '&a b', '*a', 'a\u00a0b', 'a'.repeat(1100)];
  const TAME = ['x', 'hello world', 'web-123', 'http://x/y', 'a:b', 'a#b', '"dq"', "'sq'", "'s''q'", '80', 'true', 'ALL', '100m',
    '1Gi', 'registry.example.com/web@sha256:abc', '[a, b]', '{a: b}', '{a: b, c: [d, e]}', '[{a: b}, {c: d}]', '[]', '{}', '""', "''"];
  const ODD = ['hello  world  ', 'a: b', 'a #c', '#c', '"d\\"q"', '"d\\nq"', '"', "'", 'yes', 'no', 'on', 'off', 'y', 'n', 'NO',
    'null', 'Null', '~', '', '0123', '0x1F', '0o17', '0b101', '1_000', '1.5', '.5', '-1', '+1', '-', '- a', '-a', '1e3', '.inf', '-.inf',
    '.nan', '2020-01-01', '2001-12-14t21:59:43.10-05:00', '12:30', '190:20:30', 'False', '!x', '!!str yes', '&a', '*a', '|', '|-',
    '|+', '|2', '>', '>-', '%x', '@x', '`x', ',x', ']', '}', '[a,b]', '[ a , b ]', '[a, b,]', '[a: b]', '[[a], {b: c}]', '{a:b}',
    '{"a": 1}', '{"a":1}', '{a: }', '{a, b}', '{a: b,}', '{ a : b }', '[a #c]', '[a', '{a: b', '[-1, -a]', '[- a]', '[x: y]',
    "['a', \"b\"]", '{a: {b: {c: d}}}', '[,]', '{,}', '[ ]', '{ }', '123456789012345678', '9223372036854775808',
    '18446744073709551616', '0.0', '-0', '1:2', '? x', ': x', 'a  #  b', '"a" b', "'a' b", '"a" #c', '"a"#c', '[a] b', '[a] #c',
    '{a: b} #c', '{yes: 1}', '{"yes": 1}', '[yes, "no", ~]', '{a: 1, a: 2}', '{__proto__: x}', 'é ü', '<<', 'x y: z', '"\\t"'];
  const scalar = () => (rnd() < 0.6 ? pick(TAME) : pick(ODD));
  const key = () => (rnd() < 0.75 ? pick(TAME_KEYS) : pick(ODD_KEYS));
  const block = (indent: number, depth: number): string[] => {
    const sp = ' '.repeat(indent);
    if (depth > 3 || rnd() < 0.1) return [];
    if (rnd() < 0.3) return seq(indent, depth);
    const lines: string[] = [];
    const n = 1 + Math.floor(rnd() * 4);
    for (let i = 0; i < n; i++) {
      const k = key();
      const r = rnd();
      if (r < 0.45) {
        lines.push(`${sp}${k}: ${scalar()}${pick(['', '', '', ' # c', '  ', ' # x: y'])}`);
      } else if (r < 0.6) {
        lines.push(`${sp}${k}: ${pick(['|', '|', '|-', '|+', '>', '| # c', '|2', '|-  '])}`);
        const ci = indent + pick([2, 2, 4, 0, 1]);
        const m = 1 + Math.floor(rnd() * 4);
        for (let j = 0; j < m; j++) {
          lines.push(pick(['', ' '.repeat(ci), ' '.repeat(ci + 2), ' '.repeat(ci) + scalar(), ' '.repeat(ci) + scalar(),
            ' '.repeat(ci + 1) + scalar(), ' '.repeat(ci) + '# not a comment', ' '.repeat(Math.max(0, ci - 1)) + 'x']));
        }
      } else if (r < 0.72) {
        lines.push(`${sp}${k}:${pick(['', '', ' ', ' # c'])}`);
        lines.push(...block(indent + pick([2, 2, 4, 1, 0]), depth + 1));
      } else if (r < 0.85) {
        lines.push(`${sp}${k}:${pick(['', ' ', ' # c'])}`);
        lines.push(...seq(indent + pick([0, 0, 2, 1]), depth + 1));
      } else {
        lines.push(`${sp}${k}:${pick(['', ' ', '  # c'])}`);
      }
      if (rnd() < 0.1) lines.push(pick(['', `${' '.repeat(Math.floor(rnd() * 6))}# comment`, '   ', `${sp}  ${scalar()}`]));
    }
    return lines;
  };
  const seq = (indent: number, depth: number): string[] => {
    const sp = ' '.repeat(indent);
    const lines: string[] = [];
    const n = 1 + Math.floor(rnd() * 3);
    for (let i = 0; i < n; i++) {
      const r = rnd();
      if (r < 0.4) {
        lines.push(`${sp}- ${scalar()}`);
      } else if (r < 0.75) {
        const pad = pick([' ', ' ', ' ', '   ']);
        const inner = block(indent + 1 + pad.length, depth + 1);
        if (inner.length > 0) lines.push(`${sp}-${pad}${inner[0].trimStart()}`, ...inner.slice(1));
        else lines.push(`${sp}-`);
      } else if (r < 0.9) {
        lines.push(`${sp}-${pick(['', ' ', ' # c'])}`);
        lines.push(...block(indent + pick([2, 1, 0, 4]), depth + 1));
      } else {
        lines.push(`${sp}- - ${scalar()}`);
      }
    }
    return lines;
  };
  const mutate = (text: string): string => {
    let t = text;
    const ops = 1 + Math.floor(rnd() * 2);
    for (let i = 0; i < ops; i++) {
      const p = Math.floor(rnd() * (t.length + 1));
      const r = rnd();
      if (r < 0.3) {
        t = t.slice(0, p) + t.slice(p + 1);
      } else if (r < 0.65) {
        t = t.slice(0, p) + pick([' ', ':', '-', '#', '\n', '"', "'", ',', '[', ']', '{', '}', '|', 'a', '  ', ': ', '- ', '\t', '\r', '\\']) + t.slice(p);
      } else {
        const ls = t.split('\n');
        const l = Math.floor(rnd() * ls.length);
        ls[l] = rnd() < 0.5 ? ` ${ls[l]}` : ls[l].replace(/^ /, '');
        t = ls.join('\n');
      }
    }
    return t;
  };
  return (): string => {
    const text = block(pick([0, 0, 0, 2]), 0).join('\n') + pick(['\n', '\n', '', '\n\n', '\n  \n', '\n# end\n']);
    return rnd() < 0.4 ? mutate(text) : text;
  };
}

describe('block YAML reader (the loader\'s quickest path)', () => {
  test('reads what the full path reads, value for value, on 40,000 generated documents and near misses', () => {
    const next = generator(20261202);
    const docs = Array.from({ length: 40_000 }, next);
    const count = expectAgreement(docs);
    // the generator must exercise the reader, not only its refusals
    expect(count).toBeGreaterThan(6_000);
  });

  test('the whole loader agrees with its full path on 8,000 generated objects (what kubectl applies)', () => {
    const next = generator(7);
    const body = (r: ReturnType<typeof parseManifests>) => ({
      bodies: r.resources.map((x) => canon(x.body)),
      errors: r.errors.map((e) => `${e.line ?? ''} ${e.message}`),
    });
    const disagreements: string[] = [];
    let objects = 0;
    for (let i = 0; i < 8_000 && disagreements.length < 5; i++) {
      const inner = next().split('\n').map((l) => (l === '' ? l : `  ${l}`)).join('\n');
      const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}}\ndata:\n${inner}`;
      const auto = body(parseManifests('g.yaml', text));
      const full = body(parseFull('g.yaml', text));
      objects += auto.bodies.length;
      if (JSON.stringify(auto) !== JSON.stringify(full)) disagreements.push(`${JSON.stringify(text)}\n  auto: ${JSON.stringify(auto)}\n  full: ${JSON.stringify(full)}`);
    }
    expect(disagreements).toEqual([]);
    expect(objects).toBeGreaterThan(800);
  });

  test('every YAML document of the repository (fixtures, examples, docs) and of the PSS conformance suite', () => {
    const root = path.join(__dirname, '..', '..', '..');
    const files = [...yamlFiles(path.join(root, 'test')), ...yamlFiles(path.join(root, 'examples')), ...yamlFiles(path.join(root, 'docs')),
      ...yamlFiles(path.join(root, '..', 'shared', 'conformance'))];
    expect(files.length).toBeGreaterThan(10);
    const docs = files.flatMap((f) => fs.readFileSync(f, 'utf8').split(/^---[^\n]*\n/m));
    expect(expectAgreement(docs)).toBeGreaterThan(10);
  });

  test('reads manifests as cdk8s, Helm and people write them (the fast path is really taken)', () => {
    const objects = Testing.synth(allConstructsChart());
    const written = objects.map((o) => stringify(o, { version: '1.1' }));
    expect(expectAgreement(written)).toBe(written.length);
    const hand = [
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web # the web tier\n  labels: { app: web, tier: "front" }\nspec:\n  template:\n'
        + '    spec:\n      containers:\n      - name: app\n        image: "nginx:1.27"\n        args: [--port, "8080"]\n        env:\n'
        + '          - name: MODE\n            value: \'it\'\'s\'\n      volumes: []\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  script.sh: |\n    #!/bin/sh\n    echo "a: b"\n\n    exit 0\n'
        + '  motd: |-\n    first\n      indented more\n  empty: ""\n  json: "{\\"a\\": [1, \\"\\u00e9\\"]}"\n  long: a long string\n    folded by the writer\n\n    over lines\n',
      '# Source: chart/templates/svc.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: svc\n  annotations:\n'
        + '    prometheus.io/scrape: "true"\nspec:\n  ports:\n    - port: 80\n      targetPort: http\n      protocol: TCP\n',
    ];
    expect(expectAgreement(hand)).toBe(hand.length);
  });

  test('YAML 1.1 values resolve as kubectl reads them, and the whole loader agrees with the full path', () => {
    const doc = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostPID: yes\n  hostIPC: On\n  hostNetwork: y\n'
      + '  containers:\n  - name: c\n    securityContext: {privileged: Y, runAsUser: 0_0, runAsGroup: 010, allowPrivilegeEscalation: "yes"}\n';
    const v = read(doc) as any;
    expect(v).not.toBe(GAVE_UP);
    expect(v.spec).toMatchObject({ hostPID: true, hostIPC: true, hostNetwork: true });
    expect(v.spec.containers[0].securityContext).toEqual({ privileged: true, runAsUser: 0, runAsGroup: 8, allowPrivilegeEscalation: 'yes' });
    const strip = (r: ReturnType<typeof parseManifests>) => r.resources.map((x) => canon(x.body));
    expect(strip(parseManifests('p.yaml', doc))).toEqual(strip(parseFull('p.yaml', doc)));
  });

  test('a container after an empty "-" entry is a container (js-yaml 4, the earlier fast path, took it into the args above)', () => {
    for (const empty of ['-', '-   ', '- # nothing']) {
      const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: a@sha256:' + 'a'.repeat(64)
        + `\n    args:\n    - x\n    ${empty}\n  - name: evil\n    image: b\n    securityContext: {privileged: true}\n`;
      const r = parseManifests('p.yaml', text);
      expect(r.errors).toEqual([]);
      const containers = r.resources[0].body.spec.containers;
      expect(containers.map((c: any) => c.name)).toEqual(['a', 'evil']);
      expect(containers[0].args).toEqual(['x', null]);
      expect(canon(r.resources[0].body)).toEqual(canon(parseFull('p.yaml', text).resources[0].body));
    }
  });

  test('gives up on what it does not read, so that the other readers decide', () => {
    const givesUp = [
      'a: 1\na: 2\n', // duplicate keys (the full path reports them)
      'a: {b: 1, b: 2}\n',
      'on: 1\n', // a key that is not a string
      '123: x\n',
      '__proto__: {x: 1}\n',
      'a: b\n  - c\n', // a plain scalar going on with an indicator
      'a: "x\\x41"\n', // escapes JSON does not have
      'a: "x\\0"\n',
      'a: "x\\u2028"\n', // characters refused as raw text
      'a: "x\n\n  y"\n', // a blank line inside a quoted scalar
      'a: .inf\n', // JSON cannot hold it
      'a: >\n  folded\n',
      'a: |+\n  kept\n',
      'a: |2\n   x\n',
      'a: [b,\n  c]\n', // a flow collection over lines
      'a: &x b\nc: *x\n',
      'a: !!str yes\n',
      'a : b\n',
      'a: b: c\n',
      'a: [b, ]\n',
      'a:\r\n  b: c\r\n',
      'a:\n\tb: c\n',
      '- - a\n',
      'a: 1\n b: 2\n',
      `${'a'.repeat(1001)}: x\n`,
    ];
    for (const d of givesUp) expect({ d, v: read(d) }).toEqual({ d, v: GAVE_UP });
  });

  test('documents nested past the depth limit are left to the readers that report them', () => {
    const deep = `${'['.repeat(300)}${']'.repeat(300)}\n`;
    expect(read(`a: ${deep}`)).toBe(GAVE_UP);
    const r = parseManifests('d.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: d}\ndata: ${deep}`);
    expect(r.errors.map((e) => e.message).join('\n')).toMatch(/deeper|depth|nest/i);
  });
});
