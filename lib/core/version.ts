import * as fs from 'fs';
import * as path from 'path';

/** The version in our package.json (lib/ or build/ is one level below it). */
export function packageVersion(): string {
  for (const p of [path.join(__dirname, '..', '..', 'package.json'), path.join(__dirname, '..', '..', '..', 'package.json')]) {
    try {
      const pkg = JSON.parse(fs.readFileSync(p, 'utf8'));
      if (pkg.name === 'secure-constructs') return pkg.version;
    } catch {
      // try the next
    }
  }
  return '0.0.0';
}
