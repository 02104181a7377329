// Raw ceilings of the emulators, without the pipeline: kinesalite PutRecords alone and dynalite
// BatchWriteItem alone, each on its own fresh emulator in this process (where the stack runs
// them too), so the pipeline's throughput can be read as a fraction of what the emulators allow.
import { BatchWriteItemCommand, type DynamoDBClient, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { PutRecordsCommand, type KinesisClient, type PutRecordsRequestEntry } from '@aws-sdk/client-kinesis';
import { ensureStream, ensureTable, makeDynamoClient, makeKinesisClient, spawnEmulator } from '@streamlens/emulators';
import { SyntheticSocialStream } from '@streamlens/kinesis';
import { TABLE_SPECS } from '@streamlens/tables';

/** Result of one ceiling measurement. */
export interface CeilingFigures {
  readonly itemsPerSecond: number;
  readonly calls: number;
  readonly items: number;
  readonly failedItems: number;
  readonly seconds: number;
}

/** Calls in flight at once during a ceiling measurement (the producer and consumer use several too). */
const CONCURRENCY = 4;

async function saturate(seconds: number, call: () => Promise<{ ok: number; failed: number }>): Promise<CeilingFigures> {
  const start = Date.now();
  const end = start + seconds * 1000;
  let calls = 0;
  let items = 0;
  let failedItems = 0;
  const worker = async () => {
    while (Date.now() < end) {
      const r = await call();
      calls++;
      items += r.ok;
      failedItems += r.failed;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = (Date.now() - start) / 1000;
  return {
    itemsPerSecond: Math.round(items / elapsed),
    calls,
    items,
    failedItems,
    seconds: Math.round(elapsed * 10) / 10,
  };
}

/**
 * kinesalite PutRecords alone: 500-record calls of synthetic posts spread over `shards` shards.
 *
 * @example
 * ```ts
 * const { itemsPerSecond } = await kinesisCeiling(10, 4);
 * ```
 */
export async function kinesisCeiling(seconds: number, shards: number): Promise<CeilingFigures> {
  // In its own process, as the local stack runs it: the client's event loop does not slow it.
  const emulator = await spawnEmulator('kinesalite');
  const client: KinesisClient = makeKinesisClient(emulator.endpoint);
  try {
    await ensureStream(client, 'ceiling', shards);
    const source = new SyntheticSocialStream({ seed: 7 });
    const entries: PutRecordsRequestEntry[] = Array.from({ length: 500 }, () => {
      const r = source.next(Date.now());
      return { PartitionKey: r.partitionKey, Data: r.data };
    });
    return await saturate(seconds, async () => {
      const out = await client.send(new PutRecordsCommand({ StreamName: 'ceiling', Records: entries }));
      const failed = out.FailedRecordCount ?? 0;
      return { ok: entries.length - failed, failed };
    });
  } finally {
    client.destroy();
    await emulator.close();
  }
}

/**
 * dynalite BatchWriteItem alone: 25-item calls of post-shaped items (key, doc JSON, hashtags).
 *
 * @example
 * ```ts
 * const { itemsPerSecond } = await dynamoCeiling(10);
 * ```
 */
export async function dynamoCeiling(seconds: number): Promise<CeilingFigures> {
  const emulator = await spawnEmulator('dynalite');
  const client: DynamoDBClient = makeDynamoClient(emulator.endpoint);
  try {
    await ensureTable(client, 'ceiling-posts', TABLE_SPECS.posts);
    const source = new SyntheticSocialStream({ seed: 7 });
    let n = 0;
    return await saturate(seconds, async () => {
      const requests: WriteRequest[] = Array.from({ length: 25 }, () => {
        const r = source.next(Date.now());
        const doc = Buffer.from(r.data).toString('utf8');
        return {
          PutRequest: {
            Item: {
              pk: { S: `POST#${r.partitionKey}#${n++}` },
              sk: { S: 'POST' },
              doc: { S: doc },
              createdAt: { S: new Date().toISOString() },
            },
          },
        };
      });
      const out = await client.send(new BatchWriteItemCommand({ RequestItems: { 'ceiling-posts': requests } }));
      const failed = out.UnprocessedItems?.['ceiling-posts']?.length ?? 0;
      return { ok: requests.length - failed, failed };
    });
  } finally {
    client.destroy();
    await emulator.close();
  }
}
