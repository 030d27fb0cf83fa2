/**
 * docs/dashboard.png: a screenshot of the example platform's dashboard (run `npm run example` first).
 * Usage: tsx scripts/dashboard-screenshot.ts [dashboard.html] [out.png]; needs chromium (CHROMIUM_PATH or on the PATH).
 */
import * as path from 'path';
import { pathToFileURL } from 'url';
import { chromium } from 'playwright-core';
import { findChromium } from '../test/util/browser';

async function main(): Promise<void> {
  const root = path.join(__dirname, '..');
  const page = path.resolve(process.argv[2] ?? path.join(root, 'examples', 'platform', 'reports', 'dashboard.html'));
  const out = path.resolve(process.argv[3] ?? path.join(root, 'docs', 'dashboard.png'));
  const found = findChromium();
  if (!found.path) throw new Error(found.reason);
  const browser = await chromium.launch({ executablePath: found.path });
  try {
    const p = await browser.newPage({ viewport: { width: 1280, height: 2300 }, deviceScaleFactor: 1 });
    await p.goto(pathToFileURL(page).href);
    await p.waitForSelector('body[data-ready=true]');
    // show a framework's controls, one control opened, and the chart
    await p.click('#frameworks-table button[data-framework="NIST-800-53-R5"]');
    await p.locator('#controls-table details summary').first().click();
    await p.evaluate('window.scrollTo(0, 0)');
    await p.screenshot({ path: out, fullPage: false });
    process.stdout.write(`wrote ${path.relative(process.cwd(), out)}\n`);
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
