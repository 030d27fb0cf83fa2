import { cidrContains, isLabelKey, isPortName, parseCidr, parseGoDuration, parseQuantity } from '../../../lib/k8s/shared/validate';
import { parseImageRef } from '../../../lib/k8s/workload/image';

const D = `sha256:${'b'.repeat(64)}`;

test('quantities', () => {
  expect(parseQuantity('500m')).toBeCloseTo(0.5);
  expect(parseQuantity('1.5')).toBe(1.5);
  expect(parseQuantity('256Mi')).toBe(256 * 2 ** 20);
  expect(parseQuantity('1e3')).toBe(1000);
  expect(parseQuantity('1G')).toBe(1e9);
  for (const bad of ['', 'lots', '1 Gi', '1GB', 'Mi']) expect(parseQuantity(bad)).toBeUndefined();
});

test('Go durations', () => {
  expect(parseGoDuration('720h')).toBe(720 * 3600);
  expect(parseGoDuration('1h30m')).toBe(5400);
  for (const bad of ['', '30', '1d', 'h']) expect(parseGoDuration(bad)).toBeUndefined();
});

test('CIDRs', () => {
  expect(parseCidr('10.0.0.0/8')).toEqual({ family: 4, prefix: 8, network: 0x0a000000n });
  expect(parseCidr('2001:db8::/32')).toEqual({ family: 6, prefix: 32, network: 0x20010db8n << 96n });
  expect(parseCidr('::/0')).toEqual({ family: 6, prefix: 0, network: 0n });
  expect(parseCidr('::ffff:10.0.0.1/128')).toEqual({ family: 6, prefix: 128, network: 0xffff0a000001n });
  for (const bad of ['10.0.0.0', '10.0.0.256/8', '10.0.0.0/33', '1:2:3/64', '2001:db8:::/32', 'x/1']) expect(parseCidr(bad)).toBeUndefined();
  expect(cidrContains('10.0.0.0/8', '10.1.0.0/16')).toBe(true);
  expect(cidrContains('10.0.0.0/8', '11.0.0.0/16')).toBe(false);
  expect(cidrContains('2001:db8::/32', '2001:db8:1::/48')).toBe(true);
  expect(cidrContains('2001:db8::/32', '2001:db9::/48')).toBe(false);
  expect(cidrContains('10.0.0.0/8', '2001:db8::/48')).toBe(false);
});

test('names', () => {
  expect(isLabelKey('app.kubernetes.io/name')).toBe(true);
  expect(isLabelKey('bad key')).toBe(false);
  expect(isPortName('http')).toBe(true);
  expect(isPortName('8080')).toBe(false);
  expect(isPortName('a-very-long-port-name')).toBe(false);
});

test('image references', () => {
  expect(parseImageRef(`registry.example.com:5000/team/app:1.2.3@${D}`)).toEqual({ repository: 'registry.example.com:5000/team/app', tag: '1.2.3', digest: D });
  expect(parseImageRef(`app@${D}`)).toEqual({ repository: 'app', tag: undefined, digest: D });
  expect(parseImageRef('localhost:5000/app')).toEqual({ repository: 'localhost:5000/app', tag: undefined, digest: undefined });
  expect(parseImageRef('nginx:latest')).toEqual({ repository: 'nginx', tag: 'latest', digest: undefined });
  for (const bad of ['', ' nginx', 'Nginx:1', 'nginx@sha256:abc', 'nginx:1@md5:00', 'a//b:1']) expect(parseImageRef(bad)).toBeUndefined();
});
