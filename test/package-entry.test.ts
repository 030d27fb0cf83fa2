import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

// What a consumer gets from `require('secure-constructs')`: package.json's main and types must point at the
// compiled output (npm test compiles before jest runs), not at the TypeScript sources in lib/.
describe('package entry point', () => {
  test('main and types point into the compiled build/ folder and exist', () => {
    expect(pkg.main).toBe('build/index.js');
    expect(pkg.types).toBe('build/index.d.ts');
    expect(fs.existsSync(path.join(root, pkg.main))).toBe(true);
    expect(fs.existsSync(path.join(root, pkg.types))).toBe(true);
  });

  test('a separate Node process can require the package by its folder and gets the public API', () => {
    const script = `const sc = require(${JSON.stringify(root)});
      const names = ['EncryptionKey', 'SecretsStore', 'LeastPrivilegeRole', 'SecureBucket', 'SecureLogGroup', 'SecureVpc',
        'MtlsHttpsService', 'SecureRestApi', 'AuditBaseline', 'SecureNamespace', 'HardenedDeployment',
        'WorkloadIdentity', 'SecureConstructsValidation', 'Suppressions'];
      const missing = names.filter((n) => typeof sc[n] !== 'function');
      process.stdout.write(JSON.stringify(missing));`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, CDK_VALIDATION: 'false' } });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual([]);
  });
});
