#!/usr/bin/env node
// Completes package-lock.json with the platform-specific optional packages that the registry mirror
// of the build machine does not serve (it only carries linux builds). Without these entries `npm ci`
// refuses the lock file ("Missing: @unrs/resolver-binding-darwin-arm64@ from lock file").
//
// Each added entry records only what npm needs to skip the package on a non-matching platform:
// version, os, cpu (and libc), optional, dev. Run it after every `npm install` that rewrites the lock:
//   node scripts/complete-lockfile.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const LOCK = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(LOCK, 'utf8'));
const pkgs = lock.packages;

/** Infers os / cpu / libc from the conventional napi binding package name suffix. */
function platformOf(name) {
  const suffix = name.split('/').pop();
  const m = /-(android|darwin|freebsd|linux|openharmony|win32|wasm32)-?([a-z0-9]+)?(?:-(gnu|musl|gnueabihf|musleabihf|eabi|msvc|wasi))?$/.exec(suffix);
  if (!m) return undefined;
  const [, os, cpuRaw, abi] = m;
  if (os === 'wasm32') return { cpu: ['wasm32'] };
  const out = { os: [os], cpu: [cpuRaw] };
  if (abi === 'gnu' || abi === 'gnueabihf') out.libc = ['glibc'];
  if (abi === 'musl' || abi === 'musleabihf') out.libc = ['musl'];
  return out;
}

let added = 0;
for (const [path, entry] of Object.entries({ ...pkgs })) {
  if (!path || !entry.optionalDependencies) continue;
  const base = path.startsWith('node_modules/') ? '' : `${path}/`;
  for (const [dep, range] of Object.entries(entry.optionalDependencies)) {
    const nested = `${path}/node_modules/${dep}`;
    const hoisted = `${base}node_modules/${dep}`;
    if (pkgs[nested] || pkgs[hoisted] || pkgs[`node_modules/${dep}`]) continue;
    const platform = platformOf(dep);
    if (!platform || !/^\d+\.\d+\.\d+/.test(range)) {
      console.warn(`skip ${dep}@${range} (needed by ${path}): cannot infer platform or exact version`);
      continue;
    }
    pkgs[`node_modules/${dep}`] = {
      version: range,
      ...(platform.cpu ? { cpu: platform.cpu } : {}),
      dev: entry.dev === true ? true : undefined,
      ...(platform.libc ? { libc: platform.libc } : {}),
      optional: true,
      ...(platform.os ? { os: platform.os } : {}),
    };
    added++;
  }
}

// Keep the keys sorted the way npm writes them.
const root = pkgs[''];
const sorted = Object.fromEntries(
  [['', root], ...Object.entries(pkgs).filter(([k]) => k !== '').sort(([a], [b]) => a.localeCompare(b, 'en'))],
);
lock.packages = sorted;
writeFileSync(LOCK, JSON.stringify(lock, null, 2) + '\n');
console.log(`complete-lockfile: added ${added} platform-specific optional entries`);
