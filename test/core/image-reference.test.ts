import { parseImage, pinnedByDigest } from '../../lib/compliance/rules/k8s/workload/image';
import { canonicalName, digestProblem, isPinnedDigest, parseImageReference } from '../../lib/core/image-reference';
import { parseImageRef } from '../../lib/k8s/workload/image';

const S256 = 'sha256:' + 'a'.repeat(64);
const S512 = 'sha512:' + '0123456789abcdef'.repeat(8);

describe('digest grammar (OCI registered algorithms, exact length, lowercase hex)', () => {
  test.each([S256, S512])('pinned: %s', (d) => {
    expect(isPinnedDigest(d)).toBe(true);
    expect(digestProblem(d)).toBeUndefined();
  });
  test.each([
    ['63 hex digits', 'sha256:' + 'a'.repeat(63), /63 characters/],
    ['65 hex digits', 'sha256:' + 'a'.repeat(65), /65 characters/],
    ['uppercase hex', 'sha256:' + 'A'.repeat(64), /uppercase/],
    ['short sha512', 'sha512:' + 'a'.repeat(64), /64 characters, not 128/],
    ['sha512 length under sha256', 'sha256:' + 'a'.repeat(128), /128 characters/],
    ['unknown algorithm', 'sha384:' + 'a'.repeat(96), /not a registered/],
    ['md5', 'md5:' + 'a'.repeat(32), /not a registered/],
    ['no algorithm', 'a'.repeat(64), /not a digest/],
    ['not hex', 'sha256:' + 'g'.repeat(64), /64 characters|not/],
    ['empty', '', /not a digest/],
  ])('not pinned: %s', (_what, d, why) => {
    expect(isPinnedDigest(d)).toBe(false);
    expect(digestProblem(d)).toMatch(why);
  });
});

describe('parseImageReference', () => {
  test('registry, path, tag and digest', () => {
    const r = parseImageReference(`registry.example.com:5000/team/app:1.2.3@${S256}`);
    expect(r).toMatchObject({ registry: 'registry.example.com:5000', path: 'team/app', repository: 'registry.example.com:5000/team/app', tag: '1.2.3', digest: S256, pinned: true });
    expect(r.problem).toBeUndefined();
    expect(parseImageReference('nginx')).toMatchObject({ registry: undefined, path: 'nginx', tag: undefined, digest: undefined, pinned: false, problem: undefined });
    expect(parseImageReference('localhost/app:1')).toMatchObject({ registry: 'localhost', path: 'app', tag: '1' });
    expect(parseImageReference('team/app:1')).toMatchObject({ registry: undefined, path: 'team/app' });
    expect(parseImageReference('[::1]:5000/app')).toMatchObject({ registry: '[::1]:5000', path: 'app', problem: undefined });
  });
  test('a malformed digest is kept, reported, and does not pin', () => {
    const r = parseImageReference('nginx:1.25@sha256:' + 'a'.repeat(63));
    expect(r).toMatchObject({ tag: '1.25', pinned: false });
    expect(r.problem).toMatch(/63 characters/);
  });
  test.each(['Nginx:1', 'a//b:1', 'nginx:', 'nginx@', 'app:-x', 'reg.example.com/UPPER'])('invalid: %s', (bad) => {
    expect(parseImageReference(bad).problem).toBeDefined();
  });
  test('Docker Hub normalization', () => {
    expect(canonicalName(parseImageReference('nginx'))).toEqual({ registry: 'docker.io', path: 'library/nginx' });
    expect(canonicalName(parseImageReference('bitnami/redis:7'))).toEqual({ registry: 'docker.io', path: 'bitnami/redis' });
    expect(canonicalName(parseImageReference('index.docker.io/nginx'))).toEqual({ registry: 'docker.io', path: 'library/nginx' });
    expect(canonicalName(parseImageReference('GHCR.io/acme/app'))).toEqual({ registry: 'ghcr.io', path: 'acme/app' });
  });
});

describe('the constructs and the rules agree (one parser)', () => {
  const cases = [S256, S512, 'sha256:' + 'a'.repeat(63), 'sha256:' + 'A'.repeat(64), 'sha512:' + 'a'.repeat(64), 'blake3:' + 'a'.repeat(64)];
  test.each(cases)('%s', (d) => {
    const image = `registry.example.com/app:1@${d}`;
    const rulePinned = pinnedByDigest(parseImage(image));
    const constructAccepts = parseImageRef(image) !== undefined;
    expect(rulePinned).toBe(constructAccepts);
    expect(rulePinned).toBe(d === S256 || d === S512);
  });
});
