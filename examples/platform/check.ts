/**
 * `npm run example`: synthesize the example platform and check both planes in one run, printing one
 * report and writing every report format into examples/platform/reports/.
 */
import * as path from 'path';
import { run } from '../../lib/cli/main';
import { synthPlatform } from './synth';

const here = __dirname;
const rel = (p: string) => path.relative(process.cwd(), p) || '.';
const { cdkOut, dist } = synthPlatform(here);
const reports = path.join(here, 'reports');
const result = run([
  'check', rel(cdkOut), rel(dist),
  '--json', rel(path.join(reports, 'report.json')),
  '--sarif', rel(path.join(reports, 'results.sarif')),
  '--junit', rel(path.join(reports, 'junit.xml')),
  '--markdown', rel(path.join(reports, 'summary.md')),
  '--html', rel(path.join(reports, 'dashboard.html')),
  '--evidence', rel(path.join(reports, 'evidence')),
], !!process.stdout.isTTY);
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
console.log(`Reports written to ${rel(reports)}/ (report.json, results.sarif, junit.xml, summary.md, dashboard.html, evidence/)`);
process.exitCode = result.exitCode;
