// Cold-start benchmark, measuring half: a fresh Node process loads a bundle with the function's
// environment and reports when its handler is ready, measured from the process's own start.
import { execFile } from 'node:child_process';

/** One cold init of a bundle, as the process saw it. */
export interface InitSample {
  /** Process start → first line of the probe (Node's own bootstrap). */
  readonly bootMs: number;
  /** Process start → handler exported and module scope run (the cold-start figure). */
  readonly readyMs: number;
  /** CPU time of the main thread until ready (/proc/self/schedstat): the wall time on an idle core. */
  readonly mainThreadCpuMs: number;
  /** Time the main thread waited for a core until ready: what a busy machine adds. */
  readonly runQueueWaitMs: number;
}

// Node's performance.now() counts from the process's start, so readyMs includes the runtime's
// bootstrap as Lambda's init duration does. schedstat fields: run time ns, wait time ns, slices.
const PROBE_SOURCE = String.raw`
const fs = require('node:fs');
const bootMs = performance.now();
const mod = require(process.argv[1]);
if (typeof (mod && mod.handler) !== 'function') throw new Error(process.argv[1] + ' exports no handler');
// A module whose set-up is asynchronous exports it as 'ready' (the client references do).
Promise.resolve(mod.ready).then(() => {
  const readyMs = performance.now();
  let run = NaN, wait = NaN;
  try { [run, wait] = fs.readFileSync('/proc/self/schedstat', 'utf8').trim().split(' ').map(Number); } catch {}
  process.stdout.write(JSON.stringify({ bootMs, readyMs, mainThreadCpuMs: run / 1e6, runQueueWaitMs: wait / 1e6 }));
  process.exit(0);
});
`;

/** What to start: which Node, which bundle, with which environment. */
export interface ProbeTarget {
  readonly nodePath: string;
  readonly bundlePath: string;
  readonly env: Readonly<Record<string, string>>;
}

/**
 * Starts a fresh Node process that requires the bundle and reports its init figures.
 *
 * @example
 * ```ts
 * const s = await probeInit({ nodePath, bundlePath: 'dist/apps/consumer/main.cjs', env });
 * console.log(s.readyMs);
 * ```
 */
export function probeInit(target: ProbeTarget): Promise<InitSample> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      target.nodePath,
      ['-e', PROBE_SOURCE, target.bundlePath],
      { env: { ...target.env }, timeout: 60_000, maxBuffer: 1 << 20 },
      (err, stdout, stderr) => {
        if (err) {
          reject(new Error(`init probe of ${target.bundlePath} failed: ${err.message}\n${stderr}`));
          return;
        }
        try {
          resolvePromise(JSON.parse(stdout) as InitSample);
        } catch {
          reject(new Error(`init probe of ${target.bundlePath} printed no figures: ${stdout}\n${stderr}`));
        }
      },
    );
  });
}

/** Median, 90th percentile and spread of a list of numbers. */
export interface Distribution {
  readonly median: number;
  readonly p90: number;
  readonly min: number;
  readonly max: number;
}

/**
 * Summary of samples (nearest-rank percentiles, rounded to 0.1 ms).
 *
 * @example
 * ```ts
 * distribution([3, 1, 2]).median; // 2
 * ```
 */
export function distribution(values: readonly number[]): Distribution {
  const s = [...values].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] as number;
  const r = (n: number) => Math.round(n * 10) / 10;
  return { median: r(at(0.5)), p90: r(at(0.9)), min: r(s[0] as number), max: r(s[s.length - 1] as number) };
}
