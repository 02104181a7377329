// `npm run bench -- streams [--items N] [--rounds R] [--with-dynamodb-local]`: what DynamoDB
// Streams cost dynalite's writes. Same writes, same run, each scenario in its own dynalite child:
//   A  dynalite as shipped (streams: false), a table without a stream — the baseline
//   B  dynalite with the streams plugin, a plain table (posts, quarantine)
//   C  dynalite with the streams plugin, a NEW_AND_OLD_IMAGES table (trends)
//   D  (--with-dynamodb-local) AWS's DynamoDB Local, a NEW_AND_OLD_IMAGES table, for reference
// Phases per round, on a fresh table: insert N items (~250 B, BatchWriteItem of 25, 4 writers),
// then overwrite them all (every item changes: MODIFY records). Rounds rotate the scenario order;
// the emulators live across rounds, so C's stream grows as a long-running stack's would.
// Figures: items/s (wall) and CPU µs per item of the emulator process (from /proc), medians.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { BatchWriteItemCommand, type DynamoDBClient, type WriteRequest } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { TABLE_SPECS, type TableSpec } from '@streamlens/tables';
import {
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  ensureTable,
  findJava,
  makeDynamoClient,
  spawnDynamoDbLocal,
  spawnEmulator,
  type DynamoDbLocalProcess,
  type EmulatorProcess,
} from '../src';

const ROOT = resolve(__dirname, '../../..');
const WRITERS = 4;
const BATCH = 25;

interface Scenario {
  readonly key: 'A' | 'B' | 'C' | 'D';
  readonly label: string;
  readonly spec: TableSpec;
  readonly emulator: EmulatorProcess | DynamoDbLocalProcess;
  readonly client: DynamoDBClient;
}

interface PhaseFigures {
  readonly itemsPerSecond: number;
  readonly cpuMicrosPerItem: number;
}

function args(argv: readonly string[]): { items: number; rounds: number; withDynamoDbLocal: boolean } {
  const value = (flag: string, fallback: number) => {
    const i = argv.indexOf(flag);
    if (i < 0) return fallback;
    const n = Number(argv[i + 1]);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} needs a positive integer, got ${argv[i + 1]}`);
    return n;
  };
  for (const a of argv) {
    if (a.startsWith('--') && !['--items', '--rounds', '--with-dynamodb-local'].includes(a)) {
      throw new Error(`unknown flag ${a} (flags: --items N, --rounds R, --with-dynamodb-local)`);
    }
  }
  return {
    items: value('--items', 20_000),
    rounds: value('--rounds', 3),
    withDynamoDbLocal: argv.includes('--with-dynamodb-local'),
  };
}

/** CPU time (user + system) of a process so far, ms; 0 without /proc. */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime in 10 ms ticks
  } catch {
    return 0;
  }
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

function item(i: number, version: number): Record<string, { S: string } | { N: string }> {
  return {
    pk: { S: `DAY#2026-12-${String((i % 28) + 1).padStart(2, '0')}` },
    sk: { S: `${String(i).padStart(8, '0')}#shardId-000000000000#0` },
    count: { N: String(i * 7 + version) },
    hashtags: { S: JSON.stringify({ streams: version, dynamodb: i % 97, local: i % 13, bench: 1 }).padEnd(180, ' ') },
    version: { N: String(version) },
  };
}

async function writeAll(client: DynamoDBClient, table: string, items: number, version: number): Promise<void> {
  let next = 0;
  const writer = async () => {
    for (;;) {
      const from = next;
      next += BATCH;
      if (from >= items) return;
      let requests: WriteRequest[] = [];
      for (let i = from; i < Math.min(from + BATCH, items); i++)
        requests.push({ PutRequest: { Item: item(i, version) } });
      // Neither emulator answers UnprocessedItems under this load, but a correct writer retries them.
      while (requests.length > 0) {
        const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: requests } }));
        requests = out.UnprocessedItems?.[table] ?? [];
      }
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, writer));
}

async function phase(s: Scenario, table: string, items: number, version: number): Promise<PhaseFigures> {
  const cpu0 = cpuMs(s.emulator.pid);
  const t0 = process.hrtime.bigint();
  await writeAll(s.client, table, items, version);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { itemsPerSecond: items / seconds, cpuMicrosPerItem: ((cpuMs(s.emulator.pid) - cpu0) * 1000) / items };
}

// C's stream must hold exactly one INSERT and one MODIFY per item: the bench checks the emulation
// it measures is doing the work (a plugin that recorded nothing would be free).
async function countStreamRecords(endpoint: string, streamArn: string): Promise<number> {
  const streams = new DynamoDBStreamsClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    requestHandler: new NodeHttpHandler(),
  });
  let count = 0;
  try {
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of StreamDescription?.Shards ?? []) {
      let { ShardIterator: it } = await streams.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: shard.ShardId,
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      );
      while (it) {
        const page = await streams.send(new GetRecordsCommand({ ShardIterator: it, Limit: 1000 }));
        count += page.Records?.length ?? 0;
        if ((page.Records?.length ?? 0) === 0) break;
        it = page.NextShardIterator;
      }
    }
  } finally {
    streams.destroy();
  }
  return count;
}

async function main(): Promise<void> {
  const o = args(process.argv.slice(2));
  const plain: TableSpec = TABLE_SPECS.posts;
  const streamed: TableSpec = TABLE_SPECS.trends;
  const started = await Promise.all([
    spawnEmulator('dynalite', { streams: false, label: 'bench-A' }),
    spawnEmulator('dynalite', { label: 'bench-B' }),
    spawnEmulator('dynalite', { label: 'bench-C' }),
  ]);
  const scenarios: Scenario[] = [
    { key: 'A', label: 'dynalite as shipped, plain table', spec: plain, emulator: started[0] as EmulatorProcess },
    { key: 'B', label: 'dynalite + streams plugin, plain table', spec: plain, emulator: started[1] as EmulatorProcess },
    {
      key: 'C',
      label: 'dynalite + streams plugin, NEW_AND_OLD_IMAGES table',
      spec: streamed,
      emulator: started[2] as EmulatorProcess,
    },
  ].map((s) => ({
    ...s,
    key: s.key as Scenario['key'],
    client: makeDynamoClient(s.emulator.endpoint, { maxSockets: WRITERS }),
  }));
  if (o.withDynamoDbLocal) {
    if (!findJava()) throw new Error('--with-dynamodb-local needs Java (apt-get install default-jre-headless)');
    const local = await spawnDynamoDbLocal({ label: 'bench-D' });
    scenarios.push({
      key: 'D',
      label: 'DynamoDB Local, NEW_AND_OLD_IMAGES table',
      spec: streamed,
      emulator: local,
      client: makeDynamoClient(local.endpoint, { maxSockets: WRITERS }),
    });
  }
  console.log(
    `streams bench: ${o.items} items of ~250 B per phase, BatchWriteItem of ${BATCH} from ${WRITERS} writers, ${o.rounds} rounds; ` +
      `Node ${process.version}, ${cpus().length} cores, load ${loadavg()[0]?.toFixed(2)} (shared machine: trust ratios)`,
  );
  const results: Record<string, { insert: PhaseFigures[]; overwrite: PhaseFigures[] }> = {};
  let streamCheck: { expected: number; recorded: number } | undefined;
  try {
    for (let round = 0; round < o.rounds; round++) {
      const order = scenarios.map((_, i) => scenarios[(i + round) % scenarios.length] as Scenario);
      for (const s of order) {
        const table = `bench-${s.key}-${round}`;
        const described = await ensureTable(s.client, table, s.spec, 30_000);
        const insert = await phase(s, table, o.items, 1);
        const overwrite = await phase(s, table, o.items, 2);
        (results[s.key] ??= { insert: [], overwrite: [] }).insert.push(insert);
        results[s.key]?.overwrite.push(overwrite);
        console.log(
          `round ${round + 1} ${s.key} ${s.label.padEnd(52)} insert ${insert.itemsPerSecond.toFixed(0).padStart(6)} items/s ${insert.cpuMicrosPerItem.toFixed(0).padStart(5)} µs CPU/item · overwrite ${overwrite.itemsPerSecond.toFixed(0).padStart(6)} items/s ${overwrite.cpuMicrosPerItem.toFixed(0).padStart(5)} µs CPU/item`,
        );
        if (s.key === 'C' && round === 0 && described.LatestStreamArn) {
          streamCheck = {
            expected: 2 * o.items,
            recorded: await countStreamRecords(s.emulator.endpoint, described.LatestStreamArn),
          };
        }
      }
    }
  } finally {
    for (const s of scenarios) {
      s.client.destroy();
      await s.emulator.close();
    }
  }
  const summary = Object.fromEntries(
    Object.entries(results).map(([key, r]) => [
      key,
      {
        insertItemsPerSecond: median(r.insert.map((p) => p.itemsPerSecond)),
        overwriteItemsPerSecond: median(r.overwrite.map((p) => p.itemsPerSecond)),
        insertCpuMicrosPerItem: median(r.insert.map((p) => p.cpuMicrosPerItem)),
        overwriteCpuMicrosPerItem: median(r.overwrite.map((p) => p.cpuMicrosPerItem)),
      },
    ]),
  ) as Record<
    string,
    {
      insertItemsPerSecond: number;
      overwriteItemsPerSecond: number;
      insertCpuMicrosPerItem: number;
      overwriteCpuMicrosPerItem: number;
    }
  >;
  const ratio = (k: string, field: keyof (typeof summary)[string]) =>
    (summary[k]?.[field] ?? NaN) / (summary['A']?.[field] ?? NaN);
  const ratios = Object.fromEntries(
    ['B', 'C', 'D']
      .filter((k) => summary[k])
      .map((k) => [
        `${k}/A`,
        {
          insertThroughput: ratio(k, 'insertItemsPerSecond'),
          overwriteThroughput: ratio(k, 'overwriteItemsPerSecond'),
          insertCpuPerItem: ratio(k, 'insertCpuMicrosPerItem'),
          overwriteCpuPerItem: ratio(k, 'overwriteCpuMicrosPerItem'),
        },
      ]),
  );
  console.log('\nmedians', JSON.stringify(summary, null, 2));
  console.log('ratios to A (throughput < 1 is slower, CPU > 1 costs more)', JSON.stringify(ratios, null, 2));
  if (streamCheck) {
    console.log(`stream check: C round 1 recorded ${streamCheck.recorded} of ${streamCheck.expected} expected records`);
    if (streamCheck.recorded !== streamCheck.expected) process.exitCode = 1;
  }
  const out = join(ROOT, 'bench-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, 'streams.json'),
    `${JSON.stringify(
      {
        generatedAt: new Date().toISOString(),
        command: `npm run bench -- streams ${process.argv.slice(2).join(' ')}`.trim(),
        node: process.version,
        cores: cpus().length,
        loadAverage1m: loadavg()[0],
        items: o.items,
        rounds: o.rounds,
        writers: WRITERS,
        batch: BATCH,
        scenarios: Object.fromEntries(scenarios.map((s) => [s.key, s.label])),
        medians: summary,
        ratios,
        streamCheck,
        perRound: results,
      },
      null,
      2,
    )}\n`,
  );
  console.log('wrote bench-results/streams.json');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
