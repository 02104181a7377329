// `redrive` flags → validated options. Pure: every bad value is a RedriveUsageError naming the flag.
import { RedriveUsageError } from './errors';
import { REDRIVE_FUNCTIONS, type RedriveFunction } from './run-redrive';

/** Options of a redrive run from the command line. */
export interface RedriveFlags {
  readonly dataDir: string;
  readonly stack: string;
  readonly fn: RedriveFunction;
  readonly kinesisEndpoint: string;
  readonly dynamodbEndpoint: string;
  readonly again: boolean;
  readonly help: boolean;
}

/** Usage text. */
export const REDRIVE_USAGE = `usage: npx nx run local:redrive -- [flags]

  --data-dir DIR              data dir of the local stack (required)
  --kinesis-endpoint URL      the running stack's kinesalite (required; npm start -- --ports kinesis=N)
  --dynamodb-endpoint URL     the running stack's dynalite (required; npm start -- --ports dynamodb=N)
  --stack NAME                stack config                                     default dev
  --function NAME             consumer | aggregator                            default consumer
  --again                     redrive records already listed in redriven.json
  --help                      this text`;

function url(flag: string, raw: string | undefined): string {
  if (raw === undefined || raw.startsWith('--'))
    throw new RedriveUsageError(flag, 'needs a URL like http://127.0.0.1:4568');
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new RedriveUsageError(flag, `${JSON.stringify(raw)} is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new RedriveUsageError(flag, `${JSON.stringify(raw)} must be an http(s) URL`);
  return raw;
}

/**
 * Parses `redrive` arguments.
 *
 * @throws RedriveUsageError naming the flag.
 * @example
 * ```ts
 * parseRedriveFlags(['--data-dir', '.d', '--kinesis-endpoint', 'http://127.0.0.1:4568', '--dynamodb-endpoint', 'http://127.0.0.1:4569']).fn; // 'consumer'
 * ```
 */
export function parseRedriveFlags(argv: readonly string[]): RedriveFlags {
  const f: { -readonly [K in keyof RedriveFlags]?: RedriveFlags[K] } = {
    stack: 'dev',
    fn: 'consumer',
    again: false,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [name, inline] =
      arg.startsWith('--') && arg.includes('=') ? (arg.split(/=(.*)/s, 2) as [string, string]) : [arg, undefined];
    const take = () => inline ?? argv[++i];
    switch (name) {
      case '--data-dir': {
        const v = take();
        if (!v || v.startsWith('--')) throw new RedriveUsageError('--data-dir', 'needs a folder');
        f.dataDir = v;
        break;
      }
      case '--stack': {
        const v = take();
        if (!v || !/^[A-Za-z0-9_.-]{1,64}$/.test(v))
          throw new RedriveUsageError(
            '--stack',
            `${JSON.stringify(v ?? '')} must be a stack name of A-Z a-z 0-9 _ . -`,
          );
        f.stack = v;
        break;
      }
      case '--function': {
        const v = take();
        if (!REDRIVE_FUNCTIONS.includes(v as RedriveFunction))
          throw new RedriveUsageError(
            '--function',
            `${JSON.stringify(v ?? '')} must be one of ${REDRIVE_FUNCTIONS.join(', ')}`,
          );
        f.fn = v as RedriveFunction;
        break;
      }
      case '--kinesis-endpoint':
        f.kinesisEndpoint = url('--kinesis-endpoint', take());
        break;
      case '--dynamodb-endpoint':
        f.dynamodbEndpoint = url('--dynamodb-endpoint', take());
        break;
      case '--again':
        f.again = true;
        break;
      case '--help':
      case '-h':
        f.help = true;
        break;
      default:
        throw new RedriveUsageError(arg, 'is not a flag of redrive (see --help)');
    }
  }
  if (f.help) return f as RedriveFlags;
  if (!f.dataDir) throw new RedriveUsageError('--data-dir', 'is required');
  if (!f.kinesisEndpoint) throw new RedriveUsageError('--kinesis-endpoint', 'is required');
  if (!f.dynamodbEndpoint) throw new RedriveUsageError('--dynamodb-endpoint', 'is required');
  return f as RedriveFlags;
}
