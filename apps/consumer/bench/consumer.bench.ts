// Consumer benchmark: the same stream (20,000 realistic posts, 10 % KPL-aggregated, 0.5 %
// poison, Lambda events of 500 records) stored in dynalite three ways, each in a fresh Node
// process (own heap, JIT and peak RSS) against one dynalite running in its own process:
//   A  this consumer: makeRecordProcessor + DynamoPostsWriter / DynamoQuarantineRepository
//   B  the idiomatic Powertools consumer doing the same job (powertools-baseline.ts):
//      BatchProcessor, zod, one PutCommand per item (post item, then one item per hashtag)
//   C  the ceiling (ceiling.ts): A's stored items, already built, written with BatchWriteItem
// Then checks that A and B stored the same posts, that A's hashtag index is exact and B holds an
// index item per hashtag (C all of A's items), counts each variant's DynamoDB write and read
// units per stored post (ReturnConsumedCapacity), and writes bench-results/consumer.json.
// Run: npm run bench -- consumer [--quick] [--records N] [--batch N] [--rounds N] [--variants A,B,C] [--cpu-prof]
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { ensureTable, makeDynamoClient } from '@streamlens/emulators';
import {
  CapacityMeter,
  DynamoPostsReader,
  DynamoPostsWriter,
  DynamoQuarantineRepository,
} from '@streamlens/repositories';
import { auditPostsIndex } from '@streamlens/repositories/testing';
import { isIndexableHashtag, normaliseHashtag, type EnrichedPost } from '@streamlens/schemas';
import { TABLE_SPECS } from '@streamlens/tables';
import type { KinesisStreamBatchResponse, KinesisStreamEvent } from 'aws-lambda';
import { makeRecordProcessor } from '../src/record-processor';
import { scanAll, writeAll } from './ceiling';
import { startDynaliteProcess } from './dynalite-process';
import { makePowertoolsHandler } from './powertools-baseline';
import { buildWorkload, type Workload } from './workload';

const ROOT = resolve(__dirname, '../../..');
const SEED = 7;
const TTL_DAYS = 30;
/** Both consumers reject user records above this (64 KiB), so too-large poison stays small. */
const MAX_RECORD_BYTES = 65_536;
const TOO_LARGE_BYTES = 100_000;
/** ingestedAt of every stored post, identical in A and B so their items compare exactly. */
const FIXED_NOW = Date.UTC(2025, 0, 15, 13);
const CEILING_CONCURRENCY = 8;

type Variant = 'A' | 'B' | 'C';

interface Flags {
  readonly records: number;
  readonly batch: number;
  readonly variant?: Variant;
  readonly endpoint?: string;
  readonly tables?: Record<string, string>;
  /** Variants to run (default A,B,C); C needs A. */
  readonly variants: readonly Variant[];
  /** Write a V8 CPU profile of each variant process to tmp/bench-profiles/. */
  readonly cpuProf: boolean;
  /** Interleaved rounds (A, B, C, A, B, C, …) with fresh tables each; figures are medians. */
  readonly rounds: number;
}

/** What one variant's process measured. */
interface VariantResult {
  readonly variant: Variant;
  readonly userRecords: number;
  readonly elapsedMs: number;
  readonly cpuMicros: number;
  readonly maxRssBytes: number;
  readonly failuresReported: number;
  readonly dynaliteCpuMicros?: number;
  /** DynamoDB units the posts table consumed (ConsumedCapacity; C does not count). */
  readonly writeUnits: number;
  readonly readUnits: number;
}

function parseFlags(argv: readonly string[]): Flags {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const quick = argv.includes('--quick');
  const records = Number(value('records') ?? (quick ? 2_000 : 20_000));
  const rounds = Number(value('rounds') ?? (quick ? 3 : 1));
  if (!Number.isSafeInteger(rounds) || rounds < 1)
    throw new Error(`--rounds must be a positive integer, got ${value('rounds')}`);
  const batch = Number(value('batch') ?? 500);
  if (!Number.isSafeInteger(records) || records < 1)
    throw new Error(`--records must be a positive integer, got ${value('records')}`);
  if (!Number.isSafeInteger(batch) || batch < 1 || batch > 10_000)
    throw new Error(`--batch must be 1..10000, got ${value('batch')}`);
  const variant = value('variant') as Variant | undefined;
  const tables = value('tables');
  const variants = (value('variants') ?? 'A,B,C').split(',') as Variant[];
  if (variants.some((v) => !['A', 'B', 'C'].includes(v)) || (variants.includes('C') && !variants.includes('A')))
    throw new Error(`--variants must list A, B, C (C needs A), got ${value('variants')}`);
  return {
    records,
    batch,
    rounds,
    variants,
    cpuProf: argv.includes('--cpu-prof'),
    ...(variant ? { variant } : {}),
    ...(value('endpoint') ? { endpoint: value('endpoint') as string } : {}),
    ...(tables ? { tables: JSON.parse(tables) as Record<string, string> } : {}),
  };
}

// ---------------------------------------------------------------- variant process

async function runEvents(
  handler: (e: KinesisStreamEvent) => Promise<KinesisStreamBatchResponse>,
  events: readonly KinesisStreamEvent[],
): Promise<number> {
  let failures = 0;
  for (const event of events) failures += (await handler(event)).batchItemFailures.length;
  return failures;
}

function handlerFor(
  variant: 'A' | 'B',
  endpoint: string,
  postsTable: string,
  quarantineTable: string,
  capacity: CapacityMeter,
) {
  const client = makeDynamoClient(endpoint);
  const clock = () => FIXED_NOW;
  const logger = new Logger({ serviceName: 'consumer-bench' });
  if (variant === 'B')
    return makePowertoolsHandler({
      client,
      postsTable,
      quarantineTable,
      ttlDays: TTL_DAYS,
      maxRecordBytes: MAX_RECORD_BYTES,
      logger,
      clock,
      capacity,
    });
  return makeRecordProcessor({
    posts: new DynamoPostsWriter({ client, tableName: postsTable, ttlDays: TTL_DAYS, capacity }),
    quarantine: new DynamoQuarantineRepository({ client, tableName: quarantineTable, ttlDays: TTL_DAYS }),
    clock,
    logger,
    metrics: new Metrics({ namespace: 'StreamLensBench', serviceName: 'consumer-bench' }),
    maxRecordBytes: MAX_RECORD_BYTES,
  });
}

async function measure(
  variant: Variant,
  userRecords: number,
  run: () => Promise<number>,
  capacity?: CapacityMeter,
): Promise<VariantResult> {
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const failuresReported = await run();
  const elapsedMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  const units = capacity?.snapshot();
  return {
    variant,
    userRecords,
    elapsedMs,
    cpuMicros: cpu.user + cpu.system,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    failuresReported,
    writeUnits: units?.writeUnits ?? 0,
    readUnits: units?.readUnits ?? 0,
  };
}

async function runVariant(flags: Flags): Promise<VariantResult> {
  const { variant, endpoint, tables } = flags as Required<Flags>;
  const workload = buildWorkload({
    userRecords: flags.records,
    batchSize: flags.batch,
    seed: SEED,
    tooLargeBytes: TOO_LARGE_BYTES,
  });
  if (variant === 'C') {
    const client = makeDynamoClient(endpoint);
    const items = await scanAll(client, tables['aPosts'] as string);
    await writeAll(client, tables['cWarm'] as string, items.slice(0, 2_000), CEILING_CONCURRENCY);
    return measure('C', workload.userRecords, async () => {
      await writeAll(client, tables['cPosts'] as string, items, CEILING_CONCURRENCY);
      return 0;
    });
  }
  const key = variant.toLowerCase();
  // Warm-up on a different stream into separate tables: JIT, connections, lazy SDK code.
  const warm = buildWorkload({
    userRecords: Math.min(2_000, flags.records),
    batchSize: flags.batch,
    seed: SEED + 1,
    tooLargeBytes: TOO_LARGE_BYTES,
  });
  await runEvents(
    handlerFor(
      variant,
      endpoint,
      tables[`${key}WarmPosts`] as string,
      tables[`${key}WarmQuarantine`] as string,
      new CapacityMeter(),
    ),
    warm.events,
  );
  const capacity = new CapacityMeter();
  const handler = handlerFor(
    variant,
    endpoint,
    tables[`${key}Posts`] as string,
    tables[`${key}Quarantine`] as string,
    capacity,
  );
  return measure(variant, workload.userRecords, () => runEvents(handler, workload.events), capacity);
}

// ---------------------------------------------------------------- orchestrator

function spawnVariant(
  variant: Variant,
  flags: Flags,
  endpoint: string,
  tables: Record<string, string>,
): Promise<VariantResult> {
  // tsx as a loader in this very process (not its CLI, which runs the program in a child of its
  // own): one process per variant, and --cpu-prof applies to it.
  const prof = flags.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${join(ROOT, 'tmp/bench-profiles')}`] : [];
  const args = [
    ...prof,
    '--import',
    'tsx',
    __filename,
    '--variant',
    variant,
    '--records',
    String(flags.records),
    '--batch',
    String(flags.batch),
    '--endpoint',
    endpoint,
    '--tables',
    JSON.stringify(tables),
  ];
  // Function output (EMF documents, poison warnings) goes to a pipe that is drained and dropped,
  // as CloudWatch would take it; stderr is shown only if the variant fails.
  const env = { ...process.env, POWERTOOLS_LOG_LEVEL: 'WARN', TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.base.json') };
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe', 'ipc'], env });
  let stderr = '';
  child.stdout?.resume();
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20_000)));
  return new Promise((ok, fail) => {
    let result: VariantResult | undefined;
    child.on('message', (m: VariantResult) => (result = m));
    child.once('exit', (code) =>
      result && code === 0 ? ok(result) : fail(new Error(`variant ${variant} failed (exit ${code}):\n${stderr}`)),
    );
  });
}

async function mapConcurrent<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i] as T);
      }
    }),
  );
  return out;
}

function sortedItems(items: Record<string, unknown>[]): Record<string, unknown>[] {
  const key = (i: Record<string, unknown>) => `${String(i['pk'])}\u0000${String(i['sk'])}`;
  return items.sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
}

/**
 * A and B must have stored the same posts (the same `doc` for every post id, read back through
 * A's reader), A's hashtag index must be exact (no stale, missing or empty entry) and B must hold
 * one index item per indexable hashtag; both must have quarantined every poison record; C must
 * have written all of A's items.
 */
async function verify(
  endpoint: string,
  tables: Record<string, string>,
  workload: Workload,
): Promise<{ postsCompared: number; indexEntries: number; quarantined: number }> {
  const client = makeDynamoClient(endpoint);
  const [itemsA, itemsB, itemsC] = await Promise.all([
    scanAll(client, tables['aPosts'] as string),
    scanAll(client, tables['bPosts'] as string),
    scanAll(client, tables['cPosts'] as string),
  ]);
  if (!isDeepStrictEqual(sortedItems(itemsA), sortedItems(itemsC)))
    throw new Error(`the ceiling wrote ${itemsC.length} items, A stored ${itemsA.length}`);
  const docsB = new Map(
    itemsB.filter((i) => String(i['sk']) === 'POST').map((i) => [String(i['pk']).slice(5), String(i['doc'])]),
  );
  const reader = new DynamoPostsReader({ client, tableName: tables['aPosts'] as string, consistentReads: true });
  const differ: string[] = [];
  let tags = 0;
  await mapConcurrent(workload.postIds, 16, async (id) => {
    const a = await reader.getPost(id);
    const b = docsB.get(id);
    if (a === undefined || b === undefined || !isDeepStrictEqual(a, JSON.parse(b) as EnrichedPost)) differ.push(id);
    else tags += new Set(a.hashtags.map(normaliseHashtag).filter(isIndexableHashtag)).size;
  });
  if (differ.length > 0)
    throw new Error(`${differ.length} posts differ or are missing in A or B, e.g. ${differ.slice(0, 5).join(', ')}`);
  const audit = await auditPostsIndex(client, tables['aPosts'] as string);
  const broken = [...audit.staleEntries, ...audit.missingEntries, ...audit.emptyGroups];
  if (broken.length > 0 || audit.entries !== tags)
    throw new Error(`A's index is not exact (${audit.entries} entries for ${tags} hashtags): ${broken.slice(0, 5)}`);
  const indexB = itemsB.filter((i) => String(i['pk']).startsWith('TAG#')).length;
  if (indexB !== tags) throw new Error(`B stored ${indexB} index items for ${tags} hashtags`);
  // Scan pages stop at 1 MB of items read (quarantined payloads are large): follow every page.
  const count = async (table: string) => {
    let total = 0;
    let start: Record<string, AttributeValue> | undefined;
    do {
      const out = await client.send(
        new ScanCommand({ TableName: table, Select: 'COUNT', ...(start ? { ExclusiveStartKey: start } : {}) }),
      );
      total += out.Count ?? 0;
      start = out.LastEvaluatedKey;
    } while (start);
    return total;
  };
  const [qa, qb] = await Promise.all([count(tables['aQuarantine'] as string), count(tables['bQuarantine'] as string)]);
  if (qa !== workload.poison || qb !== workload.poison)
    throw new Error(`quarantined A=${qa} B=${qb}, expected ${workload.poison}`);
  client.destroy();
  return { postsCompared: workload.postIds.length, indexEntries: tags, quarantined: qa };
}

/** The run with the median throughput (its own CPU and RSS figures, so they stay consistent). */
function medianRun(runs: VariantResult[]): VariantResult {
  return [...runs].sort((x, y) => x.elapsedMs - y.elapsedMs)[runs.length >> 1] as VariantResult;
}

function summarise(r: VariantResult, posts: number) {
  return {
    recordsPerSecond: Math.round(r.userRecords / (r.elapsedMs / 1000)),
    elapsedMs: Math.round(r.elapsedMs),
    cpuMicrosPerRecord: Number((r.cpuMicros / r.userRecords).toFixed(1)),
    dynaliteCpuMicrosPerRecord: Number(((r.dynaliteCpuMicros ?? 0) / r.userRecords).toFixed(1)),
    peakRssMiB: Number((r.maxRssBytes / 1_048_576).toFixed(1)),
    failuresReported: r.failuresReported,
    writeUnitsPerPost: Number((r.writeUnits / posts).toFixed(3)),
    readUnitsPerPost: Number((r.readUnits / posts).toFixed(3)),
  };
}

async function orchestrate(flags: Flags): Promise<void> {
  const workload = buildWorkload({
    userRecords: flags.records,
    batchSize: flags.batch,
    seed: SEED,
    tooLargeBytes: TOO_LARGE_BYTES,
  });
  console.log(
    `consumer bench: ${workload.userRecords} user records (${workload.postIds.length} posts, ${workload.poison} poison) in ${workload.kinesisRecords} Kinesis records ` +
      `(${workload.aggregates} KPL aggregates), ${workload.events.length} events of ≤${flags.batch}; Node ${process.version}; dynalite in its own process`,
  );
  const dynalite = await startDynaliteProcess(ROOT);
  try {
    const runs: Record<Variant, VariantResult[]> = { A: [], B: [], C: [] };
    let checked: Awaited<ReturnType<typeof verify>> | undefined;
    for (let round = 1; round <= flags.rounds; round++) {
      const client = makeDynamoClient(dynalite.endpoint);
      const names = [
        'aPosts',
        'aQuarantine',
        'aWarmPosts',
        'aWarmQuarantine',
        'bPosts',
        'bQuarantine',
        'bWarmPosts',
        'bWarmQuarantine',
        'cPosts',
        'cWarm',
      ];
      const tables = Object.fromEntries(names.map((n) => [n, `bench-r${round}-${n}`]));
      for (const n of names)
        await ensureTable(
          client,
          tables[n] as string,
          n.includes('Quarantine') ? TABLE_SPECS.quarantine : TABLE_SPECS.posts,
        );
      client.destroy();
      for (const variant of flags.variants) {
        const cpu0 = dynalite.cpuMicros();
        const r = await spawnVariant(variant, flags, dynalite.endpoint, tables);
        const result = { ...r, dynaliteCpuMicros: dynalite.cpuMicros() - cpu0 };
        runs[variant].push(result);
        console.log(`  round ${round} ${variant}: ${JSON.stringify(summarise(result, workload.postIds.length))}`);
      }
      if (flags.variants.length === 3) checked ??= await verify(dynalite.endpoint, tables, workload);
    }
    if (!checked) return;
    const results = { A: medianRun(runs.A), B: medianRun(runs.B), C: medianRun(runs.C) };
    const posts = workload.postIds.length;
    const [a, b, c] = [summarise(results.A, posts), summarise(results.B, posts), summarise(results.C, posts)];
    const ratio = Number((a.recordsPerSecond / b.recordsPerSecond).toFixed(2));
    const ceilingFraction = Number((a.recordsPerSecond / c.recordsPerSecond).toFixed(2));
    const report = {
      benchmark: 'consumer',
      command: `npm run bench -- consumer --records ${flags.records} --rounds ${flags.rounds}`,
      node: process.version,
      workload: {
        userRecords: workload.userRecords,
        posts: workload.postIds.length,
        poison: workload.poison,
        kinesisRecords: workload.kinesisRecords,
        aggregates: workload.aggregates,
        batchSize: flags.batch,
      },
      rounds: flags.rounds,
      A: { name: 'this consumer (makeRecordProcessor + DynamoPostsWriter)', ...a },
      B: { name: 'Powertools BatchProcessor + zod + one PutCommand per item (post + one item per hashtag)', ...b },
      C: { name: `ceiling: A's items via BatchWriteItem ×${CEILING_CONCURRENCY} in flight`, ...c },
      ratio,
      ceilingFraction,
      verified: checked,
      measuredAt: new Date().toISOString(),
    };
    mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench-results/consumer.json'), JSON.stringify(report, null, 2) + '\n');
    console.log(`\n  records/s   A ${a.recordsPerSecond}   B ${b.recordsPerSecond}   C ${c.recordsPerSecond}`);
    console.log(
      `  CPU µs/rec  A ${a.cpuMicrosPerRecord}   B ${b.cpuMicrosPerRecord}   C ${c.cpuMicrosPerRecord}   (dynalite: A ${a.dynaliteCpuMicrosPerRecord}, B ${b.dynaliteCpuMicrosPerRecord}, C ${c.dynaliteCpuMicrosPerRecord})`,
    );
    console.log(`  peak RSS    A ${a.peakRssMiB} MiB   B ${b.peakRssMiB} MiB   C ${c.peakRssMiB} MiB`);
    console.log(
      `  units/post  A ${a.writeUnitsPerPost} WCU ${a.readUnitsPerPost} RCU   B ${b.writeUnitsPerPost} WCU ${b.readUnitsPerPost} RCU`,
    );
    console.log(`  ratio A/B = ${ratio}  (target ≥ 3)   ceilingFraction A/C = ${ceilingFraction}`);
    console.log(
      `  verified: A and B stored the same ${checked.postsCompared} posts and ${checked.indexEntries} index entries (A's index exact), and quarantined ${checked.quarantined} records each; wrote bench-results/consumer.json`,
    );
  } finally {
    await dynalite.close();
  }
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  if (flags.variant) {
    const result = await runVariant(flags);
    // Send and exit: open keep-alive sockets would otherwise hold the process.
    process.send?.(result, () => process.exit(0));
    return;
  }
  await orchestrate(flags);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
