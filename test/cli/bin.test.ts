import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');
const bin = path.join(root, 'bin', 'secure-constructs');

describe('the compiled `secure-constructs` bin (built by `npm test` / `npx projen compile`)', () => {
  test('is compiled', () => {
    expect(fs.existsSync(path.join(root, 'build', 'cli', 'main.js'))).toBe(true);
  });

  test('exit codes 0 / 1 / 2 from a real process', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-bin-'));
    try {
      const bad = path.join(dir, 'ns.yaml');
      fs.writeFileSync(bad, 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n');
      const r1 = spawnSync(process.execPath, [bin, 'check', bad, '--no-color'], { encoding: 'utf8' });
      expect(r1.stderr).toBe('');
      expect(r1.status).toBe(1);
      expect(r1.stdout).toContain('k8s-namespace-pod-security-admission');
      const r0 = spawnSync(process.execPath, [bin, 'check', bad, '--fail-on', 'never'], { encoding: 'utf8' });
      expect(r0.status).toBe(0);
      const broken = path.join(dir, 'broken.yaml');
      fs.writeFileSync(broken, 'kind: [\n');
      const r2 = spawnSync(process.execPath, [bin, 'check', broken], { encoding: 'utf8' });
      expect(r2.status).toBe(2);
      expect(r2.stderr).toContain('broken.yaml');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
