#!/usr/bin/env node
// CycloneDX 1.5 SBOM of what a consumer of the npm tarball gets: the package itself, the runtime dependencies it
// bundles (with the integrity hashes package-lock.json pinned) and the peer dependencies it expects.
// Deterministic (no timestamp, no random serial number), so two clean builds give the same file.
// Also fails when a runtime dependency has an install script (the library must not run code at install).
//
// usage: node scripts/sbom.mjs [--tarball dist/js/x.tgz | dist/js] [--out FILE]
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const root = process.cwd();
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall', 'prepare'];

const purl = (name, version) => `pkg:npm/${name.startsWith('@') ? '%40' + name.slice(1) : name}@${version}`;
const hashesOf = (integrity) => (integrity ?? '').split(/\s+/).filter(Boolean).map((i) => {
  const [alg, b64] = i.split('-');
  return { alg: alg.replace('sha', 'SHA-'), content: Buffer.from(b64, 'base64').toString('hex') };
});

// the production closure, resolved the way npm resolves it from the lock file
function resolve(name, fromPath) {
  let dir = fromPath;
  for (;;) {
    const key = `${dir ? dir + '/' : ''}node_modules/${name}`;
    if (lock.packages[key]) return key;
    if (!dir) return undefined;
    const i = dir.lastIndexOf('/node_modules/');
    dir = i >= 0 ? dir.slice(0, i) : '';
  }
}
const components = new Map();
const problems = [];
const dependencies = [];
function visit(name, from) {
  const key = resolve(name, from);
  if (!key) { problems.push(`runtime dependency ${name} is not in package-lock.json`); return undefined; }
  const entry = lock.packages[key];
  const ref = purl(name, entry.version);
  if (components.has(ref)) return ref;
  const manifest = JSON.parse(readFileSync(join(root, key, 'package.json'), 'utf8'));
  for (const s of INSTALL_SCRIPTS) if (manifest.scripts?.[s]) problems.push(`runtime dependency ${name}@${entry.version} has an install script (${s})`);
  if (entry.hasInstallScript) problems.push(`runtime dependency ${name}@${entry.version} has an install script`);
  const license = typeof manifest.license === 'string' ? manifest.license : undefined;
  components.set(ref, {
    'type': 'library', 'bom-ref': ref, 'name': name, 'version': entry.version, 'scope': 'required', 'purl': ref,
    'hashes': hashesOf(entry.integrity), ...(license ? { licenses: [{ license: { id: license } }] } : {}),
    'properties': [{ name: 'npm:bundled', value: String((pkg.bundledDependencies ?? []).includes(name)) }],
  });
  const deps = [];
  for (const d of Object.keys(entry.dependencies ?? {})) { const r = visit(d, key); if (r) deps.push(r); }
  dependencies.push({ ref, dependsOn: deps.sort() });
  return ref;
}
const self = purl(pkg.name, pkg.version);
const direct = Object.keys(pkg.dependencies ?? {}).map((d) => visit(d, '')).filter(Boolean);
const peers = Object.entries(pkg.peerDependencies ?? {}).map(([name, range]) => ({
  'type': 'library', 'bom-ref': `${purl(name, range)}#peer`, 'name': name, 'version': range, 'scope': 'optional',
  'properties': [{ name: 'npm:peer', value: 'true' }, { name: 'cdx:description', value: 'peer dependency: installed by the consumer, not shipped' }],
}));

let tarball = opt('--tarball');
if (tarball && statSync(tarball).isDirectory()) {
  const tgz = readdirSync(tarball).filter((f) => f.endsWith('.tgz'));
  if (tgz.length !== 1) { console.error(`sbom: expected one .tgz in ${tarball}, found ${tgz.length}`); process.exit(1); }
  tarball = join(tarball, tgz[0]);
}
const bom = {
  bomFormat: 'CycloneDX',
  specVersion: '1.5',
  version: 1,
  metadata: {
    tools: { components: [{ type: 'application', name: 'secure-constructs scripts/sbom.mjs' }] },
    component: {
      'type': 'library', 'bom-ref': self, 'name': pkg.name, 'version': pkg.version, 'purl': self,
      'licenses': [{ license: { id: pkg.license } }],
      'externalReferences': [{ type: 'vcs', url: pkg.repository?.url ?? '' }],
      ...(tarball ? { hashes: [{ alg: 'SHA-256', content: createHash('sha256').update(readFileSync(tarball)).digest('hex') }] } : {}),
    },
  },
  components: [...[...components.values()].sort((a, b) => a['bom-ref'].localeCompare(b['bom-ref'])), ...peers],
  dependencies: [{ ref: self, dependsOn: [...direct, ...peers.map((p) => p['bom-ref'])].sort() }, ...dependencies.sort((a, b) => a.ref.localeCompare(b.ref))],
};
if (problems.length > 0) {
  for (const p of problems) console.error(`sbom: ${p}`);
  process.exit(1);
}
const text = JSON.stringify(bom, null, 2) + '\n';
const out = opt('--out');
if (out) writeFileSync(out, text); else process.stdout.write(text);
