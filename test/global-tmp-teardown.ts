import * as fs from 'fs';

/** Removes the run's temporary folder (see test/global-tmp.ts). */
export default function globalTeardown(): void {
  const dir = process.env.SC_TEST_RUN_TMP;
  if (!dir) return;
  process.env.TMPDIR = process.env.SC_TEST_ORIGINAL_TMPDIR || undefined;
  fs.rmSync(dir, { recursive: true, force: true });
}
