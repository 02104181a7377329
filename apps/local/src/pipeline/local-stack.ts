// Local stack: emulators → stream and tables from the stack config → local event-source
// mappings invoking the built bundles → optional synthetic load → report server.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ScanCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import {
  initialShardCount,
  loadStackConfig,
  mappingSettings,
  type MappingName,
  type StackConfig,
} from '@streamlens/config';
import {
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  ensureStream,
  ensureTable,
  makeDynamoClient,
  makeKinesisClient,
  spawnDynamoDbLocal,
  spawnEmulator,
} from '@streamlens/emulators';
import { startFailureBuckets } from './failure-buckets';
import { createRng } from '@streamlens/testing';
import { TABLE_SPECS, listTableSpecs, localTableName, type TableName } from '@streamlens/tables';
import {
  ChildProcessInvoker,
  lambdaNodeFor,
  EventSourceMapping,
  FailingInvoker,
  InMemoryCheckpointStore,
  InMemoryFailureDestination,
  JsonFileCheckpointStore,
  JsonFileFailureDestination,
  KinesisStreamSource,
  ShardReadLimits,
  type FailureDestination,
  type LambdaNode,
  type Logger,
  type MappingStats,
  type MappingSettings,
} from '@streamlens/event-source-mapping';
import type { DynamoDbEmulator, LocalStackFlags } from '../cli/flags';
import type { BusEvent } from '@streamlens/event-bus';
import { ALERT_FEED_PATH } from './alert-feed';
import { startLocalAlerts, type LocalAlerts } from './local-alerts';
import { startReportServer, type ReportServer } from './report-server';
import { SyntheticLoad, type LoadCounters } from './synthetic-load';
import { FunctionLogSink } from './function-logs';
import { PostCounter, type ConsumedCounts } from './post-counter';
import { readStreamLedger, type StreamLedger } from './stream-ledger';
import { healthFigures, startHealthServer } from './health-server';
import type { GivenUpRange } from './post-accounting';

/** Where the stack finds the repository (stack files, bundles). */
export interface LocalStackPaths {
  readonly repoRoot: string;
}

/** Settings a run may change over the stack file's (benchmarks compare alternatives with them). */
export interface LocalStackOverrides {
  /** Mappings read through an enhanced fan-out consumer, whatever the stack file says. */
  readonly enhancedFanOut?: readonly MappingName[];
}

/** A consistent view of the running stack for the status display and the summary. */
export interface StackSnapshot {
  readonly load: LoadCounters | undefined;
  readonly mappings: readonly MappingStats[];
  readonly failureRecords: number;
  /** Posts (and Kinesis records) each function consumed this run, by function name. */
  readonly consumed: Readonly<Record<string, ConsumedCounts>>;
}

/** The running stack. */
export interface LocalStack {
  readonly config: StackConfig;
  readonly streamName: string;
  readonly shardCount: number;
  readonly reportUrl: string | undefined;
  /** DynamoDB Streams is served on the DynamoDB endpoint (AWS_ENDPOINT_URL_DYNAMODB_STREAMS for a client). */
  readonly endpoints: { readonly kinesis: string; readonly dynamodb: string };
  /** The DynamoDB emulator the tables live in. */
  readonly dynamodbEmulator: DynamoDbEmulator | 'external';
  /** LatestStreamArn of each table whose spec has a stream (trends): what a table-stream mapping reads. */
  readonly tableStreamArns: Readonly<Partial<Record<TableName, string>>>;
  /** Events on the local alerts bus, oldest first (none when alerts are off). */
  alertEvents(): readonly BusEvent[];
  readonly functions: readonly string[];
  /** The Node.js the sandboxes run the functions on, chosen for the stack's Lambda runtime. */
  readonly functionNode: LambdaNode;
  /** Sum of an EMF metric a function emitted so far (retries count again), e.g. consumer Quarantined. */
  metricTotal(fn: string, name: string): number;
  /** Reads the stream back and accounts for every post in it (for the final summary). */
  ledger(): Promise<StreamLedger>;
  /** Function errors injected so far by `--function-errors` and `--crash-on-key`, per function. */
  injectedFunctionErrors(): Record<string, number>;
  snapshot(): Promise<StackSnapshot>;
  /** Items in a table whose key starts with a prefix (e.g. stored posts: posts, "POST#"). */
  countItems(table: 'posts' | 'quarantine' | 'trends', pkPrefix?: string): Promise<number>;
  /** Stops the load; resolves once every offered record has settled. */
  stopLoad(): Promise<void>;
  /** Waits until every mapping has consumed everything in the stream (or the timeout). */
  waitUntilCaughtUp(timeoutMs: number): Promise<boolean>;
  /**
   * Drains in-flight batches, persists checkpoints and closes everything. With `drain: false`
   * (a second Ctrl-C) it stops at once: in-flight invokes are abandoned, their batches stay after
   * the saved checkpoints and are read again by the next start on the same data dir.
   */
  stop(options?: { readonly drain?: boolean }): Promise<void>;
}

const FUNCTIONS: readonly { readonly name: MappingName; readonly app: string }[] = [
  { name: 'consumer', app: 'consumer' },
  { name: 'aggregator', app: 'aggregator' },
];

function toEsmSettings(config: StackConfig, name: MappingName): MappingSettings {
  const { onFailureDestination: _destination, ...settings } = mappingSettings(config, name);
  return { ...settings, functionTimeoutSeconds: config[name].function.timeoutSeconds };
}

/** Environment every function sandbox gets: emulator endpoints, tables, Powertools settings. */
export function functionEnv(
  stack: string,
  dynamodb: string,
  kinesis: string,
  config: StackConfig,
  service: string,
): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_DYNAMODB: dynamodb,
    AWS_ENDPOINT_URL_KINESIS: kinesis,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_REGION: LOCAL_REGION,
    POSTS_TABLE: localTableName(stack, 'posts'),
    TRENDS_TABLE: localTableName(stack, 'trends'),
    QUARANTINE_TABLE: localTableName(stack, 'quarantine'),
    ALERTS_TABLE: localTableName(stack, 'alerts'),
    TTL_DAYS: String(config.tables.ttlDays),
    WINDOW_SECONDS: String(config.aggregator.tumblingWindowInSeconds),
    RETENTION_DAYS: String(Math.max(1, Math.floor(config.stream.retentionHours / 24))),
    POWERTOOLS_SERVICE_NAME: service,
    POWERTOOLS_METRICS_NAMESPACE: 'StreamLens',
    POWERTOOLS_LOG_LEVEL: 'WARN',
    AWS_SDK_JS_SUPPRESS_NODE_DEPRECATION_WARNING: '1',
  };
}

/** Path of an app's built bundle; a clear error when it has not been built. */
export function bundlePath(repoRoot: string, app: string): string {
  const path = join(repoRoot, 'dist', 'apps', app, 'main.cjs');
  if (!existsSync(path))
    throw new Error(`the ${app} bundle is missing (${path}): run \`npx nx run ${app}:build\` (npm start builds it)`);
  return path;
}

/** An emulator endpoint the stack uses, and how to let go of it. */
interface EmulatorHandle {
  readonly endpoint: string;
  close(): Promise<void>;
}

// Each emulator runs in its own process (one event loop each: docs/ARCHITECTURE.md) unless an
// external endpoint is given, which the stack then neither starts nor stops.
async function startEmulator(
  name: 'kinesalite' | DynamoDbEmulator,
  external: string | undefined,
  port: number,
  dataDir: string | undefined,
): Promise<EmulatorHandle> {
  if (external) return { endpoint: external, close: async () => undefined };
  const options = { port, ...(dataDir ? { dataDir } : {}) };
  // AWS's DynamoDB Local (Java) instead of dynalite: JavaMissingError says what to install.
  if (name === 'dynamodb-local') return spawnDynamoDbLocal(options);
  return spawnEmulator(name, options);
}

// Each DynamoDB emulator keeps its own files (LevelDB for dynalite, SQLite for DynamoDB Local).
const DYNAMODB_DATA_DIRS: Readonly<Record<DynamoDbEmulator, string>> = {
  dynalite: 'dynamodb',
  'dynamodb-local': 'dynamodb-local',
};

async function startEmulators(flags: LocalStackFlags): Promise<[EmulatorHandle, EmulatorHandle]> {
  const dir = (sub: string) => (flags.dataDir ? join(flags.dataDir, sub) : undefined);
  const [kinesis, dynamo] = await Promise.allSettled([
    startEmulator('kinesalite', flags.external.kinesis, flags.ports.kinesis, dir('kinesis')),
    startEmulator(
      flags.dynamodb,
      flags.external.dynamodb,
      flags.ports.dynamodb,
      dir(DYNAMODB_DATA_DIRS[flags.dynamodb]),
    ),
  ]);
  if (kinesis.status === 'fulfilled' && dynamo.status === 'fulfilled') return [kinesis.value, dynamo.value];
  for (const started of [kinesis, dynamo]) if (started.status === 'fulfilled') await started.value.close();
  throw (kinesis.status === 'rejected' ? kinesis.reason : (dynamo as PromiseRejectedResult).reason) as Error;
}

/**
 * Starts the local stack for a stack config.
 *
 * @example
 * ```ts
 * const stack = await startLocalStack(parseFlags(['--duration', '30']), { repoRoot }, logger);
 * ```
 */
export async function startLocalStack(
  flags: LocalStackFlags,
  paths: LocalStackPaths,
  logger: Logger,
  overrides: LocalStackOverrides = {},
): Promise<LocalStack> {
  const config = loadStackConfig(flags.stack, paths.repoRoot);
  const bundles = Object.fromEntries(
    ['consumer', 'aggregator', 'report', ...(config.alerts.enabled ? ['alerts'] : [])].map((app) => [
      app,
      bundlePath(paths.repoRoot, app),
    ]),
  );
  const shardCount = flags.shards ?? initialShardCount(config);
  const functionNode = lambdaNodeFor(config.functions.runtime);
  const streamName = `streamlens-${flags.stack}-posts`;

  const [kinesis, dynamo] = await startEmulators(flags);
  const kc: KinesisClient = makeKinesisClient(kinesis.endpoint);
  // Provisioning and counting are idempotent: retried through a dropped connection (DynamoDB
  // Local's JVM, busy warming up, has reset the first calls under load).
  const dc: DynamoDBClient = makeDynamoClient(dynamo.endpoint, { maxAttempts: 3 });
  const logs = new FunctionLogSink(flags.dataDir ? join(flags.dataDir, 'logs') : undefined);
  const closers: Array<(drain: boolean) => Promise<void>> = [
    async () => logs.close(),
    async () => dynamo.close(),
    async () => kinesis.close(),
    async () => (kc.destroy(), dc.destroy()),
  ];
  const closeAll = async (drain = true) => {
    for (const close of closers.splice(0).reverse()) await close(drain).catch(() => undefined);
  };

  try {
    const streamArn = await ensureStream(kc, streamName, shardCount);
    const tableStreamArns: Partial<Record<TableName, string>> = {};
    for (const spec of listTableSpecs()) {
      const table = await ensureTable(dc, localTableName(flags.stack, spec.logicalName as TableName), spec);
      if (spec.stream && table.LatestStreamArn) tableStreamArns[spec.logicalName as TableName] = table.LatestStreamArn;
    }
    const mappings: EventSourceMapping[] = [];
    const counters = new Map<string, PostCounter>();
    const failuresOf = new Map<
      string,
      FailureDestination & { list(): readonly unknown[] | Promise<readonly unknown[]> }
    >();
    const failing = new Map<string, FailingInvoker>();
    const rng = createRng(flags.seed);
    // Both local destinations can list what they hold (the SQS queue's role in AWS).
    const destinations: Array<FailureDestination & { list(): readonly unknown[] | Promise<readonly unknown[]> }> = [];
    // Mappings whose on-failure target is s3 write to buckets of a local s3rver, as Lambda does.
    const buckets = await startFailureBuckets(flags.stack, config, flags.dataDir);
    if (buckets) closers.push(() => buckets.close());
    // Kinesis counts reads per shard across its standard consumers: those mappings share one
    // budget. A mapping on enhanced fan-out has a consumer of its own, so a budget of its own.
    const sharedReadLimits = new ShardReadLimits({ clock: Date });
    const fanOut = new Set(
      FUNCTIONS.map((f) => f.name).filter((m) => config[m].enhancedFanOut || overrides.enhancedFanOut?.includes(m)),
    );
    for (const fn of FUNCTIONS) {
      const invoker = new ChildProcessInvoker({
        bundlePath: bundles[fn.app] as string,
        functionName: `streamlens-${flags.stack}-${fn.name}`,
        memoryLimitMb: config[fn.name].function.memoryMb,
        region: LOCAL_REGION,
        env: functionEnv(flags.stack, dynamo.endpoint, kinesis.endpoint, config, fn.name),
        maxSandboxes: shardCount * config[fn.name].parallelizationFactor,
        nodePath: functionNode.path,
        onLog: (line: string) => logs.write(fn.name, line),
      });
      closers.push(() => invoker.close());
      const errorRate = flags.functionErrors[fn.name] ?? 0;
      const crashKey = fn.name === 'consumer' ? flags.crashOnKey.consumer : undefined;
      const chaos =
        errorRate > 0 || crashKey !== undefined
          ? new FailingInvoker(invoker, {
              rate: errorRate,
              random: rng.next,
              ...(crashKey !== undefined ? { crashPartitionKeys: new Set([crashKey]) } : {}),
              // Logged with the function's own lines, so a run killed later still shows its faults.
              onInjected: (requestId, kind) =>
                logs.write(
                  fn.name,
                  JSON.stringify({
                    level: 'ERROR',
                    message:
                      kind === 'crash'
                        ? 'injected crash (--crash-on-key)'
                        : 'injected function error (--function-errors)',
                    requestId,
                  }),
                ),
            })
          : undefined;
      if (chaos) failing.set(fn.name, chaos);
      const counter = new PostCounter(chaos ?? invoker);
      counters.set(fn.name, counter);
      const dir = flags.dataDir ? join(flags.dataDir, 'mappings', fn.name) : undefined;
      const onFailure =
        buckets?.destination(fn.name) ?? (dir ? new JsonFileFailureDestination(dir) : new InMemoryFailureDestination());
      destinations.push(onFailure);
      failuresOf.set(fn.name, onFailure);
      const esm = new EventSourceMapping({
        source: new KinesisStreamSource({ kinesis: kc, streamName, streamArn }),
        mappingId: `streamlens-${flags.stack}-${fn.name}`,
        settings: toEsmSettings(config, fn.name),
        invoker: counter,
        checkpoints: dir ? new JsonFileCheckpointStore(dir) : new InMemoryCheckpointStore(),
        ...(config[fn.name].onFailureDestination ? { onFailure } : {}),
        logger,
        readLimits: fanOut.has(fn.name) ? new ShardReadLimits({ clock: Date }) : sharedReadLimits,
      });
      await esm.start();
      closers.push((drain) => esm.stop({ drain }));
      mappings.push(esm);
    }

    // The trends table's stream → the alerts function → the local bus (docs/ARCHITECTURE.md).
    const alerts = await startAlertsPath(flags, config, {
      bundlePath: bundles['alerts'],
      nodePath: functionNode.path,
      baseEnv: functionEnv(flags.stack, dynamo.endpoint, kinesis.endpoint, config, 'alerts'),
      dynamodbEndpoint: dynamo.endpoint,
      trendsStreamArn: tableStreamArns.trends,
      onLog: (line) => logs.write('alerts', line),
      logger,
      random: rng.next,
    });
    if (alerts) closers.push((drain) => alerts.stop(drain));

    // The report's pipeline-health source: what this stack measures (docs/ARCHITECTURE.md).
    const startedAt = Date.now();
    const health = await startHealthServer(async () => {
      const onFailure: Record<string, number> = {};
      for (const [fn, d] of failuresOf) onFailure[fn] = (await d.list()).length;
      return healthFigures({
        mappings: mappings.map((m) => m.stats()),
        consumerMetrics: logs.metricTotals('consumer'),
        onFailure,
        startedAt,
        now: Date.now(),
      });
    });
    closers.push(() => health.close());
    const reportInvoker = new ChildProcessInvoker({
      bundlePath: bundles['report'] as string,
      functionName: `streamlens-${flags.stack}-report`,
      region: LOCAL_REGION,
      env: {
        ...functionEnv(flags.stack, dynamo.endpoint, kinesis.endpoint, config, 'report'),
        PIPELINE_HEALTH_URL: health.url,
        ...(alerts ? { ALERTS_LIVE_PATH: ALERT_FEED_PATH } : {}),
      },
      maxSandboxes: 4,
      nodePath: functionNode.path,
      onLog: (line: string) => logs.write('report', line),
    });
    closers.push(() => reportInvoker.close());
    const report: ReportServer = await startReportServer(reportInvoker, flags.ports.report, 10_000, (req, res) => {
      if (!alerts?.feed.handles(req)) return false;
      alerts.feed.serve(req, res);
      return true;
    });
    closers.push(() => report.close());

    const load = flags.load
      ? new SyntheticLoad({
          client: kc,
          streamName,
          rate: flags.rate,
          seed: flags.seed,
          poisonRate: flags.poisonRate,
          aggregation: config.producer.aggregation,
        })
      : undefined;
    let loadStopped: Promise<void> | undefined;
    const stopLoad = () => (loadStopped ??= load ? load.stop() : Promise.resolve());

    const countItems = async (table: 'posts' | 'quarantine' | 'trends', pkPrefix?: string): Promise<number> => {
      let count = 0;
      let start: Record<string, never> | undefined;
      do {
        const page = await dc.send(
          new ScanCommand({
            TableName: localTableName(flags.stack, TABLE_SPECS[table].logicalName),
            Select: 'COUNT',
            ...(pkPrefix
              ? { FilterExpression: 'begins_with(pk, :p)', ExpressionAttributeValues: { ':p': { S: pkPrefix } } }
              : {}),
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        );
        count += page.Count ?? 0;
        start = page.LastEvaluatedKey as Record<string, never> | undefined;
      } while (start);
      return count;
    };

    const snapshot = async (): Promise<StackSnapshot> => {
      let failureRecords = 0;
      for (const d of destinations) failureRecords += (await d.list()).length;
      const stats = mappings.map((m) => m.stats());
      const consumed = Object.fromEntries(
        FUNCTIONS.map((f, i) => [f.name, (counters.get(f.name) as PostCounter).consumed(stats[i]?.shards ?? [])]),
      );
      return { load: load ? { ...load.counters } : undefined, mappings: stats, failureRecords, consumed };
    };

    const ledger = async (): Promise<StreamLedger> => {
      const consumer = mappings[FUNCTIONS.findIndex((f) => f.name === 'consumer')] as EventSourceMapping;
      const failures = (await failuresOf.get('consumer')?.list()) ?? [];
      return readStreamLedger({
        kinesis: kc,
        dynamo: dc,
        streamName,
        quarantineTable: localTableName(flags.stack, 'quarantine'),
        checkpoints: new Map(consumer.stats().shards.map((s) => [s.shardId, s.checkpoint])),
        givenUp: failures.map((f) => (f as { KinesisBatchInfo: GivenUpRange }).KinesisBatchInfo),
      });
    };

    return {
      config,
      streamName,
      shardCount,
      functionNode,
      reportUrl: report.url,
      endpoints: { kinesis: kinesis.endpoint, dynamodb: dynamo.endpoint },
      dynamodbEmulator: flags.external.dynamodb ? 'external' : flags.dynamodb,
      tableStreamArns,
      functions: FUNCTIONS.map((f) => f.name),
      injectedFunctionErrors: () => ({
        ...Object.fromEntries([...failing].map(([name, f]) => [name, f.injected + f.crashed])),
        ...(alerts ? { alerts: alerts.injected() } : {}),
      }),
      alertEvents: () => alerts?.events() ?? [],
      snapshot,
      ledger,
      countItems,
      metricTotal: (fn: string, name: string) => logs.metricTotal(fn, name),
      stopLoad,
      waitUntilCaughtUp: (timeoutMs) => waitUntilCaughtUp(alerts ? [...mappings, alerts.mapping] : mappings, timeoutMs),
      stop: async (options = {}) => {
        const drain = options.drain ?? true;
        // Without a drain the producer's unacknowledged buffer is not waited for: it stops offering.
        if (drain) await stopLoad();
        else void stopLoad().catch(() => undefined);
        await closeAll(drain);
      },
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}

/**
 * Caught up = for two consecutive polls, no mapping polled anything new and no shard holds
 * records still to be delivered (windows may still hold state until their final invoke).
 */
async function waitUntilCaughtUp(mappings: readonly EventSourceMapping[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let previous = -1;
  let stableRounds = 0;
  while (Date.now() < deadline) {
    const shards = mappings.flatMap((m) => m.stats().shards);
    const polled = shards.reduce((s, x) => s + x.polled, 0);
    const idle = shards.every((x) => x.pendingRecords === 0);
    stableRounds = idle && polled === previous ? stableRounds + 1 : 0;
    previous = polled;
    if (stableRounds >= 2) return true;
    await new Promise((r) => setTimeout(r, 1000));
  }
  return false;
}

// The alerts path when the stack config enables it and the trends table has its stream (a
// DynamoDB endpoint without Streams was already reported by ensureTable).
async function startAlertsPath(
  flags: LocalStackFlags,
  config: StackConfig,
  o: Omit<
    Parameters<typeof startLocalAlerts>[0],
    | 'stack'
    | 'config'
    | 'dataDir'
    | 'webhookUrl'
    | 'putEventsFailures'
    | 'functionErrors'
    | 'bundlePath'
    | 'trendsStreamArn'
  > & { bundlePath: string | undefined; trendsStreamArn: string | undefined },
): Promise<LocalAlerts | undefined> {
  if (!config.alerts.enabled || !o.bundlePath || !o.trendsStreamArn) return undefined;
  return startLocalAlerts({
    ...o,
    bundlePath: o.bundlePath,
    trendsStreamArn: o.trendsStreamArn,
    stack: flags.stack,
    config,
    dataDir: flags.dataDir,
    webhookUrl: flags.alertsWebhook,
    putEventsFailures: flags.putEventsFailures,
    functionErrors: flags.functionErrors.alerts ?? 0,
  });
}
