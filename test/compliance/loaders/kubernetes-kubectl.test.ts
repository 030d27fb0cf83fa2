import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { stringify } from 'yaml';
import { K8S_LIMITS, dedupeKeys, parseFast, parseFull, parseManifestStream, parseManifests } from '../../../lib/compliance/loaders/kubernetes';
import { allConstructsChart } from '../../k8s/all-constructs';

const bodies = (r: { resources: { body: any }[] }) => r.resources.map((x) => x.body);
const errorsOf = (r: { errors: { line?: number; detail: string }[] }) => r.errors.map((e) => `${e.line}: ${e.detail}`);
const strip = (r: ReturnType<typeof parseFull>) => ({
  resources: r.resources.map((x) => ({ key: x.key, line: x.line, documentIndex: x.documentIndex, body: x.body, traits: x.traits })),
  errors: errorsOf(r),
});

const POD = (securityContext: string) => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: app
      image: nginx
      securityContext:
${securityContext.split('\n').map((l) => `        ${l}`).join('\n')}
`;
const sc = (r: ReturnType<typeof parseManifests>) => r.resources[0]?.body.spec.containers[0].securityContext;

describe('merge keys (<<) are applied as go-yaml v2 applies them', () => {
  test('inline mapping, alias, sequence of aliases and mappings', () => {
    expect(sc(parseManifests('m.yaml', POD('<<: {privileged: true}')))).toEqual({ privileged: true });
    const anchored = `base: &b {privileged: true, runAsUser: 0}\n${POD('<<: *b')}`;
    expect(sc(parseManifests('m.yaml', anchored))).toEqual({ privileged: true, runAsUser: 0 });
    // earlier entries of the sequence win
    const seq = `a: &a {privileged: true}\nb: &b {privileged: false, runAsUser: 0}\n${POD('<<: [*a, *b, {allowPrivilegeEscalation: yes}]')}`;
    expect(sc(parseManifests('m.yaml', seq))).toEqual({ privileged: true, runAsUser: 0, allowPrivilegeEscalation: true });
  });

  test('keys are set in document order: an explicit key after << overrides it, one before it is overridden', () => {
    expect(sc(parseManifests('m.yaml', POD('<<: {privileged: true}\nprivileged: false')))).toEqual({ privileged: false });
    // go-yaml v2 (decode.go `mapping`) merges where the << stands: the merged value wins over an earlier key
    expect(sc(parseManifests('m.yaml', POD('privileged: false\n<<: {privileged: true}')))).toEqual({ privileged: true });
  });

  test('merges nest, and explicit tags (!!merge, !) are merge keys, a quoted "<<" is not', () => {
    const nested = `x: &x {privileged: yes}\ny: &y {<<: *x, runAsUser: 0}\n${POD('<<: *y')}`;
    expect(sc(parseManifests('m.yaml', nested))).toEqual({ privileged: true, runAsUser: 0 });
    expect(sc(parseManifests('m.yaml', POD('!!merge "<<": {privileged: true}')))).toEqual({ privileged: true });
    expect(sc(parseManifests('m.yaml', POD('! <<: {privileged: true}')))).toEqual({ privileged: true });
    expect(sc(parseManifests('m.yaml', POD('"<<": {privileged: true}')))).toEqual({ '<<': { privileged: true } });
  });

  test('a << whose value is not a mapping, and a second << in one mapping, are input errors', () => {
    for (const v of ['<<: true', '<<: [a]', '<<: ~', '<<:', 's: &s hello\n<<: *s', '<<: [[{a: 1}]]']) {
      const r = parseManifests('m.yaml', POD(v));
      expect(r.resources).toEqual([]);
      expect(r.errors[0].detail).toMatch(/map merge requires map or sequence of maps/);
    }
    const twice = parseManifests('m.yaml', POD('<<: {a: 1}\n<<: {privileged: true}'));
    expect(twice.errors[0].detail).toMatch(/duplicate merge key/);
  });

  test('an explicit key overriding a merged one is not a duplicate; merged keys from two sources are not either', () => {
    const r = parseManifests('m.yaml', POD('<<: [{privileged: true}, {privileged: false}]\nprivileged: true'));
    expect(r.errors).toEqual([]);
    expect(sc(r)).toEqual({ privileged: true });
  });

  test('a self-referencing anchor and excessive aliasing are refused; undefined aliases are errors', () => {
    const self = parseManifests('a.yaml', 'a: &a [*a]\n');
    expect(self.errors).toHaveLength(1);
    const laughs = ['a: &a [x,x,x,x,x,x,x,x,x,x]', ...'bcdefg'.split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefg'[i]}`).join(',')}]`)].join('\n');
    const r = parseManifests('l.yaml', `${laughs}\n`);
    expect(r.errors[0].detail).toMatch(/excessive aliasing/);
    expect(parseManifests('u.yaml', POD('privileged: *nope')).errors[0].detail).toMatch(/nope|alias/i);
  });
});

describe('duplicate keys are input errors with file, line, key and both values', () => {
  test('YAML, at any depth; values under data/stringData are not shown', () => {
    const r = parseManifests('d.yaml', POD('privileged: true\nprivileged: false'));
    expect(r.resources).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ file: 'd.yaml', line: 11 });
    expect(r.errors[0].detail).toMatch(/duplicate key "privileged" at spec\.containers\[0\]\.securityContext \(line 10: true; line 11: false\)/);
    const secret = parseManifests('s.yaml', 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  password: hunter2\n  password: hunter3\n');
    expect(secret.errors[0].detail).toMatch(/duplicate key "password"/);
    expect(secret.errors[0].detail).not.toMatch(/hunter/);
  });

  test('keys that become the same JSON key: yes/true, 1/"1", 1/1.0, y/Y', () => {
    for (const [a, b] of [['yes', 'true'], ['1', '"1"'], ['1', '1.0'], ['y', 'Y'], ['on', 'ON'], ['010', '8']]) {
      const r = parseManifests('k.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: k}\ndata:\n  ${a}: x\n  ${b}: z\n`);
      expect({ a, b, resources: r.resources.length }).toEqual({ a, b, resources: 0 });
      expect(r.errors[0].detail).toMatch(/duplicate key|both become the JSON key/);
    }
  });

  test('in flow mappings, in List items, and in merged sources', () => {
    expect(parseManifests('f.yaml', POD('{privileged: true, privileged: false}')).errors[0].detail).toMatch(/duplicate key "privileged"/);
    const list = 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Pod\n    metadata: {name: a}\n    metadata: {name: b}\n';
    expect(parseManifests('l.yaml', list).errors[0].detail).toMatch(/duplicate key "metadata"/);
    expect(parseManifests('m.yaml', POD('<<: {privileged: true, privileged: false}')).errors[0].detail).toMatch(/duplicate key/);
  });

  test('JSON (kubectl reads a file that starts with { as a JSON stream)', () => {
    const r = parseManifestStream('d.json', '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},\n "spec":{"hostPID":true,\n "hostPID":false}}\n{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"ok"}}\n');
    expect(errorsOf(r)).toEqual(['3: JSON: duplicate key "hostPID" (line 2: true; line 3: false); kubectl keeps the last one, other tools the first']);
    expect(r.resources.map((x) => x.key)).toEqual(['ConfigMap//ok']);
  });
});

describe('lists: any object with items is decoded as a list and its items are checked', () => {
  test('nested Lists are flattened; each item has its own line; items inherit kind and apiVersion', () => {
    const text = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: List
    items:
      - apiVersion: v1
        kind: Pod
        metadata: {name: inner}
        spec: {hostPID: Y}
  - apiVersion: v1
    kind: PodList
    items:
      - metadata: {name: inherited}
        spec: {hostNetwork: on}
`;
    const r = parseManifests('l.yaml', text);
    expect(r.errors).toEqual([]);
    expect(r.resources.map((x) => [x.key, x.line, x.body.spec])).toEqual([
      ['Pod//inner', 7, { hostPID: true }],
      ['Pod//inherited', 14, { hostNetwork: true }],
    ]);
  });

  test('a non-List kind with items: its items are applied, not the object (and a warning says so)', () => {
    const r = parseManifests('d.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nitems:\n  - apiVersion: v1\n    kind: Pod\n    metadata: {name: hidden}\n    spec: {hostNetwork: true}\n');
    expect(r.resources.map((x) => x.key)).toEqual(['Pod//hidden']);
    expect(r.problems[0]).toMatch(/Deployment d has an "items" field/);
  });

  test('a bad item is an input error for that item only', () => {
    const r = parseManifests('l.yaml', 'apiVersion: v1\nkind: List\nitems:\n  - kind: Pod\n    metadata: {name: a}\n  - 42\n  - apiVersion: v1\n    kind: Pod\n    metadata: {name: ok}\n');
    expect(r.resources.map((x) => x.key)).toEqual(['Pod//ok']);
    expect(errorsOf(r)).toEqual(['4: document 1, item 1: Pod has no "apiVersion"', '6: document 1, item 2: not a Kubernetes object (a number)']);
  });

  test('items that is not a list, and a list without kind, are input errors', () => {
    expect(errorsOf(parseManifests('l.yaml', 'apiVersion: v1\nkind: List\nitems: {a: 1}\n'))).toEqual(['1: document 1: List has "items" that is not a list: client-go cannot decode it']);
    expect(errorsOf(parseManifests('l.yaml', 'apiVersion: v1\nitems: []\n'))[0]).toMatch(/has no "kind"/);
  });

  test('JSON lists too, with item lines', () => {
    const r = parseManifestStream('l.json', '{"apiVersion":"v1","kind":"List","items":[\n{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a"}}]}\n');
    expect(r.resources.map((x) => [x.key, x.line])).toEqual([['Pod//a', 2]]);
  });
});

describe('documents are split as kubectl splits them', () => {
  test('one bad document is reported, the others are still read', () => {
    const r = parseManifests('m.yaml', 'apiVersion: apps/v1\nkind: Deployment\nspec: {}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: ok}\n---\n: bad\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n');
    expect(r.resources.map((x) => [x.key, x.documentIndex])).toEqual([['Pod//ok', 1], ['ConfigMap//c', 3]]);
    expect(r.errors.map((e) => e.line)).toEqual([1, 9]);
    expect(r.errors[0].detail).toBe('document 1: Deployment has no "metadata"');
  });

  test('--- followed by anything but a comment is refused (kubectl stops there); --- # comment separates', () => {
    const r = parseManifests('s.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n--- # next\napiVersion: v1\nkind: Pod\nmetadata: {name: b}\n--- {kind: Pod}\napiVersion: v1\nkind: Pod\nmetadata: {name: c}\n');
    expect(r.resources.map((x) => x.objectName)).toEqual(['a', 'b', 'c']);
    expect(errorsOf(r)).toEqual(['8: invalid document separator "--- {kind: Pod}": kubectl accepts only a comment after --- and stops reading the file here']);
    expect(errorsOf(parseManifests('s.yaml', 'a: 1\n----\n'))[0]).toMatch(/invalid document separator "----"/);
  });

  test('a "..." end marker followed by content is refused (kubectl applies only the first document)', () => {
    const r = parseManifests('e.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n...\napiVersion: v1\nkind: Pod\nmetadata: {name: hidden}\nspec: {hostPID: true}\n');
    expect(r.resources).toEqual([]);
    expect(r.errors[0]).toMatchObject({ line: 5 });
    // a trailing end marker is fine
    expect(parseManifests('e.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n...\n').resources).toHaveLength(1);
  });

  test('a YAML directive is refused: kubectl hands it to go-yaml without its document', () => {
    const r = parseManifests('d.yaml', '%YAML 1.1\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: a}\n');
    expect(errorsOf(r)[0]).toMatch(/^1: document 1: YAML directive/);
    expect(r.resources.map((x) => x.objectName)).toEqual(['a']);
  });

  test('characters YAML 1.1 and YAML 1.2 read differently are refused with line and column', () => {
    // U+2028 is a line break for go-yaml: the comment would end there and "hostPID: true" would be a key
    for (const ch of ['\u2028', '\u2029', '\u0085']) {
      const r = parseManifests('c.yaml', `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: # c${ch}  hostPID: true\n  containers: []\n`);
      expect(r.resources).toEqual([]);
      expect(r.errors[0]).toMatchObject({ line: 4, column: 10 });
    }
    expect(parseManifests('c.yaml', 'a: 1\rb: 2\n').errors[0].detail).toMatch(/carriage return/);
    expect(parseManifests('c.yaml', 'a: "\u0007"\n').errors[0].detail).toMatch(/control character U\+0007/);
    // CRLF line endings and a leading byte order mark are fine
    const crlf = parseManifests('c.yaml', '\ufeffapiVersion: v1\r\nkind: Pod\r\nmetadata: {name: p}\r\n---\r\napiVersion: v1\r\nkind: Pod\r\nmetadata: {name: q}\r\n');
    expect(crlf.errors).toEqual([]);
    expect(crlf.resources.map((x) => x.objectName)).toEqual(['p', 'q']);
  });

  test('JSON streams: several values, null skipped, syntax errors end the stream, YAML-only syntax refused', () => {
    const r = parseManifestStream('s.json', '  {"apiVersion":"v1","kind":"Pod","metadata":{"name":"a"}}\nnull\n{"apiVersion":"v1","kind":"Pod","metadata":{"name":"b"}}{"kind": yes}\n{"apiVersion":"v1","kind":"Pod","metadata":{"name":"never"}}');
    expect(r.resources.map((x) => x.objectName)).toEqual(['a', 'b']);
    expect(errorsOf(r)).toEqual(['3: JSON: invalid character "y" looking for beginning of value']);
    // a byte order mark or a leading "#" makes it YAML, as for kubectl
    expect(parseManifestStream('s.json', '\ufeff{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a"}}\n---\n{"apiVersion":"v1","kind":"Pod","metadata":{"name":"b"}}\n').resources).toHaveLength(2);
    expect(errorsOf(parseManifestStream('s.json', '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a"},"x":1e400}'))[0]).toMatch(/out of range/);
  });
});

describe('resource keys', () => {
  test('the same object several times in a run gets #2, #3 (the first keeps its key)', () => {
    const one = 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n';
    const { resources } = parseManifests('d.yaml', `${one}---\n${one}---\napiVersion: v1\nkind: Pod\nmetadata: {name: b}\n---\n${one}`);
    expect(dedupeKeys(resources).map((r) => r.key)).toEqual(['Pod//a', 'Pod//a#2', 'Pod//b', 'Pod//a#3']);
  });
});

describe('inputs that are not manifests', () => {
  test('plain data, scalars, lists and null documents', () => {
    expect(errorsOf(parseManifests('p.yaml', 'just: text\n'))).toEqual(['1: document 1: object has no "kind" (not a Kubernetes object)']);
    expect(errorsOf(parseManifests('p.yaml', '- a\n- b\n'))[0]).toMatch(/not a Kubernetes object \(expected a mapping, got a list\)/);
    expect(errorsOf(parseManifests('p.yaml', 'hello\n'))[0]).toMatch(/got a string/);
    for (const empty of ['~\n', '# only\n# comments\n', '', '---\n---\n', 'null\n', '...\n']) {
      expect(parseManifests('e.yaml', empty)).toEqual({ resources: [], problems: [], errors: [] });
    }
  });
});

describe('limits are enforced before the work they bound', () => {
  test('more documents than the limit: refused while splitting, nothing parsed', () => {
    const text = 'a: 1\n---\n'.repeat(K8S_LIMITS.maxDocuments + 1);
    const r = parseManifests('many.yaml', text);
    expect(r.resources).toEqual([]);
    expect(errorsOf(r)).toEqual([`undefined: more than ${K8S_LIMITS.maxDocuments} documents (refused before parsing)`]);
  });

  test('a document over 3 MiB is refused before parsing; the other documents are read', () => {
    const big = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n${'  k: v\n'.repeat(1)}  blob: "${'x'.repeat(K8S_LIMITS.maxDocumentBytes)}"\n`;
    const r = parseManifests('big.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n---\n${big}`);
    expect(r.resources.map((x) => x.objectName)).toEqual(['ok']);
    expect(errorsOf(r)).toEqual(['5: document 2 is larger than 3 MiB (the API server refuses requests over 3 MiB); refused before parsing']);
  });

  test('more objects than the limit through List items, and nesting deeper than the limit', () => {
    // two Lists of 60,000 items each (items inherit kind and apiVersion, so each stays under 3 MiB)
    const list = (n: number) => `apiVersion: v1\nkind: ConfigMapList\nitems:\n${Array.from({ length: 60_000 }, (_, i) => `- metadata: {name: c${n}-${i}}\n`).join('')}`;
    const r = parseManifests('l.yaml', `${list(1)}---\n${list(2)}`);
    expect(r.resources).toHaveLength(K8S_LIMITS.maxDocuments);
    expect(r.errors.map((e) => e.detail)).toEqual([`more than ${K8S_LIMITS.maxDocuments} objects in one file`]);
    const deep = `apiVersion: v1\nkind: Pod\nmetadata: {name: d}\nspec: ${'['.repeat(K8S_LIMITS.maxDepth)}${']'.repeat(K8S_LIMITS.maxDepth)}\n`;
    for (const p of [parseManifests('d.yaml', deep), parseFull('d.yaml', deep)]) expect(p.errors[0].detail).toMatch(/nested deeper than 200 levels/);
    expect(parseManifests('d.json', `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`).errors).toHaveLength(1);
  });
});

/** Every fixture and every synthesized construct: the fast path and the full path agree exactly. */
describe('fast path == full path', () => {
  const fixtures: string[] = [];
  const suite = path.join(__dirname, '..', '..', '..', '..', 'shared', 'conformance', 'pss-v1.28');
  const collect = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) collect(p);
      else if (/\.ya?ml$/.test(e.name)) fixtures.push(p);
    }
  };
  collect(suite);
  collect(path.join(__dirname, '..', '..', '..', 'examples'));

  test('fixtures (PSS conformance suite, examples)', () => {
    expect(fixtures.length).toBeGreaterThan(0);
    for (const f of fixtures) {
      const text = fs.readFileSync(f, 'utf8');
      expect({ f, r: strip(parseManifests(f, text)) }).toEqual({ f, r: strip(parseFull(f, text)) });
    }
  });

  test('the YAML of every construct as cdk8s writes it (YAML 1.1), and the same objects written as YAML 1.2', () => {
    const chart = allConstructsChart();
    const objects = Testing.synth(chart);
    expect(objects.length).toBeGreaterThan(20);
    for (const version of ['1.1', '1.2'] as const) {
      const text = objects.map((o) => stringify(o, { version })).join('---\n');
      const fast = parseFast('all.yaml', text);
      expect(fast).toBeDefined();
      expect(strip(fast!)).toEqual(strip(parseFull('all.yaml', text)));
    }
    // and written as YAML 1.1 they read back as the objects themselves
    expect(bodies(parseManifests('all.yaml', objects.map((o) => stringify(o, { version: '1.1' })).join('---\n')))).toEqual(objects);
  });

  test('scalar styles: multi-line plain, folded, literal with chomping, escapes, flow over lines', () => {
    const t = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  a: foo\n    bar\n\n    baz\n  b: >\n    x\n     y\n    z\n  c: |+\n    keep\n\n  d: "multi\n    line \\t esc \\u263A"\n  e: \'it\'\'s\n    folded\'\n  f: [a, "b",\n    c]\n';
    const auto = parseManifests('s.yaml', t);
    expect(strip(auto)).toEqual(strip(parseFull('s.yaml', t)));
    expect(auto.resources[0].body.data).toEqual({ a: 'foo bar\nbaz', b: 'x\n y\nz\n', c: 'keep\n\n', d: 'multi line \t esc \u263A', e: "it's folded", f: ['a', 'b', 'c'] });
    // the styles writers use (folded plain and quoted scalars, JSON escapes) are read by the fast path itself
    const written = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  a: foo\n    bar\n\n    baz\n  d: "multi\n    line \\t esc \\u263A"\n  e: \'it\'\'s\n    folded\'\n';
    const fast = parseFast('s.yaml', written);
    expect(fast).toBeDefined();
    expect(strip(fast!)).toEqual(strip(parseFull('s.yaml', written)));
    expect(fast!.resources[0].body.data).toEqual({ a: 'foo bar\nbaz', d: 'multi line \t esc \u263A', e: "it's folded" });
  });

  test('evasion variants agree too', () => {
    const variants = [
      POD('privileged: Yes'), POD('privileged: ON'), POD('privileged: y'), POD('runAsUser: 0_0'), POD('runAsUser: 0b0'), POD('runAsUser: 00'),
      POD('runAsUser: -0'), POD('runAsUser: 0x0'), POD('runAsUser: 0o0'), POD('runAsUser: +0'), POD('capabilities: {add: [SYS_ADMIN, on]}'),
      POD('privileged: !!bool yes'), POD('<<: {privileged: yes}'), 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: x}\n  spec: {hostPID: yes}\n',
    ];
    for (const v of variants) expect(strip(parseManifests('v.yaml', v))).toEqual(strip(parseFull('v.yaml', v)));
  });
});
