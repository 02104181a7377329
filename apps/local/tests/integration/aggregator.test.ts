// Integration (kinesalite + dynalite + the built aggregator bundle in a child process): the
// local event-source mapping with 2-second tumbling windows turns posts put in two windows on
// two shards into exactly one trends row per (window, shard), with the window's totals.
import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  PutRecordsCommand,
  type KinesisClient,
  type PutRecordsRequestEntry,
} from '@aws-sdk/client-kinesis';
import {
  ensureStream,
  ensureTable,
  makeDynamoClient,
  makeKinesisClient,
  startDynalite,
  startKinesalite,
  type RunningEmulator,
} from '@streamlens/emulators';
import { encodeAggregatedRecord } from '@streamlens/kinesis';
import { DynamoTrendsRepository } from '@streamlens/repositories';
import { encodePost, type SocialPost } from '@streamlens/schemas';
import { TABLE_SPECS } from '@streamlens/tables';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  ChildProcessInvoker,
  DEFAULT_MAPPING_SETTINGS,
  EventSourceMapping,
  InMemoryCheckpointStore,
  KinesisStreamSource,
} from '@streamlens/event-source-mapping';

jest.setTimeout(40_000);

const ROOT = resolve(__dirname, '../../../..');
const WINDOW_S = 2;
const WINDOW_MS = WINDOW_S * 1000;
const SHARD_0 = { id: 'shardId-000000000000', hashKey: '0' };
const SHARD_1 = { id: 'shardId-000000000001', hashKey: (2n ** 127n).toString() };
const TABLE = 'aggregator-it-trends';

let kinesalite: RunningEmulator;
let dynalite: RunningEmulator;
let kinesis: KinesisClient;
let dynamo: DynamoDBClient;
let dir: string;
let bundlePath: string;

/**
 * Builds the aggregator bundle with the build options of apps/aggregator/project.json (what
 * `nx run aggregator:build` runs through @nx/esbuild), so the test runs the code as shipped
 * without depending on a dist/ left over from an earlier build.
 */
async function buildAggregatorBundle(outdir: string): Promise<string> {
  const project = JSON.parse(readFileSync(join(ROOT, 'apps/aggregator/project.json'), 'utf8')) as {
    targets: { build: { options: Record<string, unknown> } };
  };
  const o = project.targets.build.options;
  await build({
    entryPoints: [join(ROOT, String(o['main']))],
    tsconfig: join(ROOT, String(o['tsConfig'])),
    outdir,
    outExtension: { '.js': '.cjs' },
    bundle: o['bundle'] !== false,
    // thirdParty: true → npm packages are bundled too, as in the Lambda zip.
    ...(o['thirdParty'] === true ? {} : { packages: 'external' as const }),
    platform: o['platform'] as 'node',
    target: String(o['target']),
    format: 'cjs',
    sourcemap: Boolean(o['sourcemap']),
    logLevel: 'error',
  });
  return join(outdir, 'main.cjs');
}

function post(id: string, text: string): SocialPost {
  return {
    schemaVersion: 1,
    postId: id,
    source: 'x',
    author: { id: `u-${id}`, handle: `h_${id}` },
    text,
    lang: 'en',
    createdAt: '2025-01-15T12:00:00Z',
  };
}

/** A group of records put together (one PutRecords call), all landing in one window. */
interface Group {
  readonly entries: PutRecordsRequestEntry[];
  /** Expected row per shard: posts, poison and hashtag counts. */
  readonly expected: Record<string, { postCount: number; poisonCount: number; hashtags: Record<string, number> }>;
}

function group(
  name: string,
  shard0Posts: number,
  shard1Posts: number,
  shard0Poison: number,
  shard1Aggregated: number,
): Group {
  const entries: PutRecordsRequestEntry[] = [];
  for (let i = 0; i < shard0Posts; i++) {
    entries.push({
      Data: encodePost(post(`${name}-a${i}`, `good day #${name} #shared`)),
      PartitionKey: `${name}-a${i}`,
      ExplicitHashKey: SHARD_0.hashKey,
    });
  }
  for (let i = 0; i < shard0Poison; i++)
    entries.push({
      Data: Buffer.from(`not json ${i}`),
      PartitionKey: `${name}-x${i}`,
      ExplicitHashKey: SHARD_0.hashKey,
    });
  for (let i = 0; i < shard1Posts; i++) {
    entries.push({
      Data: encodePost(post(`${name}-b${i}`, `#${name} only`)),
      PartitionKey: `${name}-b${i}`,
      ExplicitHashKey: SHARD_1.hashKey,
    });
  }
  if (shard1Aggregated > 0) {
    const users = Array.from({ length: shard1Aggregated }, (_, i) => ({
      partitionKey: `${name}-k${i}`,
      data: encodePost(post(`${name}-k${i}`, `bad news #kpl #${name}`)),
    }));
    entries.push({
      Data: encodeAggregatedRecord(users),
      PartitionKey: `${name}-kpl`,
      ExplicitHashKey: SHARD_1.hashKey,
    });
  }
  return {
    entries,
    expected: {
      [SHARD_0.id]: {
        postCount: shard0Posts,
        poisonCount: shard0Poison,
        hashtags: { [name]: shard0Posts, shared: shard0Posts },
      },
      [SHARD_1.id]: {
        postCount: shard1Posts + shard1Aggregated,
        poisonCount: 0,
        hashtags: {
          [name]: shard1Posts + shard1Aggregated,
          ...(shard1Aggregated > 0 ? { kpl: shard1Aggregated } : {}),
        },
      },
    },
  };
}

async function put(streamName: string, g: Group): Promise<void> {
  const out = await kinesis.send(new PutRecordsCommand({ StreamName: streamName, Records: g.entries }));
  if (out.FailedRecordCount) throw new Error(`PutRecords failed ${out.FailedRecordCount} records`);
}

/** Sleeps until `offsetMs` into the next window. */
async function untilNextWindow(offsetMs: number): Promise<void> {
  await new Promise((r) => setTimeout(r, WINDOW_MS - (Date.now() % WINDOW_MS) + offsetMs));
}

/** Window starts (epoch ms) of every record on a shard, from kinesalite's own arrival stamps. */
async function windowsOnShard(streamName: string, shardId: string): Promise<number[]> {
  const it = await kinesis.send(
    new GetShardIteratorCommand({ StreamName: streamName, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }),
  );
  const out = await kinesis.send(new GetRecordsCommand({ ShardIterator: it.ShardIterator, Limit: 1000 }));
  return (out.Records ?? []).map(
    (r) => Math.floor((r.ApproximateArrivalTimestamp?.getTime() ?? 0) / WINDOW_MS) * WINDOW_MS,
  );
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'aggregator-it-'));
  [kinesalite, dynalite, bundlePath] = await Promise.all([
    startKinesalite(),
    startDynalite(),
    buildAggregatorBundle(dir),
  ]);
  kinesis = makeKinesisClient(kinesalite.endpoint);
  dynamo = makeDynamoClient(dynalite.endpoint);
  await ensureTable(dynamo, TABLE, TABLE_SPECS.trends);
});

afterAll(async () => {
  kinesis?.destroy();
  dynamo?.destroy();
  await Promise.all([kinesalite?.close(), dynalite?.close()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('writes exactly one row per (window, shard) with the totals of the posts put in that window', async () => {
  // prepare
  const streamName = `aggregator-it-${process.pid}`;
  const streamArn = await ensureStream(kinesis, streamName, 2);
  const logs: string[] = [];
  const invoker = new ChildProcessInvoker({
    bundlePath,
    functionName: 'aggregator',
    maxSandboxes: 2,
    env: {
      TRENDS_TABLE: TABLE,
      TTL_DAYS: '1',
      AWS_ENDPOINT_URL_DYNAMODB: dynalite.endpoint,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      POWERTOOLS_SERVICE_NAME: 'aggregator',
      POWERTOOLS_LOG_LEVEL: 'INFO',
    },
    onLog: (line) => logs.push(line),
  });
  const esm = new EventSourceMapping({
    source: new KinesisStreamSource({ kinesis, streamName, streamArn }),
    mappingId: 'aggregator',
    settings: {
      ...DEFAULT_MAPPING_SETTINGS,
      batchSize: 100,
      startingPosition: 'TRIM_HORIZON',
      tumblingWindowInSeconds: WINDOW_S,
    },
    invoker,
    checkpoints: new InMemoryCheckpointStore(),
    tuning: {
      idlePollMs: 50,
      getRecordsPerSecond: 20,
      shardDiscoveryIntervalMs: 1_000,
      retryBaseDelayMs: 20,
      retryMaxDelayMs: 200,
      restartDelayMs: 50,
    },
  });
  const trends = new DynamoTrendsRepository({ client: dynamo, tableName: TABLE, ttlDays: 1 });
  const first = group('one', 30, 12, 2, 5);
  const second = group('two', 7, 20, 0, 0);
  try {
    await esm.start();
    // act: one group early in a window, the next early in the following window
    await untilNextWindow(150);
    await put(streamName, first);
    await untilNextWindow(150);
    await put(streamName, second);
    const deadline = Date.now() + 15_000;
    let rows = await trends.queryWindows(new Date(Date.now() - 60_000), new Date(Date.now() + 60_000));
    while (rows.length < 4 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      rows = await trends.queryWindows(new Date(Date.now() - 60_000), new Date(Date.now() + 60_000));
    }
    // assess: the arrival stamps put each group in one window, the second right after the first
    const stamps = [
      ...(await windowsOnShard(streamName, SHARD_0.id)),
      ...(await windowsOnShard(streamName, SHARD_1.id)),
    ];
    const windows = [...new Set(stamps)].sort();
    expect(windows).toHaveLength(2);
    const [w1, w2] = windows as [number, number];
    expect(w2 - w1).toBe(WINDOW_MS);
    const expected = [
      [w1, first],
      [w2, second],
    ].flatMap(([w, g]) =>
      [SHARD_0.id, SHARD_1.id].map((shardId) => ({
        windowStart: new Date(w as number).toISOString(),
        windowEnd: new Date((w as number) + WINDOW_MS).toISOString(),
        shardId,
        part: 0,
        ...(g as Group).expected[shardId],
        languages: { en: (g as Group).expected[shardId]?.postCount },
      })),
    );
    expect(
      rows.map(({ windowStart, windowEnd, shardId, part, postCount, poisonCount, hashtags, languages }) => ({
        windowStart,
        windowEnd,
        shardId,
        part,
        postCount,
        poisonCount,
        hashtags,
        languages,
      })),
    ).toEqual(expected);
    expect(rows.filter((r) => r.windowStart === new Date(w1).toISOString()).reduce((n, r) => n + r.postCount, 0)).toBe(
      30 + 12 + 5,
    );
    expect(rows.filter((r) => r.windowStart === new Date(w2).toISOString()).reduce((n, r) => n + r.postCount, 0)).toBe(
      7 + 20,
    );
    // the bundle logged its writes and published EMF metrics in the StreamLens namespace
    expect(logs.filter((l) => l.includes('"window row written"'))).toHaveLength(4);
    expect(logs.some((l) => l.includes('"Namespace":"StreamLens"') && l.includes('"WindowRowsWritten":1'))).toBe(true);
  } finally {
    await esm.stop();
    await invoker.close();
  }
});
