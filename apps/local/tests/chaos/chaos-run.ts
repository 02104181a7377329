// One chaos run of the whole local pipeline (see docs/ARCHITECTURE.md "Chaos suite"):
// emulators in their own processes, a fault proxy in front of dynalite for the functions, the
// built stack as a child process with consumer errors injected, a producer with PutRecords
// partial failures and a ledger of what it got sequence numbers for; the stack SIGKILLed twice
// and each emulator restarted once mid-run; then drain, redrive, and compare. The stack runs the
// chaos stack file (Pulumi.chaos.yaml: 1 s windows) and the load carries the alert mix
// (alert-mix.ts), so the alerts path publishes real alerts through all of it.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, existsSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutRecordCommand } from '@aws-sdk/client-kinesis';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { loadStackConfig } from '@streamlens/config';
import { makeDynamoClient, makeKinesisClient, spawnEmulator, type EmulatorProcess } from '@streamlens/emulators';
import { KPL_FORMAT } from '@streamlens/kinesis';
import { DynamoTrendsRepository } from '@streamlens/repositories';
import { POISON_REASONS, encodePost, type WindowAggregate } from '@streamlens/schemas';
import { localTableName } from '@streamlens/tables';
import { makeSocialPost, startFaultProxy, type FaultProxy } from '@streamlens/testing';
import { runRedrive } from '../../src/redrive';
import type { TrendAlertDetail } from '@streamlens/alert-events';
import {
  REPO_ROOT,
  signalGroup,
  startStackProcess,
  type StackProcess,
  type StackProcessOptions,
} from '../helpers/stack-process';
import { checkAlerts, type ScriptedAlert } from './alert-checks';
import { ALERT_MIX } from './alert-mix';
import {
  checkCaughtUp,
  checkPosts,
  checkQuarantine,
  checkRedriven,
  checkTrends,
  type QuarantinedEntry,
  type StoredPost,
} from './chaos-checks';
import { ChaosLedger, recordKey, versionTime } from './chaos-ledger';
import type { ChaosProfile } from './chaos-profile';
import { raisePriority } from './priority';
import { startProducerProcess, type ProducerProcess } from './producer-process';
import { readStream } from './chaos-stream';

const STACK = 'chaos';
/** What the alert mix must make the rows call for (in some window each). */
const SCRIPTED_ALERTS: readonly ScriptedAlert[] = [
  { kind: 'rising', hashtag: ALERT_MIX.surge.hashtag },
  { kind: 'new-entrant', hashtag: ALERT_MIX.surge.hashtag },
  { kind: 'sentiment-swing', hashtag: ALERT_MIX.mood.hashtag },
];
const STREAM = `streamlens-${STACK}-posts`;
/** Partition key whose batches crash the consumer (`--crash-on-key`): its records reach the table only by redrive. */
const CRASH_KEY = 'chaos-crash';
/** Records the run puts itself, besides the producer's: the corrupt aggregate and the crash post. */
const DIRECT_PUTS = 2;

/** Figures and verdict of a chaos run. */
export interface ChaosReport {
  readonly figures: Record<string, unknown>;
  /** Empty when the run lost nothing and counted nothing twice. */
  readonly mismatches: string[];
}

type Log = (line: string) => void;

/** Peak RSS of a process so far, MB (0 when /proc cannot tell). */
function peakRssMb(pid: number): number {
  try {
    return Math.round(Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);
  } catch {
    return 0;
  }
}

/** The producer counters worth printing: retries, buffering time, errors by code, back-pressure. */
function pickProducerMetrics(m: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const buffering = m['BufferingTime'] as { avg?: number; max?: number } | undefined;
  return {
    retriesPerRecord: m['RetriesPerRecord'],
    bufferingAvgMs: Math.round(buffering?.avg ?? 0),
    bufferingMaxMs: buffering?.max,
    errorsByCode: m['ErrorsByCode'],
    backPressureWaits: m['BackPressureWaits'],
    userRecordsDataPutBytes: m['UserRecordsDataPut'],
  };
}

/** kinesalite gets the producer's priority (priority.ts): a stream's capacity is not the consumers'. */
function ingestPriority(e: EmulatorProcess): EmulatorProcess {
  if (e.name === 'kinesalite' && raisePriority(e.pid) === 0)
    process.stdout.write('  kinesalite runs at normal priority (not permitted to raise it)\n');
  return e;
}

/** Records the peak RSS of `e` in `peaks` (highest over its restarts). */
function notePeak(peaks: Record<string, number>, e: EmulatorProcess): void {
  peaks[e.name] = Math.max(peaks[e.name] ?? 0, peakRssMb(e.pid));
}

async function restartEmulator(
  e: EmulatorProcess,
  dataDir: string,
  peaks: Record<string, number>,
): Promise<EmulatorProcess> {
  notePeak(peaks, e);
  await e.close();
  return ingestPriority(await spawnEmulator(e.name, { port: e.port, dataDir }));
}

async function killAndRestart(
  stack: StackProcess,
  args: readonly string[],
  options: StackProcessOptions,
): Promise<StackProcess> {
  // To the whole group, as an OOM killer or a closed terminal would hit the stack; its children,
  // in their own groups, must go with it on their own (IPC channel closed).
  signalGroup(stack, 'SIGKILL');
  await stack.exited;
  const next = startStackProcess(args, options);
  await next.ready;
  return next;
}

async function scanAll(doc: DynamoDBDocumentClient, table: string, prefix: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new ScanCommand({
        TableName: table,
        FilterExpression: 'begins_with(pk, :p)',
        ExpressionAttributeValues: { ':p': prefix },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    items.push(...((page.Items ?? []) as Record<string, unknown>[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** The trend rows of the run (directly on dynalite, no faults). */
async function trendRows(dynamoEndpoint: string, t0: number): Promise<WindowAggregate[]> {
  const client = makeDynamoClient(dynamoEndpoint);
  try {
    const trends = new DynamoTrendsRepository({ client, tableName: localTableName(STACK, 'trends'), ttlDays: 7 });
    return await trends.queryWindows(new Date(t0 - 3_600_000), new Date(Date.now() + 3_600_000));
  } finally {
    client.destroy();
  }
}

/** The alerts on the local bus so far (complete lines only: the stack may be appending one). */
function readBus(busFile: string): TrendAlertDetail[] {
  if (!existsSync(busFile)) return [];
  return readFileSync(busFile, 'utf8')
    .split('\n')
    .slice(0, -1)
    .map((l) => (JSON.parse(l) as { detail: TrendAlertDetail }).detail);
}

function readJson<T>(path: string, fallback: T): T {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : fallback;
}

/** A corrupt KPL aggregate: the magic bytes, then a protobuf that does not parse, then a bad checksum. */
function poisonAggregate(): Uint8Array {
  return Buffer.concat([
    Buffer.from(KPL_FORMAT.magic),
    Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f]),
    Buffer.alloc(KPL_FORMAT.checksumBytes, 7),
  ]);
}

/** Runs the chaos scenario of `profile` and reports figures and mismatches. */
export async function runChaos(profile: ChaosProfile, log: Log): Promise<ChaosReport> {
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'streamlens-chaos-'));
  const dirs = { kinesis: join(dir, 'kinesis'), dynamodb: join(dir, 'dynamodb'), stack: join(dir, 'stack') };
  // A root of its own: the chaos stack file beside the built bundles (the stack and the redrive
  // read Pulumi.<stack>.yaml and dist/ from STREAMLENS_REPO_ROOT), none of it in the repository.
  const root = join(dir, 'root');
  mkdirSync(root);
  symlinkSync(join(REPO_ROOT, 'dist'), join(root, 'dist'));
  copyFileSync(join(__dirname, `Pulumi.${STACK}.yaml`), join(root, `Pulumi.${STACK}.yaml`));
  const stackOptions: StackProcessOptions = { group: true, env: { STREAMLENS_REPO_ROOT: root } };
  const config = loadStackConfig(STACK, root);
  let kinesis = ingestPriority(await spawnEmulator('kinesalite', { dataDir: dirs.kinesis }));
  let dynamo = await spawnEmulator('dynalite', { dataDir: dirs.dynamodb });
  const timeoutShare = profile.dynamoTimeoutRate / 2;
  const proxy: FaultProxy = await startFaultProxy({
    target: dynamo.endpoint,
    seed: profile.seed,
    rules: [
      {
        kind: 'error',
        operations: ['BatchWriteItem'],
        error: 'ProvisionedThroughputExceededException',
        probability: profile.dynamoThrottleRate,
      },
      {
        kind: 'unprocessedItems',
        operations: ['BatchWriteItem'],
        fraction: 0.3,
        probability: profile.dynamoUnprocessedRate,
      },
      { kind: 'timeout', operations: ['BatchWriteItem'], delayMs: 300, applied: true, probability: timeoutShare },
      { kind: 'timeout', operations: ['BatchWriteItem'], delayMs: 300, applied: false, probability: timeoutShare },
    ],
  });
  const stackArgs = [
    '--no-load',
    '--stack',
    STACK,
    '--shards',
    String(profile.shards),
    '--data-dir',
    dirs.stack,
    '--kinesis-endpoint',
    kinesis.endpoint,
    '--dynamodb-endpoint',
    proxy.endpoint,
    '--function-errors',
    `consumer=${profile.consumerErrorRate}`,
    '--crash-on-key',
    `consumer=${CRASH_KEY}`,
    '--ports',
    'report=0',
    '--seed',
    String(profile.seed),
    '--drain-timeout',
    '300',
  ];
  let stack = startStackProcess(stackArgs, stackOptions);
  const restarts = { stackKills: 0, kinesalite: 0, dynalite: 0 };
  const emulatorPeakMb: Record<string, number> = {};
  const ledger = new ChaosLedger();
  const unsettled = new Set<string>();
  const mismatches: string[] = [];
  const plain = makeKinesisClient(kinesis.endpoint);
  let producer: ProducerProcess | undefined;
  try {
    await stack.ready;
    log(
      `chaos ${profile.name}: stack up in ${Date.now() - started} ms; producing ${profile.records} records at ${profile.ratePerSecond}/s`,
    );

    // One poison KPL aggregate, put on its own.
    const agg = await plain.send(
      new PutRecordCommand({ StreamName: STREAM, PartitionKey: 'poison-aggregate', Data: poisonAggregate() }),
    );
    ledger.ackPoison(
      recordKey(agg.ShardId as string, agg.SequenceNumber as string, undefined),
      POISON_REASONS.CORRUPT_AGGREGATE,
    );

    // One valid post the consumer crashes on until it is given up; only the redrive stores it.
    const crashPost = makeSocialPost({ postId: 'chaos-crash-post' }, profile.seed);
    await plain.send(
      new PutRecordCommand({ StreamName: STREAM, PartitionKey: CRASH_KEY, Data: encodePost(crashPost) }),
    );
    ledger.ackPost(crashPost.postId, versionTime(crashPost));

    // Produce in a process of its own, with the faults scheduled by its progress.
    producer = startProducerProcess(
      {
        kinesisEndpoint: kinesis.endpoint,
        streamName: STREAM,
        records: profile.records,
        ratePerSecond: profile.ratePerSecond,
        poisonRate: profile.poisonRate,
        seed: profile.seed,
        putRecordsFailedShare: profile.putRecordsFailedShare,
        aggregation: config.producer.aggregation,
      },
      ledger,
      REPO_ROOT,
    );
    const schedule: Array<[number, string, () => Promise<void>]> = [
      [
        0.25,
        'SIGKILL the stack',
        async () => ((stack = await killAndRestart(stack, stackArgs, stackOptions)), void (restarts.stackKills += 1)),
      ],
      [
        0.4,
        'restart kinesalite',
        async () => (
          (kinesis = await restartEmulator(kinesis, dirs.kinesis, emulatorPeakMb)),
          void (restarts.kinesalite += 1)
        ),
      ],
      [
        0.55,
        'SIGKILL the stack',
        async () => ((stack = await killAndRestart(stack, stackArgs, stackOptions)), void (restarts.stackKills += 1)),
      ],
      [
        0.7,
        'restart dynalite',
        async () => (
          (dynamo = await restartEmulator(dynamo, dirs.dynamodb, emulatorPeakMb)),
          proxy.setTarget(dynamo.endpoint),
          void (restarts.dynalite += 1)
        ),
      ],
    ];
    const t0 = Date.now();
    let producing = true;
    const summary = producer.done.finally(() => void (producing = false));
    summary.catch(() => undefined); // awaited below; the schedule loop must not race an unhandled rejection
    while (schedule.length > 0 && producing) {
      const [at, what, act] = schedule[0] as [number, string, () => Promise<void>];
      if (producer.offered() / profile.records >= at) {
        schedule.shift();
        const s = Date.now();
        await act();
        log(
          `  at ${Math.round(at * 100)} % (${((s - t0) / 1000).toFixed(1)} s): ${what} — back in ${Date.now() - s} ms`,
        );
      } else await new Promise((r) => setTimeout(r, 20));
    }
    const produced = await summary;
    if (schedule.length > 0)
      mismatches.push(`chaos: ${schedule.length} scheduled faults never ran (the producer finished first)`);
    for (const id of produced.gaveUp) unsettled.add(id);
    const offeredPerSecond = Math.round(profile.records / (produced.offerMs / 1000));
    if (offeredPerSecond < profile.minRatePerSecond)
      mismatches.push(
        `producer: offered ${offeredPerSecond} records/s, under the profile's least ${profile.minRatePerSecond}/s`,
      );
    log(
      `  offered in ${(produced.offerMs / 1000).toFixed(1)} s (${offeredPerSecond}/s), settled in ${(produced.settledMs / 1000).toFixed(1)} s; acknowledged ${ledger.acknowledged}, gave up ${unsettled.size}`,
    );

    // Drain: wait until both mappings checkpointed every shard's last record with no window open.
    // A fresh client: the first one's pooled sockets sat idle through the run and the restarts.
    const reader = makeKinesisClient(kinesis.endpoint);
    const stream = await readStream(reader, STREAM, config.aggregator.tumblingWindowInSeconds).finally(() =>
      reader.destroy(),
    );
    const busFile = join(dirs.stack, 'bus', 'events.ndjson');
    const cpFile = (fn: string) => join(dirs.stack, 'mappings', fn, 'checkpoints.json');
    const checkpoints = () => ({
      consumer:
        readJson<Record<string, Record<string, { sequenceNumber?: string; window?: unknown }>>>(cpFile('consumer'), {})[
          `streamlens-${STACK}-consumer`
        ] ?? {},
      aggregator:
        readJson<Record<string, Record<string, { sequenceNumber?: string; window?: unknown }>>>(
          cpFile('aggregator'),
          {},
        )[`streamlens-${STACK}-aggregator`] ?? {},
    });
    // Leaves the last 90 s of jest's limit for stopping, redrive and the checks, so a slow drain
    // ends as a "caught up" mismatch with figures rather than a jest timeout.
    const drainDeadline = started + profile.timeoutMs - 90_000;
    const drainStart = Date.now();
    while (checkCaughtUp(stream.lastSequence, checkpoints()).length > 0 && Date.now() < drainDeadline)
      await new Promise((r) => setTimeout(r, 1000));
    log(`  drained in ${((Date.now() - drainStart) / 1000).toFixed(1)} s after the last record`);
    // The alerts function reads the trends table's stream behind the aggregator: before Ctrl-C,
    // wait until every alert the rows call for is on the bus (what is still missing at the
    // deadline is a mismatch below).
    const alertsStart = Date.now();
    while (
      checkAlerts(await trendRows(dynamo.endpoint, t0), readBus(busFile), config.alerts).figures.missing > 0 &&
      Date.now() < drainDeadline
    )
      await new Promise((r) => setTimeout(r, 1000));
    log(`  alerts on the bus ${((Date.now() - alertsStart) / 1000).toFixed(1)} s after the drain`);
    signalGroup(stack, 'SIGINT'); // Ctrl-C, as a terminal sends it
    const code = await stack.exited;
    if (code !== 0) mismatches.push(`the stack exited with ${code} on SIGINT:\n${stack.output().slice(-2000)}`);
    mismatches.push(...checkCaughtUp(stream.lastSequence, checkpoints()));

    // Redrive every on-failure batch of the consumer (the aggregator has none to redrive by design).
    const failures = readJson<Array<{ requestContext: { requestId: string } }>>(
      join(dirs.stack, 'mappings', 'consumer', 'failures.json'),
      [],
    );
    const aggregatorFailures = readJson<unknown[]>(join(dirs.stack, 'mappings', 'aggregator', 'failures.json'), []);
    if (aggregatorFailures.length > 0)
      mismatches.push(`aggregator: ${aggregatorFailures.length} on-failure records (a window was given up)`);
    const redriveOptions = {
      dataDir: dirs.stack,
      stack: STACK,
      fn: 'consumer',
      kinesisEndpoint: kinesis.endpoint,
      dynamodbEndpoint: dynamo.endpoint,
      repoRoot: root,
    } as const;
    const redrive = await runRedrive(redriveOptions);
    // Twice: idempotent writes make a second redrive of the same ranges harmless (the checks below).
    const again = await runRedrive({ ...redriveOptions, again: true });
    const replayed = (r: typeof redrive) => r.reports.reduce((n, x) => n + x.replayed, 0);
    if (again.reports.length !== redrive.reports.length || replayed(again) !== replayed(redrive)) {
      mismatches.push(
        `redrive: the second redrive replayed ${again.reports.length} batches / ${replayed(again)} records, the first ${redrive.reports.length} / ${replayed(redrive)}`,
      );
    }
    const redriven = new Set(
      readJson<Array<{ requestId: string }>>(join(dirs.stack, 'mappings', 'consumer', 'redriven.json'), []).map(
        (e) => e.requestId,
      ),
    );
    mismatches.push(
      ...checkRedriven(
        failures.map((f) => f.requestContext.requestId),
        redriven,
      ),
    );

    // Compare the tables with the ledger and the stream (directly on dynalite, no faults).
    const dc = makeDynamoClient(dynamo.endpoint);
    const doc = DynamoDBDocumentClient.from(dc);
    try {
      const posts = await scanAll(doc, localTableName(STACK, 'posts'), 'POST#');
      const stored: StoredPost[] = posts.map((p) => ({
        postId: String(p['postId']),
        versionMs: Date.parse(String(p['versionKey']).split('#')[0] as string),
      }));
      mismatches.push(...checkPosts(ledger.newestVersion, stored, unsettled));
      const missingFromStream = [...ledger.newestVersion.keys()].filter((id) => !stream.postIds.has(id));
      if (missingFromStream.length)
        mismatches.push(
          `stream: ${missingFromStream.length} acknowledged posts are not in the stream (e.g. ${missingFromStream.slice(0, 3).join(', ')})`,
        );
      const quarantine = await scanAll(doc, localTableName(STACK, 'quarantine'), 'Q#');
      const entries: QuarantinedEntry[] = quarantine.map((q) => ({
        key: recordKey(
          String(q['shardId']),
          String(q['sequenceNumber']),
          q['subSequenceNumber'] === undefined ? undefined : Number(q['subSequenceNumber']),
        ),
        reason: String(q['reason']),
      }));
      const quarantineCheck = checkQuarantine(ledger.poison, entries, stream.contentHash);
      mismatches.push(...quarantineCheck.mismatches);
      const rows = await trendRows(dynamo.endpoint, t0);
      const actual = new Map<string, number>();
      for (const row of rows) actual.set(row.windowStart, (actual.get(row.windowStart) ?? 0) + row.postCount);
      mismatches.push(...checkTrends(stream.postsPerWindow, actual));
      // Trend alerts: the final rows' decisions against the distinct alert ids on the local bus.
      const alertCheck = checkAlerts(rows, readBus(busFile), config.alerts, SCRIPTED_ALERTS);
      mismatches.push(...alertCheck.mismatches);
      const consumerLog = existsSync(join(dirs.stack, 'logs', 'consumer.log'))
        ? readFileSync(join(dirs.stack, 'logs', 'consumer.log'), 'utf8').split('\n')
        : [];
      const functionErrors = consumerLog.filter((l) => l.includes('injected function error')).length;
      const crashes = consumerLog.filter((l) => l.includes('injected crash')).length;
      const proxyCounts = proxy.counts();
      const figures = {
        profile: profile.name,
        recordsOffered: profile.records + DIRECT_PUTS,
        offeredPerSecond,
        producerNice: producer.nice,
        producer: pickProducerMetrics(produced.metrics),
        acknowledged: ledger.acknowledged,
        validRecords: ledger.validRecords,
        distinctPosts: ledger.newestVersion.size,
        poison: ledger.poison.size,
        producerGaveUp: unsettled.size,
        streamRecords: stream.records,
        stored: stored.length,
        quarantined: entries.length,
        quarantinedCopiesOfUnacknowledgedWrites: quarantineCheck.copies,
        trendWindows: actual.size,
        trendPostCount: [...actual.values()].reduce((a, b) => a + b, 0),
        alerts: alertCheck.figures,
        onFailureBatches: failures.length,
        redriven: redrive.reports.length,
        redrivenAgain: again.reports.length,
        redrivenRecords: replayed(redrive),
        faults: {
          dynamoByKind: proxyCounts.byKind,
          dynamoUnprocessedEntries: proxyCounts.unprocessedEntries,
          dynamoUpstreamErrors: proxyCounts.upstreamErrors,
          putRecordsFailedEntries: produced.putRecordsFailedEntries,
          consumerFunctionErrors: functionErrors,
          consumerCrashes: crashes,
        },
        restarts,
        emulatorPeakRssMb: (notePeak(emulatorPeakMb, kinesis), notePeak(emulatorPeakMb, dynamo), { ...emulatorPeakMb }),
        seconds: Math.round((Date.now() - started) / 100) / 10,
      };
      return { figures, mismatches };
    } finally {
      dc.destroy();
    }
  } finally {
    plain.destroy();
    producer?.kill();
    if (stack.child.exitCode === null && stack.child.signalCode === null) {
      signalGroup(stack, 'SIGKILL');
      await stack.exited;
    }
    await proxy.close();
    await kinesis.close();
    await dynamo.close();
    if (!process.env['CHAOS_KEEP_DATA']) rmSync(dir, { recursive: true, force: true });
    else log(`  data kept in ${dir}`);
  }
}
