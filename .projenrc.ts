import { awscdk, javascript } from 'projen';

// Versions are pinned on purpose (see DEVELOPERS.md / issue notes):
// - TypeScript ~6.0.3: TS 7 breaks ts-jest and jsii.
// - aws-cdk-lib >= 2.257 is required by cdk-nag v3 (Validations plugin API).
const CDK_VERSION = '2.276.0';
const CONSTRUCTS_VERSION = '10.5.1';
const CDK8S_VERSION = '2.70.106';
const CDK8S_PLUS_VERSION = '2.5.6';
const CDK_NAG_VERSION = '3.0.2';

const project = new awscdk.AwsCdkConstructLibrary({
  author: 'secure-constructs maintainers',
  authorAddress: 'maintainers@secure-constructs.dev',
  name: 'secure-constructs',
  description:
    'Secure-by-default AWS CDK and cdk8s constructs with one compliance rule model and one report for both planes.',
  repositoryUrl: 'https://github.com/secure-constructs/secure-constructs.git',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,

  cdkVersion: CDK_VERSION,
  constructsVersion: CONSTRUCTS_VERSION,
  jsiiVersion: '~6.0.16',
  typescriptVersion: '~6.0.3',

  // sources in lib/, compiled output in the git-ignored build/ folder
  srcdir: 'lib',
  libdir: 'build',
  entrypoint: 'build/index.js',
  testdir: 'test',

  peerDeps: [
    `cdk8s@^${CDK8S_VERSION}`,
    `cdk8s-plus-28@^${CDK8S_PLUS_VERSION}`,
    `cdk-nag@^${CDK_NAG_VERSION}`,
  ],
  // runtime dependencies that are not jsii modules must be bundled
  // yaml: exact errors, positions and alias limits (the Kubernetes loader's full path; its fast path is our own
  // reader, lib/compliance/loaders/block-yaml.ts)
  bundledDeps: ['yaml@2.9.1'],
  devDeps: [
    '@types/node@^20',
    // the benchmark's yardstick (a plain js-yaml parse of the same file), no longer used by the package
    'js-yaml@4.3.2',
    '@types/js-yaml@^4',
    'tsx@4.23.15',
    'fast-xml-parser@5',
    'ajv@8',
    'ajv-formats@3',
    '@cdklabs/cdk-validator-cfnguard@0.0.62',
    // schema validation of synthesized Kubernetes objects (4.x installs on Node 20)
    'kubernetes-models@4.5.1',
    '@kubernetes-models/istio@2.3.0',
    '@kubernetes-models/cert-manager@4.4.4',
    '@kubernetes-models/external-secrets@0.5.2',
    '@kubernetes-models/sealed-secrets@2.0.2',
    // the real cdk8s command, to prove the validation plugin end to end (test/compliance/cdk8s-cli.test.ts)
    'cdk8s-cli@2.207.60',
    // the HTML dashboard is rendered in a real headless browser in tests (Debian's chromium, see README)
    'playwright-core@1.65.1',
  ],

  // every file in bin/ is a command: bin/secure-constructs

  // Fast tests: ts-jest transpiles only (isolatedModules in test/tsconfig.json),
  // the whole tree is type-checked once by `tsc --noEmit` in the test task.
  jestOptions: {
    jestVersion: '^30',
    jestConfig: {
      collectCoverage: false,
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      setupFiles: ['<rootDir>/test/setup-env.ts'],
      // one temporary folder for the run (TMPDIR of every worker), removed at its end: npm test leaves nothing in /tmp
      globalSetup: '<rootDir>/test/global-tmp.ts',
      globalTeardown: '<rootDir>/test/global-tmp-teardown.ts',
      testTimeout: 120_000,
    },
  },
  // ts-jest transpiles only: test/tsconfig.json sets `isolatedModules: true`.

  eslint: true,
  github: false,
  release: false,
  // API.md is generated from the jsii assembly on every compile (projen's jsii-docgen)
  docgen: true,
  sampleCode: false,
  gitignore: ['/.snippets/', '/cdk.out/', 'examples/**/cdk.out/', 'examples/**/dist/', 'examples/**/reports/', '/bench-out/', '.tmp/'],
  // The tarball ships the docs the README and `--help` link to (docs/, RULES.md, API.md), and no development files.
  npmIgnoreOptions: {
    ignorePatterns: ['/examples/', '/bench/', '/bench-out/', '/.snippets/', '/scripts/', '/.ci/', '/tsconfig.check.json'],
  },
});

// House style on top of projen's eslint defaults (the rest of its rules apply as they are):
project.eslint?.addRules({
  // small objects stay on one line, as in aws-cdk; line length still bounds them
  '@stylistic/object-property-newline': 'off',
  // `if (x) return y;` on one line is allowed; a multi-line body needs braces
  'curly': ['error', 'multi-line', 'consistent'],
  // CIDR arithmetic (lib/core/cidr.ts) works on 32-bit words
  'no-bitwise': 'off',
  // lazy `require()` keeps optional peers (cdk-nag, cdk8s-plus) and import cycles off the load path
  '@typescript-eslint/no-require-imports': 'off',
});

// The API stays jsii-clean for every language: no silenced reserved-word warnings, and any jsii warning fails the build.
project.compileTask.reset('jsii --fail-on-warnings');

// One type-check of everything (lib, test, examples, bench) instead of per-file type-checking in ts-jest.
const typecheck = project.addTask('typecheck', { description: 'Type-check lib, tests, examples, benchmarks, scripts and the TypeScript examples in README.md and docs/' });
typecheck.exec('tsc --noEmit -p tsconfig.check.json');
typecheck.exec('tsx scripts/doc-snippets.ts');
typecheck.exec('tsc -p .snippets/tsconfig.json');

// `npm test`: jsii compile (the package and the `secure-constructs` bin must build), one type-check of
// everything, then jest (transpile-only). Unit tests turn aws-cdk-lib's built-in validator off
// (test/setup-env.ts); test/aws/builtin-validation.test.ts keeps it on.
const testTask = project.tasks.tryFind('test')!;
testTask.reset();
testTask.spawn(project.compileTask);
testTask.spawn(project.tasks.tryFind('post-compile')!); // API.md (jsii-docgen)
testTask.spawn(project.tasks.tryFind('typecheck')!);
testTask.spawn(project.tasks.tryFind('eslint')!);
testTask.exec('jest --passWithNoTests=false');

project.addTask('example', {
  description: 'Synthesize the example platform (CloudFormation + Kubernetes YAML) and check both planes',
  exec: 'tsx examples/platform/check.ts',
});

// the benchmarks measure the compiled package (build/), so they compile first
const bench = project.addTask('bench', {
  description: 'Benchmarks (compiled package): synth vs synth+checks (AWS), parse vs check (Kubernetes)',
});
bench.spawn(project.compileTask);
bench.exec('node --expose-gc --max-old-space-size=8192 node_modules/.bin/tsx bench/run.ts');

// Release hygiene: a CycloneDX SBOM next to the tarball (fails when a runtime dependency has an install script),
// and a script that proves two clean builds give a byte-identical tarball.
project.tasks.tryFind('package:js')!.exec('node scripts/sbom.mjs --tarball dist/js --out dist/js/secure-constructs.cdx.json');
project.addTask('reproducible', {
  description: 'Build the tarball twice from clean clones of HEAD and compare them byte for byte',
  exec: 'bash scripts/reproducible-pack.sh',
});

project.addTask('rules-doc', {
  description: 'Generate RULES.md from the rule metadata',
  exec: 'tsx scripts/rules-doc.ts',
});

// projen's default ignore list has a bare `logs` pattern, which would hide lib/aws/logs and its tests.
project.gitignore.removePatterns('logs');
project.gitignore.addPatterns('/logs/');

// The build machine's registry mirror serves only linux builds of napi packages, so `npm install` writes a
// lock file without the other platforms' optional bindings and `npm ci` then refuses it. This adds them back.
project.addTask('lockfile', {
  description: 'Add the platform-specific optional packages the registry mirror does not serve to package-lock.json',
  exec: 'node scripts/complete-lockfile.mjs',
});

project.synth();
