// Load CLI, step 1: command-line flags → options, with errors naming the flag.
import { SYNTHETIC_POISON_KINDS, parseSpikes, type RateSpike, type SyntheticPoisonKind } from '@streamlens/kinesis';
import { FlagError } from '../errors';

/** Options of a load run. */
export interface LoadOptions {
  readonly rate: number;
  readonly durationSec: number;
  readonly stream: string;
  readonly endpoint: string | undefined;
  readonly region: string | undefined;
  readonly seed: number;
  readonly poisonRates: Partial<Record<SyntheticPoisonKind, number>>;
  readonly spikes: readonly RateSpike[];
  readonly aggregation: boolean;
  readonly help: boolean;
}

/** Usage text of the load CLI. */
export const LOAD_USAGE = `Usage: load --stream NAME [options]
  --stream NAME         Kinesis stream to put the synthetic posts on (required)
  --rate N              records per second (default 1000)
  --duration S          seconds to run (default 60)
  --endpoint URL        Kinesis endpoint, e.g. http://127.0.0.1:4567 for kinesalite (default: AWS)
  --region R            AWS region (default: the SDK's, or us-east-1 with --endpoint)
  --seed N              seed of the synthetic stream (default 1)
  --poison-rate P       probability of each poison kind per record, 0..1 (default 0)
  --poison K=P,...      per-kind rates; kinds: ${SYNTHETIC_POISON_KINDS.join(', ')}
  --spikes A:D:F,...    multiply the rate by F for D seconds from second A
  --no-aggregation      put every post as its own Kinesis record
  --help                print this text`;

const VALUE_FLAGS = [
  'stream',
  'rate',
  'duration',
  'endpoint',
  'region',
  'seed',
  'poison-rate',
  'poison',
  'spikes',
] as const;
const SWITCHES = ['no-aggregation', 'help'] as const;

function num(flag: string, raw: string, min: number, max = Number.MAX_SAFE_INTEGER, integer = false): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw new FlagError(flag, `expected ${integer ? 'an integer' : 'a number'} in [${min}, ${max}], got "${raw}"`);
  }
  return n;
}

function poisonRates(flag: string, raw: string): Partial<Record<SyntheticPoisonKind, number>> {
  const rates: Partial<Record<SyntheticPoisonKind, number>> = {};
  for (const part of raw.split(',').filter((p) => p !== '')) {
    const [kind, value] = part.split('=');
    if (!(SYNTHETIC_POISON_KINDS as readonly string[]).includes(kind ?? '')) {
      throw new FlagError(flag, `unknown poison kind "${kind}"; kinds: ${SYNTHETIC_POISON_KINDS.join(', ')}`);
    }
    rates[kind as SyntheticPoisonKind] = num(flag, value ?? '', 0, 1);
  }
  return rates;
}

function readArgs(argv: readonly string[]): Map<string, string> {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) throw new FlagError(arg, 'unexpected argument; flags start with --');
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if ((SWITCHES as readonly string[]).includes(name)) {
      values.set(name, 'true');
    } else if ((VALUE_FLAGS as readonly string[]).includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || (inline === undefined && value.startsWith('--')))
        throw new FlagError(name, 'needs a value');
      values.set(name, value);
    } else {
      throw new FlagError(
        name,
        `is not a known flag (known: ${[...VALUE_FLAGS, ...SWITCHES].map((f) => `--${f}`).join(' ')})`,
      );
    }
  }
  return values;
}

/**
 * Parses the load CLI flags.
 *
 * @throws FlagError naming the flag.
 */
export function parseLoadFlags(argv: readonly string[]): LoadOptions {
  const v = readArgs(argv);
  const help = v.has('help');
  const stream = v.get('stream');
  if (!stream && !help) throw new FlagError('stream', 'is required: the Kinesis stream to put posts on');
  const endpoint = v.get('endpoint');
  if (endpoint !== undefined && !/^https?:\/\/[^\s/]+/.test(endpoint))
    throw new FlagError('endpoint', `expected an http(s) URL, got "${endpoint}"`);
  const every = v.has('poison-rate') ? num('poison-rate', v.get('poison-rate') as string, 0, 1) : 0;
  const rates: Partial<Record<SyntheticPoisonKind, number>> = {};
  if (every > 0) for (const k of SYNTHETIC_POISON_KINDS) rates[k] = every;
  Object.assign(rates, v.has('poison') ? poisonRates('poison', v.get('poison') as string) : {});
  const total = Object.values(rates).reduce((a, b) => a + b, 0);
  if (total > 1)
    throw new FlagError(v.has('poison') ? 'poison' : 'poison-rate', `poison rates add up to ${total}, more than 1`);
  let spikes: RateSpike[] = [];
  try {
    spikes = parseSpikes(v.get('spikes') ?? '');
  } catch (err) {
    throw new FlagError('spikes', (err as Error).message);
  }
  return {
    rate: v.has('rate') ? num('rate', v.get('rate') as string, 0.001) : 1000,
    durationSec: v.has('duration') ? num('duration', v.get('duration') as string, 0.001) : 60,
    stream: stream ?? '',
    endpoint,
    region: v.get('region') ?? (endpoint ? 'us-east-1' : undefined),
    seed: v.has('seed') ? num('seed', v.get('seed') as string, 0, 2 ** 32 - 1, true) : 1,
    poisonRates: rates,
    spikes,
    aggregation: !v.has('no-aggregation'),
    help,
  };
}
