// Load CLI, step 1: reach the stream before offering anything, so an unreachable endpoint or a
// missing stream fails in seconds with its cause instead of after the whole --duration.
import { ListShardsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { LoadTargetError } from '../errors';

/** The most specific cause of an SDK or network error: "connect ECONNREFUSED 127.0.0.1:1". */
export function causeOf(err: unknown): string {
  const e = err as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown; errors?: unknown[] };
  // Node puts the per-address errors of a failed connect in an AggregateError's `errors`.
  const inner = e?.cause ?? (Array.isArray(e?.errors) ? e.errors[0] : undefined);
  if (inner !== undefined && inner !== err) {
    const deeper = causeOf(inner);
    if (deeper) return deeper;
  }
  const message = typeof e?.message === 'string' ? e.message : '';
  const code = typeof e?.code === 'string' ? e.code : '';
  if (message) return code && !message.includes(code) ? `${code}: ${message}` : message;
  return code || (typeof e?.name === 'string' ? e.name : String(err));
}

/**
 * Lists the stream's shards once.
 *
 * @throws LoadTargetError naming the stream, the endpoint and the cause.
 * @example
 * ```ts
 * await checkStream(client, 'streamlens-dev-posts', 'http://127.0.0.1:4568');
 * ```
 */
export async function checkStream(client: KinesisClient, stream: string, endpoint: string | undefined): Promise<void> {
  const where = endpoint ? ` at ${endpoint}` : '';
  try {
    await client.send(new ListShardsCommand({ StreamName: stream, MaxResults: 1 }));
  } catch (err) {
    const name = (err as { name?: unknown })?.name;
    const reason =
      name === 'ResourceNotFoundException'
        ? `stream ${stream} does not exist${where}`
        : `cannot reach stream ${stream}${where}: ${causeOf(err)}`;
    throw new LoadTargetError(reason, { cause: err });
  }
}
