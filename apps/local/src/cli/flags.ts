// `npm start` flags → validated run options. Pure: every invalid value is a UsageError naming
// the flag, so a typo never starts a half-configured stack.
import { UsageError } from './errors';

/** Ports of the local stack; 0 picks a free one. */
export interface LocalPorts {
  readonly kinesis: number;
  readonly dynamodb: number;
  readonly report: number;
}

/** The DynamoDB emulators `--dynamodb` can start. */
export const DYNAMODB_EMULATORS = ['dynalite', 'dynamodb-local'] as const;

/** dynalite (Node, the default) or AWS's DynamoDB Local (Java). */
export type DynamoDbEmulator = (typeof DYNAMODB_EMULATORS)[number];

/** Options of one local-stack run. */
export interface LocalStackFlags {
  readonly stack: string;
  /** Synthetic posts per second offered by the built-in load. */
  readonly rate: number;
  /** Seconds to run before draining and exiting; undefined = until Ctrl-C. */
  readonly durationSec: number | undefined;
  /** How long the drain at the end waits for the mappings to catch up, in seconds. */
  readonly drainTimeoutSec: number;
  /** Overrides the stack config's shard count. */
  readonly shards: number | undefined;
  /** Persist emulators and checkpoints here; in memory when undefined. */
  readonly dataDir: string | undefined;
  readonly load: boolean;
  readonly ports: LocalPorts;
  /** Fraction of synthetic records that are poison (spread over every kind). */
  readonly poisonRate: number;
  readonly seed: number;
  /** Which DynamoDB emulator to start (both serve DynamoDB Streams on the same endpoint). */
  readonly dynamodb: DynamoDbEmulator;
  /** Emulators already running elsewhere (e.g. behind a fault proxy); the stack neither starts nor stops them. */
  readonly external: { readonly kinesis?: string; readonly dynamodb?: string };
  /** Chaos: fraction of invokes per function that fail after the handler ran (its effects stay). */
  readonly functionErrors: Readonly<Partial<Record<InjectableFunction, number>>>;
  /** Chaos: a Kinesis-record partition key whose batches crash the consumer before its handler runs. */
  readonly crashOnKey: { readonly consumer?: string };
  /** A loopback URL the local bus POSTs every alert to (the API destination's stand-in). */
  readonly alertsWebhook: string | undefined;
  /** Chaos: fraction of PutEvents entries the local bus refuses with ThrottlingException. */
  readonly putEventsFailures: number;
  readonly help: boolean;
}

/** Functions `--function-errors` can make fail. */
export const INJECTABLE_FUNCTIONS = ['consumer', 'aggregator', 'alerts'] as const;

/** A function `--function-errors` can make fail. */
export type InjectableFunction = (typeof INJECTABLE_FUNCTIONS)[number];

/** Defaults of every flag. */
export const DEFAULT_FLAGS: LocalStackFlags = {
  stack: 'dev',
  rate: 200,
  durationSec: undefined,
  drainTimeoutSec: 60,
  shards: undefined,
  dataDir: undefined,
  load: true,
  ports: { kinesis: 0, dynamodb: 0, report: 3000 },
  poisonRate: 0.005,
  seed: 1,
  dynamodb: 'dynalite',
  external: {},
  functionErrors: {},
  crashOnKey: {},
  alertsWebhook: undefined,
  putEventsFailures: 0,
  help: false,
};

/** Usage text printed by --help and after a usage error. */
export const USAGE = `usage: npm start -- [flags]

  --stack NAME        stack config to run (reads Pulumi.NAME.yaml)       default dev
  --rate N            synthetic posts per second (0 < N ≤ 100000)         default 200
  --duration S        run S seconds, drain, print a summary and exit 0    default: until Ctrl-C
  --drain-timeout S   how long the final drain waits to catch up          default 60
  --shards N          shard count (overrides the stack config; 1–64)
  --data-dir DIR      persist streams, tables and checkpoints in DIR      default: in memory
  --no-load           start without the synthetic producer load
  --poison-rate F     fraction of poison records in the load (0–1)        default 0.005
  --seed N            seed of the synthetic stream                        default 1
  --ports LIST        e.g. kinesis=4568,dynamodb=4569,report=3000 (0 = any free port)
  --kinesis-endpoint URL   use a Kinesis emulator already running there (not started or stopped)
  --dynamodb NAME     dynalite (default, Node only) or dynamodb-local (AWS's DynamoDB Local;
                      needs Java: apt-get install default-jre-headless)
  --dynamodb-endpoint URL  use a DynamoDB emulator already running there (e.g. a fault proxy)
  --function-errors LIST   chaos: e.g. consumer=0.01 fails 1 % of consumer invokes after the
                           handler ran (effects stay, the batch is retried); seeded by --seed
  --crash-on-key consumer=KEY  chaos: crashes every consumer invoke whose batch holds a Kinesis
                           record with partition key KEY (a KPL aggregate's own key), before the
                           handler runs (bisected, retried, sent to on-failure; redrive stores it)
  --alerts-webhook URL     POST every trend alert to this loopback URL (e.g. http://127.0.0.1:9000/hook)
  --put-events-failures F  chaos: the local bus refuses this fraction of PutEvents entries (0–1)
  --help              this text`;

function number(flag: string, raw: string | undefined, check: (n: number) => boolean, allowed: string): number {
  if (raw === undefined || raw.startsWith('--')) throw new UsageError(flag, raw, `needs a value (${allowed})`);
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || !check(n)) throw new UsageError(flag, raw, `must be ${allowed}`);
  return n;
}

function parseEndpoint(flag: string, raw: string | undefined): string {
  if (raw === undefined || raw.startsWith('--'))
    throw new UsageError(flag, raw, 'needs a URL like http://127.0.0.1:4567');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(flag, raw, 'must be a URL like http://127.0.0.1:4567');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(flag, raw, 'must be an http:// or https:// URL');
  if (url.pathname !== '/' || url.search || url.hash)
    throw new UsageError(flag, raw, 'must be a bare endpoint without a path or query');
  return url.origin;
}

// Nothing leaves the machine: the webhook is a local listener (a test server, `nc -l`, a tool).
function parseLoopbackUrl(flag: string, raw: string | undefined): string {
  const allowed = 'an http(s) URL on loopback, e.g. http://127.0.0.1:9000/hook';
  if (raw === undefined || raw.startsWith('--')) throw new UsageError(flag, raw, `needs ${allowed}`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(flag, raw, `must be ${allowed}`);
  }
  const loopback = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(url.hostname);
  if (!/^https?:$/.test(url.protocol) || !loopback) throw new UsageError(flag, raw, `must be ${allowed}`);
  return url.href;
}

function parseFunctionErrors(raw: string | undefined): Partial<Record<InjectableFunction, number>> {
  if (raw === undefined || raw.startsWith('--'))
    throw new UsageError('--function-errors', raw, 'needs a value like consumer=0.01');
  const out: Partial<Record<InjectableFunction, number>> = {};
  const usage = `is not one of ${INJECTABLE_FUNCTIONS.map((f) => `${f}=F`).join(', ')}`;
  for (const [name, value] of namedValues('--function-errors', raw, INJECTABLE_FUNCTIONS, usage)) {
    out[name as InjectableFunction] = number(
      '--function-errors',
      value,
      (n) => n >= 0 && n < 1,
      `a fraction in [0, 1) for ${name}`,
    );
  }
  return out;
}

// `name=value,name=value` with names from `names`, each at most once: a repeated name would
// otherwise silently keep the last value, and a second `=` would silently drop the rest.
function namedValues(flag: string, raw: string, names: readonly string[], usage: string): [string, string][] {
  const out: [string, string][] = [];
  for (const part of raw.split(',')) {
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    if (eq < 0 || !names.includes(name)) throw new UsageError(flag, raw, `"${part}" ${usage}`);
    if (out.some(([seen]) => seen === name)) throw new UsageError(flag, raw, `gives ${name} twice`);
    out.push([name, part.slice(eq + 1)]);
  }
  return out;
}

// Consumer only: the aggregator does not bisect, and a tumbling window cannot be redriven, so a
// crash key there could only end as a given-up window.
function parseCrashOnKey(raw: string | undefined): { consumer: string } {
  if (raw === undefined || raw.startsWith('--'))
    throw new UsageError('--crash-on-key', raw, 'needs a value like consumer=KEY');
  const eq = raw.indexOf('=');
  const name = eq < 0 ? raw : raw.slice(0, eq);
  const key = eq < 0 ? '' : raw.slice(eq + 1);
  if (name !== 'consumer')
    throw new UsageError(
      '--crash-on-key',
      raw,
      `must be consumer=KEY (the aggregator does not bisect and its windows cannot be redriven)`,
    );
  // Kinesis partition keys are 1–256 Unicode characters.
  if (key.length < 1 || [...key].length > 256)
    throw new UsageError('--crash-on-key', raw, 'the partition key must be 1–256 characters');
  return { consumer: key };
}

function parsePorts(raw: string | undefined, base: LocalPorts): LocalPorts {
  if (raw === undefined || raw.startsWith('--'))
    throw new UsageError('--ports', raw, 'needs a value like kinesis=4568,dynamodb=4569,report=3000');
  const ports: Record<string, number> = { ...base };
  for (const [name, value] of namedValues(
    '--ports',
    raw,
    Object.keys(base),
    'is not one of kinesis=N, dynamodb=N, report=N',
  )) {
    ports[name] = number(
      '--ports',
      value,
      (n) => Number.isInteger(n) && n >= 0 && n <= 65535,
      `a port 0–65535 for ${name}`,
    );
  }
  const fixed = Object.entries(ports).filter(([, p]) => p !== 0);
  if (new Set(fixed.map(([, p]) => p)).size !== fixed.length)
    throw new UsageError('--ports', raw, 'gives two services the same port');
  return ports as unknown as LocalPorts;
}

/**
 * Parses `npm start` arguments.
 *
 * @throws UsageError naming the flag, the value and what is allowed.
 * @example
 * ```ts
 * parseFlags(['--duration', '30', '--rate', '500']).durationSec; // 30
 * ```
 */
export function parseFlags(argv: readonly string[]): LocalStackFlags {
  const flags: { -readonly [K in keyof LocalStackFlags]: LocalStackFlags[K] } = { ...DEFAULT_FLAGS };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [name, inline] =
      arg.includes('=') && arg.startsWith('--') && !arg.startsWith('--ports=')
        ? arg.split(/=(.*)/s, 2)
        : [arg, undefined];
    const take = () => inline ?? argv[++i];
    switch (name) {
      case '--stack': {
        const v = take();
        if (!v || !/^[A-Za-z0-9_.-]{1,64}$/.test(v))
          throw new UsageError('--stack', v, 'must be a stack name of A-Z a-z 0-9 _ . -');
        flags.stack = v;
        break;
      }
      case '--rate':
        flags.rate = number(
          '--rate',
          take(),
          (n) => n > 0 && n <= 100_000,
          'a number of posts per second in (0, 100000]',
        );
        break;
      case '--duration':
        flags.durationSec = number(
          '--duration',
          take(),
          (n) => n > 0 && n <= 7 * 86_400,
          'a number of seconds in (0, 604800]',
        );
        break;
      case '--drain-timeout':
        flags.drainTimeoutSec = number(
          '--drain-timeout',
          take(),
          (n) => n > 0 && n <= 3600,
          'a number of seconds in (0, 3600]',
        );
        break;
      case '--shards':
        flags.shards = number('--shards', take(), (n) => Number.isInteger(n) && n >= 1 && n <= 64, 'an integer 1–64');
        break;
      case '--data-dir': {
        const v = take();
        if (!v || v.startsWith('--')) throw new UsageError('--data-dir', v, 'needs a folder');
        flags.dataDir = v;
        break;
      }
      case '--no-load':
        flags.load = false;
        break;
      case '--poison-rate':
        flags.poisonRate = number('--poison-rate', take(), (n) => n >= 0 && n <= 1, 'a fraction 0–1');
        break;
      case '--seed':
        flags.seed = number('--seed', take(), (n) => Number.isSafeInteger(n), 'an integer');
        break;
      case '--ports':
        flags.ports = parsePorts(arg.startsWith('--ports=') ? arg.slice('--ports='.length) : argv[++i], flags.ports);
        break;
      case '--kinesis-endpoint':
        flags.external = { ...flags.external, kinesis: parseEndpoint('--kinesis-endpoint', take()) };
        break;
      case '--dynamodb': {
        const v = take();
        if (v === undefined || v.startsWith('--'))
          throw new UsageError('--dynamodb', v, `needs a value: ${DYNAMODB_EMULATORS.join(' or ')}`);
        if (!DYNAMODB_EMULATORS.includes(v as DynamoDbEmulator))
          throw new UsageError('--dynamodb', v, `must be one of ${DYNAMODB_EMULATORS.join(', ')}`);
        flags.dynamodb = v as DynamoDbEmulator;
        break;
      }
      case '--dynamodb-endpoint':
        flags.external = { ...flags.external, dynamodb: parseEndpoint('--dynamodb-endpoint', take()) };
        break;
      case '--function-errors':
        flags.functionErrors = parseFunctionErrors(take());
        break;
      case '--crash-on-key':
        flags.crashOnKey = parseCrashOnKey(take());
        break;
      case '--alerts-webhook':
        flags.alertsWebhook = parseLoopbackUrl('--alerts-webhook', take());
        break;
      case '--put-events-failures':
        flags.putEventsFailures = number(
          '--put-events-failures',
          take(),
          (n) => n >= 0 && n < 1,
          'a fraction in [0, 1)',
        );
        break;
      case '--help':
      case '-h':
        flags.help = true;
        break;
      default:
        throw new UsageError(arg, undefined, 'is not a flag of npm start (see --help)');
    }
  }
  if (flags.external.dynamodb !== undefined && flags.dynamodb !== 'dynalite') {
    throw new UsageError(
      '--dynamodb',
      flags.dynamodb,
      `conflicts with --dynamodb-endpoint ${flags.external.dynamodb}: an external emulator is not started here`,
    );
  }
  for (const service of ['kinesis', 'dynamodb'] as const) {
    if (flags.external[service] !== undefined && flags.ports[service] !== 0) {
      throw new UsageError(
        `--${service}-endpoint`,
        flags.external[service],
        `conflicts with --ports ${service}=${flags.ports[service]}: an external emulator is not started here`,
      );
    }
  }
  return flags;
}
