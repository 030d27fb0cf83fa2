/**
 * The second core for `AwsCompliance.enable`: a worker thread started when synthesis begins (CDK runs the app's
 * validations, then writes the templates), which runs our checks on the templates as CDK writes them (results thrown
 * away: this only compiles the checker's code), then runs the one real check when CDK calls the plugin, on the final
 * templates, with the same function the main thread would run (checkSynthTemplates). The main thread waits for it.
 *
 * Why: the check's cost at synth is mostly running cold code (a fresh process runs the rules once); the worker has
 * compiled it by then. Splitting the check between the two threads was measured slower on two cores: each thread
 * compiles the code again, and V8's background compilers and garbage collector already use the second core.
 *
 * A worker that fails, or does not answer, changes nothing: the main thread then runs the check itself.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MessageChannel, MessagePort, Worker, receiveMessageOnPort } from 'worker_threads';
import type { PolicyValidationPluginReport } from 'aws-cdk-lib';
import type { SynthCheck } from './aws-checks';

/** Below this many CfnResources in the app, the main thread checks (the check takes a few milliseconds). */
export const WORKER_MIN_RESOURCES = 1500;
/** How long the main thread waits for the worker's answer before running the check itself. */
const WAIT_MS = 300_000;

/** What the worker answers: the plugin's report, or why it has none. */
export type WorkerAnswer = { readonly report: PolicyValidationPluginReport } | { readonly error: string };

/** The check as the worker receives it (the policy without custom rules: the worker is used only when there are none). */
export type WorkerJob = SynthCheck;

/** `off`: never start the worker; `force`: start it whatever the app's size (tests); `auto`: large apps on 2+ cores. */
export type WorkerMode = 'off' | 'force' | 'auto';

/** The worker mode: `SECURE_CONSTRUCTS_SYNTH_WORKER=off|force`, else `auto`. */
export function workerMode(): WorkerMode {
  const v = process.env.SECURE_CONSTRUCTS_SYNTH_WORKER;
  return v === 'off' || v === 'force' ? v : 'auto';
}

/** What happened to the last check handed to a worker (tests). */
export interface WorkerRunStats {
  readonly by: 'worker' | 'main thread';
  /** Why the main thread ran it, if it did. */
  readonly reason?: string;
}
let lastStats: WorkerRunStats | undefined;

/** What happened to the last check handed to a worker (tests). */
export function lastWorkerRun(): WorkerRunStats | undefined {
  return lastStats;
}

/** The worker's script: the compiled one, or (tests run the TypeScript sources) the source through tsx. */
function workerScript(): { script: string; eval: boolean } {
  const js = path.join(__dirname, 'synth-worker-main.js');
  if (fs.existsSync(js)) return { script: js, eval: false };
  const ts = path.join(__dirname, 'synth-worker-main.ts');
  return { script: `require('tsx/cjs'); require(${JSON.stringify(ts)});`, eval: true };
}

/** One worker thread for one synth: started at the app's validation, used by the plugin's validate(), then stopped. */
export class SynthWorker {
  /**
   * Starts a worker for a synth into `outdir` when the mode and the machine allow it and the app is large enough
   * (`cfnResources`). It never keeps the process alive.
   */
  public static start(outdir: string, cfnResources: number, mode: WorkerMode = workerMode()): SynthWorker | undefined {
    if (mode === 'off') return undefined;
    if (mode === 'auto' && (cfnResources < WORKER_MIN_RESOURCES || os.availableParallelism() < 2)) return undefined;
    try {
      return new SynthWorker(outdir);
    } catch {
      return undefined; // no worker: the main thread checks, as it always can
    }
  }

  private readonly worker: Worker;
  private readonly port: MessagePort;
  /** [0]: 1 once the worker has answered. */
  private readonly shared = new Int32Array(new SharedArrayBuffer(4));
  private closed = false;

  private constructor(outdir: string) {
    const { port1, port2 } = new MessageChannel();
    const { script, eval: isEval } = workerScript();
    this.worker = new Worker(script, {
      eval: isEval,
      execArgv: [], // not the parent's loaders (tsx...): the worker runs plain compiled code
      workerData: { secureConstructsSynthWorker: true, outdir: path.resolve(outdir), port: port2, shared: this.shared },
      transferList: [port2],
    });
    this.worker.unref();
    // a worker that cannot start never answers: the main thread checks
    this.worker.on('error', () => undefined);
    this.port = port1;
  }

  /** Runs the check in the worker and returns its report, or undefined if the worker has none (then the caller checks). */
  public check(check: SynthCheck): PolicyValidationPluginReport | undefined {
    if (this.closed || check.policy.rules.length > 0) {
      lastStats = { by: 'main thread', reason: this.closed ? 'the worker was stopped' : 'custom rules' };
      return undefined;
    }
    this.worker.postMessage({ ...check, policy: { ...check.policy, rules: [] } } satisfies WorkerJob);
    const answer = this.answer();
    if (answer && 'report' in answer) {
      lastStats = { by: 'worker' };
      return answer.report;
    }
    lastStats = { by: 'main thread', reason: answer ? answer.error : 'no answer' };
    return undefined;
  }

  /** The worker's answer, waited for, or undefined if it does not come. */
  private answer(): WorkerAnswer | undefined {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const m = receiveMessageOnPort(this.port);
      if (m) return m.message as WorkerAnswer;
      const left = deadline - Date.now();
      if (left <= 0) return undefined;
      Atomics.wait(this.shared, 0, 0, Math.min(left, 1000));
    }
  }

  /** Stops the worker (idempotent). */
  public close(): void {
    if (this.closed) return;
    this.closed = true;
    this.port.close();
    void this.worker.terminate().catch(() => undefined);
  }
}
