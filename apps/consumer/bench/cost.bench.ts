// Cost benchmark: `npm run bench -- cost [--posts N] [--rate N] [--stack dev|prod]`.
// Derives the AWS cost per million posts of the deployed design from units COUNTED in a run:
//   - Kinesis: the stack's producer (KPL aggregation, its buffering) and an unaggregated producer
//     put the same posts at the same rate into kinesalite; every PutRecords entry is counted
//     (records, bytes, PUT payload units, on-demand 1 KB-rounded bytes);
//   - Lambda: the aggregated stream is read back and cut into events of the stack's consumer batch
//     size; this consumer (A) and the Powertools idiom (B, powertools-baseline.ts) each handle
//     every event; invokes and each invoke's duration (rounded up to 1 ms) at the stack's memory;
//   - DynamoDB: read and write units from ReturnConsumedCapacity TOTAL on every request of each
//     variant's requests (the repositories' and the baseline's CapacityMeter), on dynalite; storage
//     from the stored items' sizes.
// Prices and billing rules: cost-model.ts. Writes bench-results/cost.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { ScanCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  type KinesisClient,
  type PutRecordsCommandInput,
} from '@aws-sdk/client-kinesis';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { initialShardCount, loadStackConfig, type StackConfig } from '@streamlens/config';
import {
  ensureStream,
  ensureTable,
  makeDynamoClient,
  makeKinesisClient,
  startDynalite,
  startKinesalite,
} from '@streamlens/emulators';
import { KinesisProducer, SyntheticSocialStream } from '@streamlens/kinesis';
import {
  CapacityMeter,
  DynamoPostsWriter,
  DynamoQuarantineRepository,
  estimateItemSize,
} from '@streamlens/repositories';
import { TABLE_SPECS } from '@streamlens/tables';
import type { KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import {
  LIST_PRICES,
  costPerMillionPosts,
  onDemandRecordBytes,
  putPayloadUnits,
  streamCostAtRate,
  type CostPerMillion,
  type StreamUnitsPerPost,
} from './cost-model';
import { makeRecordProcessor } from '../src/record-processor';
import { makePowertoolsHandler } from './powertools-baseline';

const ROOT = resolve(__dirname, '../../..');
const RATES = [100, 1_000, 10_000] as const;
/** Standard consumers reading the stream in the deployed design: the consumer and the aggregator. */
const STREAM_READERS = 2;
const MAX_RECORD_BYTES = 262_144;
/** Powertools idempotency's DynamoDB calls per record: a conditional PutItem and an UpdateItem. */
const IDEMPOTENCY_WRITE_UNITS_PER_RECORD = 2;

interface Options {
  readonly posts: number;
  readonly rate: number;
  readonly stack: string;
}

function options(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      posts: { type: 'string', default: '3000' },
      rate: { type: 'string', default: '1000' },
      stack: { type: 'string', default: 'dev' },
    },
  });
  const posts = Number(values.posts);
  const rate = Number(values.rate);
  if (!Number.isInteger(posts) || posts < 100 || posts > 200_000)
    throw new Error(`--posts "${values.posts}": must be an integer from 100 to 200000`);
  if (!Number.isInteger(rate) || rate < 10 || rate > 20_000)
    throw new Error(`--rate "${values.rate}": must be an integer from 10 to 20000 posts/s`);
  return { posts, rate, stack: values.stack as string };
}

/** What a producer's PutRecords calls carried. */
interface PutCounts {
  records: number;
  bytes: number;
  putPayloadUnits: number;
  onDemandBytes: number;
}

function countPuts(client: KinesisClient): PutCounts {
  const c: PutCounts = { records: 0, bytes: 0, putPayloadUnits: 0, onDemandBytes: 0 };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'PutRecordsCommand') {
        // Counted as sent; a throttled entry sent again is billed again, as in Kinesis.
        for (const r of (args.input as PutRecordsCommandInput).Records ?? []) {
          const bytes = (r.Data?.byteLength ?? 0) + Buffer.byteLength(r.PartitionKey ?? '', 'utf8');
          c.records++;
          c.bytes += bytes;
          c.putPayloadUnits += putPayloadUnits(bytes);
          c.onDemandBytes += onDemandRecordBytes(bytes);
        }
      }
      return next(args);
    },
    { step: 'initialize', name: 'countPutRecords' },
  );
  return c;
}

// The same posts at the same rate through one producer; resolves when every post is acknowledged.
async function producePosts(
  kc: KinesisClient,
  streamName: string,
  config: StackConfig,
  aggregation: boolean,
  o: Options,
): Promise<PutCounts> {
  const counts = countPuts(kc);
  const producer = new KinesisProducer({
    client: kc,
    streamName,
    aggregation,
    maxBufferedTimeMs: config.producer.maxBufferedTimeMs,
    recordTtlMs: config.producer.recordTtlMs,
  });
  const source = new SyntheticSocialStream({ seed: 11, editRate: 0, poisonRates: {} });
  const acks: Promise<unknown>[] = [];
  const start = performance.now();
  for (let i = 0; i < o.posts; i++) {
    const due = start + (i / o.rate) * 1000;
    if (due > performance.now()) await new Promise((r) => setTimeout(r, due - performance.now()));
    const r = source.next(Date.now());
    acks.push((await producer.enqueue({ partitionKey: r.partitionKey, data: r.data })).result);
  }
  await Promise.all(acks);
  await producer.close();
  return counts;
}

// The stream read back as Lambda events of `batchSize` records per shard, in order.
async function readEvents(kc: KinesisClient, streamName: string, batchSize: number): Promise<KinesisStreamEvent[]> {
  const events: KinesisStreamEvent[] = [];
  const shards = (await kc.send(new ListShardsCommand({ StreamName: streamName }))).Shards ?? [];
  for (const shard of shards) {
    const records: KinesisStreamRecord[] = [];
    let iterator = (
      await kc.send(
        new GetShardIteratorCommand({
          StreamName: streamName,
          ShardId: shard.ShardId,
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      )
    ).ShardIterator;
    for (;;) {
      const page = await kc.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
      for (const r of page.Records ?? [])
        records.push({
          kinesis: {
            kinesisSchemaVersion: '1.0',
            partitionKey: r.PartitionKey as string,
            sequenceNumber: r.SequenceNumber as string,
            data: Buffer.from(r.Data as Uint8Array).toString('base64'),
            approximateArrivalTimestamp: (r.ApproximateArrivalTimestamp?.getTime() ?? Date.now()) / 1000,
          },
          eventSource: 'aws:kinesis',
          eventVersion: '1.0',
          eventID: `${shard.ShardId}:${r.SequenceNumber}`,
          eventName: 'aws:kinesis:record',
          invokeIdentityArn: 'arn:aws:iam::000000000000:role/consumer',
          awsRegion: 'eu-west-1',
          eventSourceARN: `arn:aws:kinesis:eu-west-1:000000000000:stream/${streamName}`,
        });
      if ((page.Records ?? []).length === 0 || !page.NextShardIterator) break;
      iterator = page.NextShardIterator;
    }
    for (let i = 0; i < records.length; i += batchSize) events.push({ Records: records.slice(i, i + batchSize) });
  }
  return events;
}

/** What one consumer variant cost in the run. */
interface VariantUnits {
  readonly invokes: number;
  readonly billedMs: number;
  readonly handlerMsMedian: number;
  readonly capacity: ReturnType<CapacityMeter['snapshot']>;
  readonly storedPosts: number;
  readonly storedBytes: number;
}

async function scanTable(client: DynamoDBClient, tableName: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const out = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start }));
    for (const i of out.Items ?? []) items.push(unmarshall(i));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

async function runVariant(
  variant: 'A' | 'B',
  endpoint: string,
  events: readonly KinesisStreamEvent[],
  config: StackConfig,
  round: number,
): Promise<VariantUnits> {
  const setup = makeDynamoClient(endpoint);
  const postsTable = `cost-${variant}-${round}-posts`;
  const quarantineTable = `cost-${variant}-${round}-quarantine`;
  await ensureTable(setup, postsTable, TABLE_SPECS.posts);
  await ensureTable(setup, quarantineTable, TABLE_SPECS.quarantine);
  const client = makeDynamoClient(endpoint);
  // Every request of both variants asks for ReturnConsumedCapacity TOTAL and adds its answer here
  // (a refused condition by the documented rule): the repositories' and the baseline's own counting.
  const capacity = new CapacityMeter();
  const logger = new Logger({ serviceName: 'cost-bench', logLevel: 'ERROR' });
  const ttlDays = config.tables.ttlDays;
  const handler =
    variant === 'A'
      ? makeRecordProcessor({
          posts: new DynamoPostsWriter({ client, tableName: postsTable, ttlDays, capacity }),
          quarantine: new DynamoQuarantineRepository({ client, tableName: quarantineTable, ttlDays, capacity }),
          clock: Date.now,
          logger,
          metrics: new Metrics({ namespace: 'StreamLensBench', serviceName: 'cost-bench' }),
          maxRecordBytes: MAX_RECORD_BYTES,
        })
      : makePowertoolsHandler({
          client,
          postsTable,
          quarantineTable,
          ttlDays,
          maxRecordBytes: MAX_RECORD_BYTES,
          logger,
          clock: Date.now,
          capacity,
        });
  const durations: number[] = [];
  for (const event of events) {
    const t0 = performance.now();
    const response = await handler(event);
    durations.push(performance.now() - t0);
    if (response.batchItemFailures.length > 0)
      throw new Error(`variant ${variant} reported ${response.batchItemFailures.length} failed records`);
  }
  const counted = capacity.snapshot();
  const items = await scanTable(setup, postsTable);
  setup.destroy();
  client.destroy();
  const sorted = [...durations].sort((a, b) => a - b);
  return {
    invokes: events.length,
    billedMs: durations.reduce((s, d) => s + Math.ceil(d), 0),
    handlerMsMedian: Math.round((sorted[Math.floor(sorted.length / 2)] ?? 0) * 10) / 10,
    capacity: counted,
    storedPosts: items.filter((i) => String(i['pk']).startsWith('POST#')).length,
    storedBytes: items.reduce((s: number, i) => s + estimateItemSize(i), 0),
  };
}

function perPost(c: PutCounts, posts: number): StreamUnitsPerPost {
  return {
    recordsPerPost: c.records / posts,
    bytesPerPost: c.bytes / posts,
    putPayloadUnitsPerPost: c.putPayloadUnits / posts,
    onDemandBytesPerPost: c.onDemandBytes / posts,
  };
}

const round4 = (n: number) => Math.round(n * 10_000) / 10_000;
const rounded = (c: CostPerMillion) =>
  Object.fromEntries(Object.entries(c).map(([k, v]) => [k, round4(v)])) as unknown as CostPerMillion;

async function main(argv: string[]): Promise<number> {
  const o = options(argv);
  // Units are counted here, not metrics: the handlers' EMF lines would drown the figures.
  process.env['POWERTOOLS_METRICS_DISABLED'] = 'true';
  const config = loadStackConfig(o.stack, ROOT);
  const [kinesis, dynamo] = await Promise.all([startKinesalite(), startDynalite()]);
  try {
    const kc = makeKinesisClient(kinesis.endpoint);
    const shards = initialShardCount(config);
    await ensureStream(kc, 'cost-aggregated', shards);
    await ensureStream(kc, 'cost-unaggregated', shards);
    console.log(`cost benchmark: ${o.posts} posts at ${o.rate}/s, stack ${o.stack} (${shards} shards)`);
    const aggregated = await producePosts(makeKinesisClient(kinesis.endpoint), 'cost-aggregated', config, true, o);
    const unaggregated = await producePosts(makeKinesisClient(kinesis.endpoint), 'cost-unaggregated', config, false, o);
    const events = await readEvents(kc, 'cost-aggregated', config.consumer.batchSize);
    const unaggregatedEvents = await readEvents(kc, 'cost-unaggregated', config.consumer.batchSize);
    kc.destroy();
    const a = await runVariant('A', dynamo.endpoint, events, config, 1);
    const b = await runVariant('B', dynamo.endpoint, events, config, 1);
    const u = await runVariant('A', dynamo.endpoint, unaggregatedEvents, config, 2);
    for (const [name, v] of [
      ['A', a],
      ['idiom', b],
      ['A behind the unaggregated producer', u],
    ] as const)
      if (v.storedPosts !== o.posts) throw new Error(`${name} stored ${v.storedPosts} posts of ${o.posts}`);
    const memoryMb = config.consumer.function.memoryMb;
    // Powertools' idempotency utility is not a dependency here, so its table is counted by its
    // documented persistence calls: per record a conditional PutItem (in progress) and an
    // UpdateItem (completed), each an item under 1 KB — 2 write units per user record.
    const idempotencyWriteUnits = IDEMPOTENCY_WRITE_UNITS_PER_RECORD * o.posts;
    const price = (v: VariantUnits, puts: PutCounts, extraWriteUnits = 0) =>
      costPerMillionPosts(
        {
          posts: o.posts,
          putPayloadUnits: puts.putPayloadUnits,
          functions: [{ invokes: v.invokes, billedMs: v.billedMs, memoryMb }],
          dynamoWriteUnits: v.capacity.writeUnits + extraWriteUnits,
          dynamoReadUnits: v.capacity.readUnits,
          storedBytes: v.storedBytes,
          retentionDays: config.tables.ttlDays,
        },
        LIST_PRICES,
      );
    const costA = price(a, aggregated);
    const costB = price(b, aggregated, idempotencyWriteUnits);
    const costUnaggregated = price(u, unaggregated);
    const stream = (c: PutCounts) =>
      RATES.map((rate) =>
        streamCostAtRate(rate, perPost(c, o.posts), { consumers: STREAM_READERS, prices: LIST_PRICES }),
      );
    const result = {
      benchmark: 'cost',
      date: new Date().toISOString(),
      command: `npm run bench -- cost --posts ${o.posts} --rate ${o.rate} --stack ${o.stack}`,
      stack: {
        name: o.stack,
        region: config.region ?? null,
        consumerMemoryMb: memoryMb,
        batchSize: config.consumer.batchSize,
        ttlDays: config.tables.ttlDays,
      },
      prices: LIST_PRICES,
      units: {
        producer: {
          aggregated: { ...aggregated, ...perPost(aggregated, o.posts) },
          unaggregated: { ...unaggregated, ...perPost(unaggregated, o.posts) },
        },
        A: {
          ...a,
          writeUnitsPerPost: round4(a.capacity.writeUnits / o.posts),
          readUnitsPerPost: round4(a.capacity.readUnits / o.posts),
        },
        B: {
          ...b,
          idempotencyWriteUnits,
          writeUnitsPerPost: round4((b.capacity.writeUnits + idempotencyWriteUnits) / o.posts),
          readUnitsPerPost: round4(b.capacity.readUnits / o.posts),
        },
        unaggregatedA: {
          ...u,
          writeUnitsPerPost: round4(u.capacity.writeUnits / o.posts),
          readUnitsPerPost: round4(u.capacity.readUnits / o.posts),
        },
      },
      perMillionPosts: { A: rounded(costA), idiom: rounded(costB), unaggregatedProducer: rounded(costUnaggregated) },
      ratioToIdiom: round4(costB.total / costA.total),
      streamPerMillionPosts: {
        aggregated: stream(aggregated),
        unaggregated: stream(unaggregated),
      },
    };
    printResult(result);
    mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench-results', 'cost.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log('wrote bench-results/cost.json');
    return 0;
  } finally {
    await Promise.all([kinesis.close(), dynamo.close()]);
  }
}

function printResult(r: {
  perMillionPosts: Record<string, CostPerMillion>;
  ratioToIdiom: number;
  units: {
    A: { writeUnitsPerPost: number; readUnitsPerPost: number };
    B: { writeUnitsPerPost: number; readUnitsPerPost: number };
  };
  streamPerMillionPosts: Record<string, ReturnType<typeof streamCostAtRate>[]>;
}): void {
  console.log('\n$ per million posts   kinesis PUT  λ requests  λ compute  DDB writes  DDB reads  storage    total');
  for (const [name, c] of Object.entries(r.perMillionPosts))
    console.log(
      [
        name.padEnd(20),
        c.kinesisPutPayloadUnits,
        c.lambdaRequests,
        c.lambdaCompute,
        c.dynamoWrites,
        c.dynamoReads,
        c.storage,
        c.total,
      ]
        .map((v, i) => (i === 0 ? v : (v as number).toFixed(4).padStart(10)))
        .join(' '),
    );
  console.log(
    `write/read units per post: A ${r.units.A.writeUnitsPerPost}/${r.units.A.readUnitsPerPost}, idiom ${r.units.B.writeUnitsPerPost}/${r.units.B.readUnitsPerPost}; idiom / A total = ${r.ratioToIdiom}`,
  );
  for (const [producer, rows] of Object.entries(r.streamPerMillionPosts))
    for (const s of rows)
      console.log(
        `stream (${producer}) at ${s.postsPerSecond}/s: ${s.shards} shards; provisioned $${s.provisionedPerMillionPosts.toFixed(4)} vs on-demand $${s.onDemandPerMillionPosts.toFixed(4)} per million posts`,
      );
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
