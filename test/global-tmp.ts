// One temporary folder for the whole `npm test` run, removed at the end (test/global-tmp-teardown.ts).
// Set as TMPDIR before jest starts its workers, so everything they write to os.tmpdir() lands in it: aws-cdk-lib's
// App and cdk8s's Testing.app (cdk.out / cdk8s.outdir folders), every fs.mkdtempSync of a test, and the child
// processes tests spawn. (Setting it from inside a test file would not do: jest gives each file a copy of
// process.env, while os.tmpdir() reads the real one.)
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export default function globalSetup(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-test-run-'));
  process.env.SC_TEST_RUN_TMP = dir;
  process.env.SC_TEST_ORIGINAL_TMPDIR = process.env.TMPDIR ?? '';
  process.env.TMPDIR = dir;
}
