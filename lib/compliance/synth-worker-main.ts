/**
 * The worker thread of synth-worker.ts. While CDK writes the templates, it runs the rules on those already in the
 * output folder, a slice of resources at a time, and throws the results away: that compiles the checker's code (a
 * cold run costs about twice a warm one). When the check arrives it runs it, on the final templates, with the main
 * thread's function, and answers.
 *
 * The warm-up reads templates only through parseTemplate and templateResources, never through the cloud assembly
 * loader, whose per-folder caches (asset manifests) must be filled by the real check.
 */
import * as fs from 'fs';
import * as path from 'path';
import { MessagePort, parentPort, workerData } from 'worker_threads';
import { checkSynthTemplates } from './aws-checks';
import { runEngine } from './engine';
import { parseTemplate, templateResources } from './loaders/cloudformation';
import { Resource } from './model';
import { AWS_RULES, CROSS_RULES } from './rules';
import type { WorkerAnswer, WorkerJob } from './synth-worker';

/** Resources per warm-up step (a few milliseconds: the check waits at most one step). */
const SLICE = 48;
/** Each template is run at most this often, and all of them at most this many resources in all. */
const PASSES = 3;
const MAX_RESOURCES = 40_000;
/** Waiting for the first templates: poll this often, for at most this long. */
const POLL_MS = 20;
const MAX_WAIT_MS = 120_000;

function answer(port: MessagePort, shared: Int32Array, a: WorkerAnswer): void {
  port.postMessage(a);
  Atomics.store(shared, 0, 1);
  Atomics.notify(shared, 0);
}

/** Runs the rules on the templates of `outdir` until `stop()` says so or the budget is used up. */
function warmUp(outdir: string, stop: () => boolean): void {
  const rules = [...AWS_RULES, ...CROSS_RULES.filter((r) => r.platform === 'aws')];
  const runs = new Map<string, number>();
  let evaluated = 0;
  let waited = 0;
  let pending: Resource[] = [];
  const step = () => {
    if (stop() || evaluated >= MAX_RESOURCES) return;
    if (pending.length === 0) pending = nextTemplate();
    if (pending.length === 0) {
      if ((waited += POLL_MS) <= MAX_WAIT_MS) setTimeout(step, POLL_MS);
      return;
    }
    const slice = pending.splice(0, SLICE);
    try {
      runEngine(rules, slice, { recordEvaluations: false });
    } catch {
      // a warm-up result is thrown away, and so is a failure
    }
    evaluated += slice.length;
    setImmediate(step);
  };
  const nextTemplate = (): Resource[] => {
    let names: string[];
    try {
      names = fs.readdirSync(outdir).filter((n) => n.endsWith('.template.json'));
    } catch {
      return [];
    }
    // the least run template first: each once, then again
    names.sort((a, b) => (runs.get(a) ?? 0) - (runs.get(b) ?? 0));
    for (const name of names) {
      if ((runs.get(name) ?? 0) >= PASSES) continue;
      runs.set(name, (runs.get(name) ?? 0) + 1);
      try {
        const file = path.join(outdir, name);
        const { template, lines } = parseTemplate(file, fs.readFileSync(file, 'utf8'), { trusted: true });
        return templateResources(file, name.replace(/\.template\.json$/, ''), template, lines).resources;
      } catch {
        continue; // being written, or not ours to judge here
      }
    }
    return [];
  };
  setImmediate(step);
}

if (workerData?.secureConstructsSynthWorker && parentPort) {
  const port: MessagePort = workerData.port;
  const shared: Int32Array = workerData.shared;
  let job = false;
  // a synth that fails before CDK calls the plugin never sends the check: stop after a while
  const idle = setTimeout(() => process.exit(0), 30 * 60_000);
  idle.unref();
  parentPort.once('message', (check: WorkerJob) => {
    job = true;
    clearTimeout(idle);
    let a: WorkerAnswer;
    try {
      a = { report: checkSynthTemplates(check) };
    } catch (e) {
      a = { error: e instanceof Error ? e.message : String(e) };
    }
    answer(port, shared, a);
  });
  warmUp(workerData.outdir, () => job);
}
