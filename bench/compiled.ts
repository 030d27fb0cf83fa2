/**
 * The benchmarks measure the compiled package (build/, what `require('secure-constructs')` and the
 * `secure-constructs` bin run), not the TypeScript sources transpiled on the fly by tsx (which adds helpers to
 * every function). `npm run bench` compiles first.
 */
import * as fs from 'fs';
import * as path from 'path';

const BUILD = path.join(__dirname, '..', 'build');

/** A module of the compiled package, e.g. `compiled<typeof import('../lib/compliance/check')>('compliance/check')`. */
export function compiled<T>(module: string): T {
  const file = path.join(BUILD, `${module}.js`);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npx projen compile\` first (npm run bench does)`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(file) as T;
}
