/**
 * A real headless browser for tests (playwright-core driving Debian's chromium). No browser is downloaded: the
 * executable is CHROMIUM_PATH, or chromium / chromium-browser / google-chrome on the PATH. Install it with
 * `apt-get install -y chromium` (.ci/run does when it runs as root).
 */
import * as fs from 'fs';
import * as path from 'path';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** The browser executable, or undefined (with the reason) when there is none. */
export function findChromium(): { path?: string; reason?: string } {
  const env = process.env.CHROMIUM_PATH;
  if (env) return fs.existsSync(env) ? { path: env } : { reason: `CHROMIUM_PATH=${env} does not exist` };
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const n of NAMES) {
      const p = path.join(dir, n);
      try {
        fs.accessSync(p, fs.constants.X_OK);
        return { path: p };
      } catch {
        // next
      }
    }
  }
  return { reason: `no ${NAMES.join(' / ')} on the PATH and no CHROMIUM_PATH (install it: apt-get install -y chromium)` };
}

/**
 * `describe` when a browser is available, otherwise `describe.skip` after a loud warning naming why: the only
 * test that may skip, and it says so in the output.
 */
export function describeWithBrowser(name: string, fn: (executablePath: string) => void): void {
  const found = findChromium();
  if (!found.path) {
    // eslint-disable-next-line no-console
    console.warn(`SKIPPED "${name}": ${found.reason}`);
    // Skip reason: no chromium on this machine (not installed and not root, so .ci/run could not install it); a
    // browser test cannot run without a browser. Only this suite skips, and the warning above names why.
    describe.skip(name, () => fn(''));
    return;
  }
  describe(name, () => fn(found.path!));
}
