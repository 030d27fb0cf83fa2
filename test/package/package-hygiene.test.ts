import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { EncryptionKey, Errors } from '../../lib';

const root = path.join(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

/** The files `npm pack` would put in the tarball (npm test compiles first, so build/ exists). */
function tarballFiles(): string[] {
  const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
  expect(r.status).toBe(0);
  return (JSON.parse(r.stdout)[0].files as { path: string }[]).map((f) => f.path);
}

/** Relative links to local files in a Markdown or text source, resolved from the package root. */
function localLinks(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const links = new Set<string>();
  for (const m of text.matchAll(/\]\(((?!https?:|#|mailto:)[^)#\s]+)/g)) links.add(path.normalize(path.join(path.dirname(file), m[1])));
  for (const m of text.matchAll(/\b(docs\/[\w.-]+\.(?:md|json))\b/g)) links.add(m[1]);
  return [...links];
}

describe('the npm tarball', () => {
  const files = tarballFiles();

  test('ships every document the README and the CLI help link to', () => {
    const linked = [...localLinks('README.md'), ...localLinks('lib/cli/args.ts')]
      .filter((l) => l.startsWith('docs/') || /^[A-Z]+\.md$/.test(l));
    expect(linked.length).toBeGreaterThan(3);
    expect(linked.filter((l) => !files.includes(l))).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(['README.md', 'RULES.md', 'API.md', 'LICENSE', 'bin/secure-constructs', 'build/index.js', 'build/index.d.ts']));
  });

  test('ships no development files and no TypeScript sources', () => {
    const dev = files.filter((f) => /^(\.snippets|scripts|\.ci|test|bench|examples|lib|\.projen)\//.test(f)
      || ['tsconfig.check.json', 'tsconfig.json', '.projenrc.ts', '.eslintrc.json'].includes(f)
      || (f.endsWith('.ts') && !f.endsWith('.d.ts')));
    expect(dev).toEqual([]);
  });

  test('names a real repository (not a placeholder)', () => {
    expect(pkg.repository.url).toMatch(/^https:\/\/github\.com\/[\w-]+\/[\w-]+\.git$/);
    expect(pkg.repository.url).not.toMatch(/example\.invalid|example\.com/);
  });
});

describe('the SBOM and the runtime dependencies', () => {
  test('runtime dependencies are all bundled, pinned and have no install scripts; the SBOM lists each with its hash', () => {
    const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'sbom.mjs')], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const bom = JSON.parse(r.stdout);
    expect(bom.bomFormat).toBe('CycloneDX');
    const shipped = bom.components.filter((c: any) => c.scope === 'required');
    const runtime = Object.keys(pkg.dependencies ?? {});
    expect(runtime.length).toBeGreaterThan(0);
    for (const dep of runtime) {
      expect(pkg.bundledDependencies).toContain(dep);
      expect(pkg.dependencies[dep]).toMatch(/^\d+\.\d+\.\d+$/);
      const c = shipped.find((x: any) => x.name === dep);
      expect(c?.version).toBe(pkg.dependencies[dep]);
      expect(c.hashes.map((h: any) => h.alg)).toContain('SHA-512');
    }
    // peers are declared, not shipped
    for (const peer of Object.keys(pkg.peerDependencies)) {
      expect(bom.components.find((c: any) => c.name === peer)?.scope).toBe('optional');
    }
    // deterministic: two runs give the same bytes
    const again = spawnSync(process.execPath, [path.join(root, 'scripts', 'sbom.mjs')], { cwd: root, encoding: 'utf8' });
    expect(again.stdout).toBe(r.stdout);
  });
});

describe('ValidationError can be caught by type', () => {
  test('Errors.isValidationError and validationErrorDetails recognize a construct props error', () => {
    const stack = new Stack(new App(), 'Data');
    let caught: unknown;
    try {
      new EncryptionKey(stack, 'Key', { rotationOptOutReason: 'HSM' });
    } catch (e) {
      caught = e;
    }
    expect(Errors.isValidationError(caught)).toBe(true);
    const details = Errors.validationErrorDetails(caught)!;
    expect(details.constructPath).toBe('Data/Key');
    expect(details.problems.map((p) => p.property)).toEqual(['rotationOptOutReason']);
    expect(Errors.isValidationError(new Error('other'))).toBe(false);
    expect(Errors.isValidationError(undefined)).toBe(false);
    expect(Errors.validationErrorDetails(new TypeError('x'))).toBeUndefined();
  });
});

describe('API.md', () => {
  test('documents every type of the jsii assembly (npm test regenerates it after compiling)', () => {
    const assembly = JSON.parse(fs.readFileSync(path.join(root, '.jsii'), 'utf8'));
    const api = fs.readFileSync(path.join(root, 'API.md'), 'utf8');
    const names = Object.values(assembly.types as Record<string, { name: string }>).map((t) => t.name);
    expect(names.length).toBeGreaterThan(50);
    expect(names.filter((n) => !api.includes(`id="secure-constructs.${n}"`))).toEqual([]);
  });
});
