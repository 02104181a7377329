// Local stack, summary: gathers what the reconciliation needs — the stream read back, the
// quarantine's keys and reasons, the consumer's checkpoints and given-up ranges — and accounts
// for every post in the stream.
import { ScanCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { PostAccountant, quarantineKeyOf, type GivenUpRange, type PostAccount } from './post-accounting';
import { readWholeStream } from './read-stream';

/** Where the ledger reads from. */
export interface StreamLedgerSources {
  readonly kinesis: KinesisClient;
  readonly dynamo: DynamoDBClient;
  readonly streamName: string;
  readonly quarantineTable: string;
  /** The consumer's checkpoint per shard. */
  readonly checkpoints: ReadonlyMap<string, string | undefined>;
  /** Ranges the consumer's mapping sent to its on-failure destination. */
  readonly givenUp: readonly GivenUpRange[];
}

/** The reconciliation of the stream and what the quarantine says about its poison. */
export interface StreamLedger {
  readonly account: PostAccount;
  /** Quarantined records per reason (the whole quarantine table). */
  readonly quarantinedByReason: Readonly<Record<string, number>>;
}

// Layout of libs/repositories quarantine-items.ts: pk Q#<shardId>, sk <sequence, zero-padded>#<sub | "-">.
// Only keys and reasons are read: payloads of large poison records would make this scan slow.
async function quarantineKeys(
  dynamo: DynamoDBClient,
  table: string,
): Promise<{ keys: Set<string>; byReason: Record<string, number> }> {
  const keys = new Set<string>();
  const byReason: Record<string, number> = {};
  let start: Record<string, never> | undefined;
  do {
    const page = await dynamo.send(
      new ScanCommand({
        TableName: table,
        ProjectionExpression: 'pk, sk, reason',
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of page.Items ?? []) {
      const pk = item['pk']?.S ?? '';
      const [seq, sub] = (item['sk']?.S ?? '').split('#');
      if (!pk.startsWith('Q#') || !seq || !/^\d+$/.test(seq)) continue;
      const reason = item['reason']?.S ?? 'unknown';
      byReason[reason] = (byReason[reason] ?? 0) + 1;
      keys.add(
        quarantineKeyOf({
          shardId: pk.slice(2),
          sequenceNumber: seq,
          ...(sub && sub !== '-' ? { subSequenceNumber: Number(sub) } : {}),
        }),
      );
    }
    start = page.LastEvaluatedKey as Record<string, never> | undefined;
  } while (start);
  return { keys, byReason };
}

/**
 * Reads the stream back and accounts for each of its posts.
 *
 * @example
 * ```ts
 * const { account } = await readStreamLedger({ kinesis, dynamo, streamName, quarantineTable, checkpoints, givenUp });
 * ```
 */
export async function readStreamLedger(src: StreamLedgerSources): Promise<StreamLedger> {
  const { keys, byReason } = await quarantineKeys(src.dynamo, src.quarantineTable);
  const accountant = new PostAccountant({ checkpoints: src.checkpoints, quarantined: keys, givenUp: src.givenUp });
  for await (const record of readWholeStream(src.kinesis, src.streamName)) accountant.add(record);
  return { account: accountant.result(), quarantinedByReason: byReason };
}
