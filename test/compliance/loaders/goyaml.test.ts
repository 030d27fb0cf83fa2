import { formatFloat32g, isGoTimestamp, jsonKeyOf, resolveScalar } from '../../../lib/compliance/loaders/goyaml';
import { parseFast, parseFull, parseManifests } from '../../../lib/compliance/loaders/kubernetes';

/**
 * go-yaml v2 (kubectl's YAML reader, through sigs.k8s.io/yaml) decodes untagged plain scalars with its own YAML 1.1
 * rules (resolve.go). Each row: the scalar as written, and the JSON value kubectl sends. Derived from go-yaml's
 * resolveTable/resolveMap, strconv.ParseInt(s, 0, 64) after removing "_", its yamlStyleFloat regexp and
 * strconv.ParseFloat for ".5"-style floats.
 */
const PLAIN: [string, unknown][] = [
  // booleans: exactly these spellings
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((s): [string, unknown] => [s, true]),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((s): [string, unknown] => [s, false]),
  ...['yEs', 'tRue', 'oN', 'oFF', 'nO', 'Yes!', 'yes.', 'TrUe', 'ye', 'of'].map((s): [string, unknown] => [s, s]),
  // null
  ['~', null], ['null', null], ['Null', null], ['NULL', null], ['nULL', 'nULL'], ['nil', 'nil'], ['None', 'None'],
  // integers: Go ParseInt base 0 after removing underscores
  ['0', 0], ['-0', 0], ['+0', 0], ['00', 0], ['010', 8], ['-010', -8], ['0o17', 15], ['0O17', 15], ['0x1F', 31], ['0X1f', 31],
  ['0b101', 5], ['0B101', 5], ['-0b101', -5], ['+0x10', 16], ['0_0', 0], ['1_000', 1000], ['1__000', 1000], ['1_', 1],
  ['0x_1F', 31], ['0b1_0', 2], ['0_10', 8], ['+1', 1], ['-1', -1], ['10001', 10001], ['65534', 65534],
  ['_1', '_1'], ['0b', '0b'], ['0x', '0x'], ['0o', '0o'], ['0b102', '0b102'], ['0o8', '0o8'], ['0xG', '0xG'], ['+', '+'],
  ['+-1', '+-1'], ['--1', '--1'], ['1,000', '1,000'], ['1:20', '1:20'], ['190:20:30', '190:20:30'], ['0x1F.5', '0x1F.5'],
  ['9223372036854775807', 9223372036854775807], ['-9223372036854775808', -9223372036854775808],
  ['18446744073709551615', 18446744073709551615], ['99999999999999999999', 1e20], ['-9223372036854775809', -9223372036854775809],
  // octal-looking decimals that are not octal are floats: ParseInt fails, yamlStyleFloat matches
  ['08', 8], ['09', 9], ['-08', -8], ['019', 19], ['00.5', 0.5],
  // floats
  ['1.5', 1.5], ['1.', 1], ['.5', 0.5], ['-.5', -0.5], ['+.5', 0.5], ['1e3', 1000], ['1E3', 1000], ['1e+3', 1000], ['1e-3', 0.001],
  ['1.5e3', 1500], ['0e0', 0], ['-0.0', 0], ['1_2.5', 12.5], ['1e3_0', 1e30], ['.5_5', 0.55], ['.5e1', 5],
  ['._5', '._5'], ['.5_', '.5_'], ['.5__5', '.5__5'], ['1e', '1e'], ['.e1', '.e1'], ['.', '.'], ['1.5.5', '1.5.5'], ['1e3.5', '1e3.5'],
  ['1e999', '1e999'], ['-1e999', '-1e999'], ['.5e999', '.5e999'], ['1e-999', 0], ['.Nan', '.Nan'], ['.infinity', '.infinity'],
  ['Infinity', 'Infinity'], ['NaN', 'NaN'], ['inf', 'inf'], ['-.nan', '-.nan'], ['0x1p3', '0x1p3'],
  // timestamps stay strings when decoded into interface{}
  ['2001-12-14', '2001-12-14'], ['2001-12-14T21:59:43.10-05:00', '2001-12-14T21:59:43.10-05:00'], ['2001-12-14 21:59:43.10', '2001-12-14 21:59:43.10'],
  ['2001-13-14', '2001-13-14'], ['1234-5', '1234-5'],
  // other plain text
  ['<<', '<<'], ['=', '='], ['privileged', 'privileged'], ['0.0.0.0/0', '0.0.0.0/0'], ['1Gi', '1Gi'], ['100m', '100m'], ['v1', 'v1'],
];

/** Scalars kubectl cannot send: go-yaml or the JSON conversion fails. */
const REFUSED_VALUES = ['.inf', '.Inf', '.INF', '+.inf', '-.inf', '-.Inf', '-.INF', '.nan', '.NaN', '.NAN'];

const doc = (value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  v: ${value}\n  list:\n    - ${value}\n`;

describe('go-yaml v2 plain scalars: both parse paths give what kubectl sends', () => {
  test.each(PLAIN)('%s', (text, expected) => {
    expect(resolveScalar(text, true).value).toBe(expected);
    const full = parseFull('s.yaml', doc(text));
    expect(full.errors).toEqual([]);
    expect(full.resources[0].body.data).toEqual({ v: expected, list: [expected] });
    const fast = parseFast('s.yaml', doc(text));
    if (fast) expect(fast.resources.map((r) => r.body)).toEqual(full.resources.map((r) => r.body));
    expect(parseManifests('s.yaml', doc(text)).resources.map((r) => r.body)).toEqual(full.resources.map((r) => r.body));
  });

  test('the fast path really decodes plain scalars (it does not hand everything to the full path)', () => {
    for (const text of ['yes', 'on', '0_0', '0b0', '010', '08', '1e3', '~', '2001-12-14', '0x1F']) expect(parseFast('s.yaml', doc(text))).toBeDefined();
  });

  test.each(REFUSED_VALUES)('%s cannot be converted to JSON: an input error with the line', (text) => {
    for (const r of [parseManifests('s.yaml', doc(text)), parseFull('s.yaml', doc(text))]) {
      expect(r.resources).toEqual([]);
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]).toMatchObject({ line: 6 });
      expect(r.errors[0].detail).toMatch(/cannot be converted to JSON/);
    }
  });

  test('quoted and block scalars are strings', () => {
    const r = parseManifests('q.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: q}\ndata:\n  a: "yes"\n  b: \'on\'\n  c: |\n    yes\n  d: >-\n    010\n  e: ""\n');
    expect(r.resources[0].body.data).toEqual({ a: 'yes', b: 'on', c: 'yes\n', d: '010', e: '' });
  });

  test('an empty value is null', () => {
    const r = parseManifests('e.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: e}\ndata:\n  a:\n  b: [1, ]\n');
    expect(r.resources[0].body.data).toEqual({ a: null, b: [1] });
  });
});

/** Explicit tags: go-yaml honours the core ones and fails on mismatches. */
const TAGGED: [string, unknown][] = [
  ['!!bool yes', true], ['!!bool "yes"', true], ['!!bool On', true], ['!!bool n', false], ['!!str true', 'true'], ['!!str 010', '010'],
  ['!!str ~', '~'], ['!!int "010"', 8], ['!!int 0x10', 16], ['!!int 1_000', 1000], ['!!float 1', 1], ['!!float "1e3"', 1000],
  ['!!null ~', null], ['!!null ""', null], ['!!null null', null], ['!!timestamp 2001-12-14', '2001-12-14'], ['!!binary aGk=', 'hi'],
  ['!<tag:yaml.org,2002:bool> on', true], ['!<tag:yaml.org,2002:str> yes', 'yes'], ['! yes', 'yes'], ['! 010', '010'], ['!foo 12', '12'],
  ['!foo yes', 'yes'], ['!!merge x', 'x'],
];
const TAG_ERRORS: [string, RegExp][] = [
  ['!!int yes', /cannot decode !!bool `yes` as a !!int/], ['!!int 1.5', /cannot decode !!float `1.5` as a !!int/],
  ['!!bool 1', /cannot decode !!int `1` as a !!bool/], ['!!null x', /as a !!null/], ['!!timestamp x', /timestamp/],
  ['!!float yes', /as a !!float/], ['!!binary "not base64!"', /invalid base64/], ['!!binary //79', /not UTF-8 text/],
];

describe('tags', () => {
  test.each(TAGGED)('%s', (text, expected) => {
    const r = parseManifests('t.yaml', doc(text));
    expect(r.errors).toEqual([]);
    expect(r.resources[0].body.data.v).toEqual(expected);
  });
  test.each(TAG_ERRORS)('%s is an input error', (text, message) => {
    const r = parseManifests('t.yaml', doc(text));
    expect(r.resources).toEqual([]);
    expect(r.errors[0].detail).toMatch(message);
  });
  test('%TAG can redefine !!: then !!bool is an unknown tag (but directives never reach go-yaml with their document)', () => {
    const r = parseManifests('t.yaml', '%TAG !! tag:example.com,2000:\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {hostPID: !!bool yes}\n');
    expect(r.errors[0]).toMatchObject({ line: 1 });
    expect(r.errors[0].detail).toMatch(/directive/);
  });
});

describe('map keys become JSON keys as sigs.k8s.io/yaml makes them', () => {
  const KEYS: [string, string][] = [
    ['yes', 'true'], ['on', 'true'], ['n', 'false'], ['1', '1'], ['010', '8'], ['0x10', '16'], ['1.5', '1.5'], ['1e3', '1000'], ['1.0', '1'],
    ['0.1', '0.1'], ['1e20', '1e+20'], ['3.14159265358979', '3.1415927'], ['.inf', '.inf'], ['-.inf', '-.inf'], ['.nan', '.nan'],
    ['-0.0', '-0'], ['"yes"', 'yes'], ['2001-12-14', '2001-12-14'], ['9007199254740993', '9007199254740993'], ['-9223372036854775808', '-9223372036854775808'],
  ];
  test.each(KEYS)('%s', (key, expected) => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: k}\ndata:\n  ${key}: value\n`;
    for (const r of [parseManifests('k.yaml', text), parseFull('k.yaml', text)]) {
      expect(r.errors).toEqual([]);
      expect(Object.keys(r.resources[0].body.data)).toEqual([expected]);
    }
  });
  test.each([['~', /null key/], ['null', /null key/], ['18446744073709551615', /unsigned 64-bit/], ['[a]', /invalid map key/], ['{a: 1}', /invalid map key/]])('%s is refused', (key, message) => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: k}\ndata:\n  ? ${key}\n  : value\n`;
    const r = parseManifests('k.yaml', text);
    expect(r.resources).toEqual([]);
    expect(r.errors[0].detail).toMatch(message);
  });
  test('formatFloat32g is Go strconv.FormatFloat(v, \'g\', -1, 32)', () => {
    expect([1e6, 123456, 1234567, 0.0001, 0.00001, 1.5, -2.25, 100, 1e21, 16777217].map(formatFloat32g))
      .toEqual(['1e+06', '123456', '1.234567e+06', '0.0001', '1e-05', '1.5', '-2.25', '100', '1e+21', '1.6777216e+07']);
  });
  test('jsonKeyOf identities: int 1 and float 1.0 are different Go keys with the same JSON key', () => {
    const a = jsonKeyOf(resolveScalar('1', true));
    const b = jsonKeyOf(resolveScalar('1.0', true));
    expect(a.key).toBe(b.key);
    expect(a.identity).not.toBe(b.identity);
  });
});

describe('timestamps (only decide !!timestamp: an untagged timestamp is a string either way)', () => {
  test.each([
    ['2001-12-14', true], ['2001-1-2', true], ['2001-12-14t21:59:43.10Z', true], ['2001-12-14T21:59:43+05:00', true], ['2001-12-14 21:59:43.10', true],
    ['2000-02-29', true], ['2001-02-29', false], ['2001-12-32', false], ['2001-12-14T25:00:00Z', false], ['2001-12-14T21:59:43', false],
    ['2001-12-14 21:59:43Z', false], ['20011-12-14', false], ['2001-12-14T21:59:43+25:00', false], ['01-12-14', false],
  ])('%s → %s', (s, ok) => {
    expect(isGoTimestamp(s)).toBe(ok);
  });
});
