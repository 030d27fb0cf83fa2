import * as fs from 'fs';
import * as path from 'path';
import { parseFast, parseFull, parseManifests } from '../../lib/compliance/loaders/kubernetes';

const strip = (r: ReturnType<typeof parseFull>) =>
  r.resources.map((x) => ({ key: x.key, line: x.line, documentIndex: x.documentIndex, body: x.body }));

/** The fast path (block-yaml.ts) must give exactly what the full parser (yaml) gives: objects, keys, lines, positions. */
describe('Kubernetes loader: fast path agrees with the full parser', () => {
  const cases: Record<string, string> = {
    single: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  q: "010"\n  m: 010\n  t: 2024-01-01\n  b: yes\n  x: ~\n',
    leadingMarkerAndComments: '# header\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n---\n# only a comment\n---\n\napiVersion: v1\nkind: Secret\nmetadata: { name: b, namespace: x }\n',
    noLeadingMarker: 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: b }\n',
    blockScalarWithDashes: 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: pem }\ndata:\n  cert: |\n    -----BEGIN CERTIFICATE-----\n    ---\n    abc\n    -----END CERTIFICATE-----\n',
    json: '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"j"},"data":{"a":"1"}}\n',
    trailingMarker: 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n---\n',
  };
  test.each(Object.keys(cases))('%s', (name) => {
    const text = cases[name];
    expect(parseFast('f.yaml', text)).toBeDefined(); // the fast path is really taken
    expect(strip(parseManifests('f.yaml', text))).toEqual(strip(parseFull('f.yaml', text)));
  });

  const suite = path.join(__dirname, '..', '..', '..', 'shared', 'conformance', 'pss-v1.28');
  const files = fs.existsSync(suite)
    ? ['baseline', 'restricted'].flatMap((l) => ['pass', 'fail'].flatMap((o) => fs.readdirSync(path.join(suite, l, 'v1.28', o)).map((f) => path.join(suite, l, 'v1.28', o, f))))
    : [];
  test('every conformance fixture parses identically on both paths', () => {
    if (files.length === 0) console.warn(`PSS conformance suite not found at ${suite}: comparing built-in cases only`);
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      expect({ f, r: strip(parseManifests(f, text)) }).toEqual({ f, r: strip(parseFull(f, text)) });
    }
  });

  test('aliases, anchors and List kinds go to the full parser (bounded, with item lines)', () => {
    const list = 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: { name: a }\n';
    expect(parseFast('l.yaml', list)).toBeUndefined();
    expect(parseManifests('l.yaml', list).resources[0]).toMatchObject({ key: 'ConfigMap//a', line: 4 });
    const alias = 'apiVersion: v1\nkind: ConfigMap\nmetadata: &m { name: a }\ndata: { x: *m }\n';
    expect(parseManifests('a.yaml', alias).resources).toHaveLength(1);
  });
});
