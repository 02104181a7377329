// e2e benchmark flags → validated options. Pure: a bad value names the flag and what is allowed.

/** Options of one e2e benchmark run. */
export interface E2eBenchOptions {
  readonly quick: boolean;
  /** Offered posts per second of each step, increasing. */
  readonly steps: readonly number[];
  /** Seconds each step offers load. */
  readonly seconds: number;
  /** Seconds each emulator ceiling measurement runs. */
  readonly ceilingSeconds: number;
  readonly shards: number;
  /** Stop escalating once a step stores less than this share of its offered rate. */
  readonly giveUpBelow: number;
  /**
   * Rounds of the enhanced fan-out A/B (0: off): shared read limits against the consumer on a
   * consumer (read budget) of its own, arms alternated; no ceilings, results in
   * bench-results/e2e-fan-out-ab.json.
   */
  readonly fanOutAbRounds: number;
  /**
   * Rounds of the batching A/B (0: off): the stack file's batching settings against the ones it
   * had before issue #21 (consumer batches of 500 Kinesis records); bench-results/e2e-batching-ab.json.
   */
  readonly batchingAbRounds: number;
  readonly help: boolean;
}

/** Usage text of the benchmark. */
export const E2E_USAGE = `usage: npm run bench -- e2e [flags]

  --quick               10 s steps at 500, 1000, 2000 posts/s; 5 s ceilings
  --steps LIST          offered posts/s per step, e.g. 1000,2000,5000,10000 (default)
  --seconds S           seconds per step (default 60)
  --ceiling-seconds S   seconds per emulator ceiling measurement (default 10)
  --shards N            stream shards (default 4)
  --fan-out-ab N        A/B in N alternated rounds: shared read limits vs the consumer on enhanced
                        fan-out (its own read budget); writes bench-results/e2e-fan-out-ab.json
  --batching-ab N       A/B in N alternated rounds: the stack file's batching settings vs the previous
                        ones (batches of 500/1000 records); writes bench-results/e2e-batching-ab.json
  --help                this text`;

/** Raised for a bad flag; the message names the flag, the value and what is allowed. */
export class BenchUsageError extends Error {
  constructor(flag: string, value: string | undefined, reason: string) {
    super(`${flag}${value === undefined ? '' : ` "${value}"`}: ${reason}`);
    this.name = 'BenchUsageError';
  }
}

function positive(flag: string, raw: string | undefined, max: number, integer: boolean): number {
  const n = Number(raw);
  if (
    raw === undefined ||
    raw.trim() === '' ||
    !Number.isFinite(n) ||
    n <= 0 ||
    n > max ||
    (integer && !Number.isInteger(n))
  ) {
    throw new BenchUsageError(flag, raw, `must be a ${integer ? 'whole ' : ''}number in (0, ${max}]`);
  }
  return n;
}

function parseSteps(raw: string | undefined): number[] {
  if (raw === undefined || raw.startsWith('--'))
    throw new BenchUsageError('--steps', raw, 'needs a list like 1000,2000,5000');
  const steps = raw.split(',').map((s) => positive('--steps', s, 100_000, true));
  if (steps.some((s, i) => i > 0 && s <= (steps[i - 1] as number)))
    throw new BenchUsageError('--steps', raw, 'rates must increase');
  return steps;
}

/**
 * Parses the benchmark's flags; `--quick` sets short defaults that explicit flags still override.
 *
 * @example
 * ```ts
 * parseBenchArgs(['--quick']).steps; // [500, 1000, 2000]
 * ```
 */
export function parseBenchArgs(argv: readonly string[]): E2eBenchOptions {
  const quick = argv.includes('--quick');
  let steps: number[] = quick ? [500, 1000, 2000] : [1000, 2000, 5000, 10000];
  let seconds = quick ? 10 : 60;
  let ceilingSeconds = quick ? 5 : 10;
  let shards = 4;
  let fanOutAbRounds = 0;
  let batchingAbRounds = 0;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const take = () => inline ?? argv[++i];
    if (name === '--quick') continue;
    else if (name === '--steps') steps = parseSteps(take());
    else if (name === '--seconds') seconds = positive('--seconds', take(), 3600, false);
    else if (name === '--ceiling-seconds') ceilingSeconds = positive('--ceiling-seconds', take(), 600, false);
    else if (name === '--shards') shards = positive('--shards', take(), 64, true);
    else if (name === '--fan-out-ab') fanOutAbRounds = positive('--fan-out-ab', take(), 9, true);
    else if (name === '--batching-ab') batchingAbRounds = positive('--batching-ab', take(), 9, true);
    else if (name === '--help' || name === '-h') help = true;
    else throw new BenchUsageError(arg, undefined, 'is not a flag of the e2e benchmark (see --help)');
  }
  return { quick, steps, seconds, ceilingSeconds, shards, giveUpBelow: 0.5, fanOutAbRounds, batchingAbRounds, help };
}
