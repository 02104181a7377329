// Producer benchmark body (see producer.bench.ts). Kinesalite runs in its own child process and
// every scenario in another, so process.cpuUsage() and peak RSS belong to the producer alone.
//   A  producer core, KPL aggregation on      B  producer core, aggregation off
//   C  naive: one PutRecord per post, 16 in flight
//   rate limit: one shard offered more than its limits; per-second bytes/records as kinesalite stored them
//   encoding: our aggregate encoder vs aws-kinesis-agg's RecordAggregator
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  PutRecordCommand,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import { makeKinesisClient } from '@streamlens/emulators';
import { AggregateBuilder, KINESIS_LIMITS, KinesisProducer, SyntheticSocialStream } from '../src/index';

const RESULTS = join(__dirname, '..', '..', '..', 'bench-results', 'producer.json');
const SHARDS = 32;
const NAIVE_CONCURRENCY = 16;

interface ScenarioResult {
  readonly scenario: string;
  readonly posts: number;
  readonly seconds: number;
  readonly postsPerSecond: number;
  readonly kinesisRecords: number;
  readonly postsPerRecord: number;
  readonly putCalls: number;
  readonly cpuMicrosPerPost: number;
  readonly peakRssMB: number;
}

// ---- shared helpers ------------------------------------------------------------------------

function posts(n: number): { partitionKey: string; data: Uint8Array }[] {
  const stream = new SyntheticSocialStream({ seed: 42, textMedianChars: 50 });
  const t0 = Date.UTC(2025, 5, 1);
  return Array.from({ length: n }, (_, i) => {
    const r = stream.next(t0 + i);
    return { partitionKey: r.partitionKey, data: r.data };
  });
}

async function createStream(client: KinesisClient, name: string, shards: number): Promise<void> {
  await client.send(new CreateStreamCommand({ StreamName: name, ShardCount: shards }));
  for (;;) {
    const s = await client.send(new DescribeStreamSummaryCommand({ StreamName: name }));
    if (s.StreamDescriptionSummary?.StreamStatus === 'ACTIVE') return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

function startKinesaliteProcess(): Promise<{ endpoint: string; child: ChildProcess }> {
  // A tiny inline server script: kinesalite on a free loopback port, port sent over IPC.
  const script = `const k = require('kinesalite')({ createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: 1000 });
    k.listen(0, '127.0.0.1', () => process.send(k.address().port));`;
  const child = spawn(process.execPath, ['-e', script], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    cwd: join(__dirname, '..', '..', '..'),
  });
  return new Promise((resolve, reject) => {
    child.once('message', (port) => resolve({ endpoint: `http://127.0.0.1:${String(port)}`, child }));
    child.once('error', reject);
  });
}

function runScenario(name: string, endpoint: string, stream: string, n: number): Promise<ScenarioResult> {
  const child = fork(join(__dirname, 'producer.bench.ts'), [], {
    execArgv: process.execArgv,
    env: {
      ...process.env,
      BENCH_ROLE: 'scenario',
      BENCH_SCENARIO: name,
      BENCH_ENDPOINT: endpoint,
      BENCH_STREAM: stream,
      BENCH_N: String(n),
    },
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m as ScenarioResult));
    child.once('exit', (code) => reject(new Error(`scenario ${name} exited (code ${code}) without a result`)));
  });
}

// ---- scenarios (run in their own process) --------------------------------------------------

async function scenario(name: string, endpoint: string, stream: string, n: number): Promise<ScenarioResult> {
  const client = makeKinesisClient(endpoint, { maxSockets: 64 });
  const input = posts(n);
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  let kinesisRecords = n;
  let putCalls = n;
  if (name === 'C') {
    let next = 0;
    const worker = async () => {
      while (next < input.length) {
        const p = input[next++] as { partitionKey: string; data: Uint8Array };
        await client.send(new PutRecordCommand({ StreamName: stream, PartitionKey: p.partitionKey, Data: p.data }));
      }
    };
    await Promise.all(Array.from({ length: NAIVE_CONCURRENCY }, worker));
  } else {
    // Throughput run: the TTL is raised so a slow emulator on a shared machine cannot turn the
    // measurement into an expiry test; the memory cap bounds the backlog.
    const producer = new KinesisProducer({
      client,
      streamName: stream,
      aggregation: name === 'A',
      maxBufferedBytes: 8 * 1024 * 1024,
      recordTtlMs: 120_000,
    });
    const results: Promise<unknown>[] = [];
    for (const p of input) results.push((await producer.enqueue(p)).result);
    const failed = (await Promise.allSettled(results)).filter((r) => r.status === 'rejected').length;
    if (failed > 0) throw new Error(`scenario ${name}: ${failed} records failed`);
    await producer.close();
    const m = producer.metrics();
    kinesisRecords = m.KinesisRecordsPut;
    putCalls = m.PutRecordsRequests;
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  client.destroy();
  return {
    scenario: name,
    posts: n,
    seconds,
    postsPerSecond: n / seconds,
    kinesisRecords,
    postsPerRecord: n / kinesisRecords,
    putCalls,
    cpuMicrosPerPost: (cpu.user + cpu.system) / n,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  };
}

// ---- rate limit check ----------------------------------------------------------------------

interface SecondStats {
  readonly second: number;
  readonly bytes: number;
  readonly records: number;
}

async function perSecond(client: KinesisClient, stream: string): Promise<SecondStats[]> {
  const { Shards = [] } = await client.send(new ListShardsCommand({ StreamName: stream }));
  const buckets = new Map<number, { bytes: number; records: number }>();
  const it = await client.send(
    new GetShardIteratorCommand({ StreamName: stream, ShardId: Shards[0]?.ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
  );
  let iterator = it.ShardIterator;
  for (;;) {
    const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 10_000 }));
    for (const r of page.Records ?? []) {
      const second = Math.floor((r.ApproximateArrivalTimestamp as Date).getTime() / 1000);
      const b = buckets.get(second) ?? { bytes: 0, records: 0 };
      b.bytes += Buffer.byteLength(r.PartitionKey as string) + (r.Data as Uint8Array).length;
      b.records += 1;
      buckets.set(second, b);
    }
    if (!page.Records?.length || !page.NextShardIterator) break;
    iterator = page.NextShardIterator;
  }
  return [...buckets].sort((a, b) => a[0] - b[0]).map(([second, b]) => ({ second, ...b }));
}

async function rateLimitCheck(client: KinesisClient, mode: 'bytes' | 'records', seconds: number) {
  const stream = `bench-rate-${mode}`;
  await createStream(client, stream, 1);
  // Everything is offered at once: `seconds` worth of the shard's limit, far above its rate.
  const input =
    mode === 'bytes'
      ? posts(Math.ceil((seconds * KINESIS_LIMITS.shardBytesPerSecond) / 300))
      : Array.from({ length: seconds * KINESIS_LIMITS.shardRecordsPerSecond }, (_, i) => ({
          partitionKey: `k${i}`,
          data: Buffer.from(`{"n":${i}}`),
        }));
  const producer = new KinesisProducer({
    client,
    streamName: stream,
    aggregation: mode === 'bytes',
    maxBufferedBytes: 64 * 1024 * 1024,
    recordTtlMs: 120_000,
  });
  const results: Promise<unknown>[] = [];
  for (const p of input) results.push((await producer.enqueue(p)).result);
  await Promise.all(results);
  await producer.close();
  const all = await perSecond(client, stream);
  const full = all.slice(1, -1); // first and last seconds are partial
  const limit = mode === 'bytes' ? KINESIS_LIMITS.shardBytesPerSecond : KINESIS_LIMITS.shardRecordsPerSecond;
  const value = (s: SecondStats) => (mode === 'bytes' ? s.bytes : s.records);
  return {
    mode,
    offered: results.length,
    seconds: all.map((s) => ({ bytes: s.bytes, records: s.records })),
    maxBytesPerSecond: Math.max(...all.map((s) => s.bytes)),
    maxRecordsPerSecond: Math.max(...all.map((s) => s.records)),
    meanFullSecondShareOfLimit: full.reduce((a, s) => a + value(s), 0) / Math.max(1, full.length) / limit,
    withinLimit: all.every(
      (s) => s.bytes <= KINESIS_LIMITS.shardBytesPerSecond && s.records <= KINESIS_LIMITS.shardRecordsPerSecond,
    ),
  };
}

// ---- encoder comparison --------------------------------------------------------------------

function encodingComparison(aggregates: number) {
  const { RecordAggregator } = require('aws-kinesis-agg/lib/kpl-agg') as {
    RecordAggregator: new () => {
      addUserRecord(r: object): void;
      checkIfUserRecordFits(r: object): boolean;
      build(): { data: Buffer };
    };
  };
  const input = posts(160);
  const run = (label: string, encodeOne: () => number) => {
    encodeOne();
    const t0 = process.hrtime.bigint();
    let bytes = 0;
    for (let i = 0; i < aggregates; i++) bytes += encodeOne();
    const ns = Number(process.hrtime.bigint() - t0);
    return {
      encoder: label,
      microsPerAggregate: ns / aggregates / 1000,
      microsPerRecord: ns / aggregates / input.length / 1000,
      MBps: bytes / (ns / 1e9) / 1e6,
    };
  };
  const ours = run('streamlens AggregateBuilder', () => {
    const b = new AggregateBuilder();
    for (const p of input) if (b.sizeWith(p) <= 51_200) b.add(p);
    return b.encode().length;
  });
  const theirs = run('aws-kinesis-agg RecordAggregator', () => {
    const a = new RecordAggregator();
    for (const p of input) a.addUserRecord({ partitionKey: p.partitionKey, data: Buffer.from(p.data) });
    return a.build().data.length;
  });
  return {
    recordsPerAggregate: input.length,
    ours,
    awsKinesisAgg: theirs,
    speedup: theirs.microsPerAggregate / ours.microsPerAggregate,
  };
}

// ---- main ----------------------------------------------------------------------------------

/** Runs the benchmark, prints every figure and writes bench-results/producer.json. */
export async function main(): Promise<void> {
  if (process.env['BENCH_ROLE'] === 'scenario') {
    const env = process.env as Record<string, string>;
    const result = await scenario(
      env['BENCH_SCENARIO'] as string,
      env['BENCH_ENDPOINT'] as string,
      env['BENCH_STREAM'] as string,
      Number(env['BENCH_N']),
    );
    (process.send as (m: unknown) => void)(result);
    return;
  }
  const quick = process.argv.includes('--quick');
  const n = quick ? 20_000 : 100_000;
  const { endpoint, child } = await startKinesaliteProcess();
  const client = makeKinesisClient(endpoint);
  try {
    const sample = posts(1000);
    const meanPostBytes = sample.reduce((a, p) => a + p.data.length, 0) / sample.length;
    console.log(
      `kinesalite at ${endpoint}; ${n} posts (mean ${meanPostBytes.toFixed(0)} bytes) onto ${SHARDS}-shard streams`,
    );
    const scenarios: ScenarioResult[] = [];
    for (const [name, count] of [
      ['A', n],
      ['B', n],
      ['C', quick ? 3_000 : 10_000],
    ] as const) {
      const stream = `bench-${name}`;
      await createStream(client, stream, SHARDS);
      const r = await runScenario(name, endpoint, stream, count);
      scenarios.push(r);
      console.log(
        `${name}: ${r.posts} posts in ${r.seconds.toFixed(2)} s = ${r.postsPerSecond.toFixed(0)} posts/s, ${r.postsPerRecord.toFixed(1)} posts/Kinesis record, ` +
          `${r.putCalls} calls, ${r.cpuMicrosPerPost.toFixed(1)} CPU µs/post, peak RSS ${r.peakRssMB.toFixed(0)} MB`,
      );
    }
    const [a, b, c] = scenarios as [ScenarioResult, ScenarioResult, ScenarioResult];
    const rateBytes = await rateLimitCheck(client, 'bytes', quick ? 4 : 8);
    console.log(
      `rate limit (bytes, aggregated): per second ${rateBytes.seconds.map((s) => `${(s.bytes / 1024).toFixed(0)} KiB/${s.records} rec`).join(', ')}`,
    );
    console.log(
      `  max ${rateBytes.maxBytesPerSecond} B/s (limit ${KINESIS_LIMITS.shardBytesPerSecond}), full seconds at ${(rateBytes.meanFullSecondShareOfLimit * 100).toFixed(1)} % of the byte limit, within limit: ${rateBytes.withinLimit}`,
    );
    const rateRecords = await rateLimitCheck(client, 'records', quick ? 4 : 6);
    console.log(
      `rate limit (records, not aggregated): per second ${rateRecords.seconds.map((s) => `${s.records} rec`).join(', ')}`,
    );
    console.log(
      `  max ${rateRecords.maxRecordsPerSecond} rec/s (limit ${KINESIS_LIMITS.shardRecordsPerSecond}), full seconds at ${(rateRecords.meanFullSecondShareOfLimit * 100).toFixed(1)} % of the record limit, within limit: ${rateRecords.withinLimit}`,
    );
    const encoding = encodingComparison(quick ? 500 : 2000);
    console.log(
      `encoding ${encoding.recordsPerAggregate} posts/aggregate: ours ${encoding.ours.microsPerAggregate.toFixed(1)} µs (${encoding.ours.MBps.toFixed(0)} MB/s), ` +
        `aws-kinesis-agg ${encoding.awsKinesisAgg.microsPerAggregate.toFixed(1)} µs (${encoding.awsKinesisAgg.MBps.toFixed(0)} MB/s): ${encoding.speedup.toFixed(1)}× faster`,
    );
    const summary = {
      generatedAt: new Date().toISOString(),
      command: `npx tsx libs/kinesis/bench/producer.bench.ts${quick ? ' --quick' : ''}`,
      node: process.version,
      shards: SHARDS,
      meanPostBytes,
      ratioVsNaive: a.postsPerSecond / c.postsPerSecond,
      postsPerRecord: a.postsPerRecord,
      targets: { ratioVsNaive: 20, postsPerRecord: 100 },
      met: {
        ratioVsNaive: a.postsPerSecond / c.postsPerSecond >= 20,
        postsPerRecord: a.postsPerRecord >= 100,
        rateLimit: rateBytes.withinLimit && rateRecords.withinLimit && rateBytes.meanFullSecondShareOfLimit >= 0.9,
      },
      scenarios: { A: a, B: b, C: c },
      rateLimit: { bytes: rateBytes, records: rateRecords },
      encoding,
    };
    console.log(
      `A/C = ${summary.ratioVsNaive.toFixed(1)}× (target ≥ 20), A posts/Kinesis record = ${a.postsPerRecord.toFixed(1)} (target ≥ 100)`,
    );
    mkdirSync(join(RESULTS, '..'), { recursive: true });
    writeFileSync(RESULTS, JSON.stringify(summary, null, 2) + '\n');
    console.log(`written ${RESULTS}`);
  } finally {
    client.destroy();
    child.kill();
  }
}
