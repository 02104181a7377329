// Local stack: the plan of a stack config (local-plan.ts) applied in named steps — emulators →
// stream and tables → event-source mappings invoking the built bundles → report server →
// optional synthetic load. Each step gets an options object and registers what it must close.
import { join } from 'node:path';
import { ScanCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { loadStackConfig, type MappingName, type StackConfig } from '@streamlens/config';
import { ensureStream, ensureTable, makeDynamoClient, makeKinesisClient } from '@streamlens/emulators';
import type { BusEvent } from '@streamlens/event-bus';
import { createRng } from '@streamlens/testing';
import { TABLE_SPECS, localTableName, type TableName } from '@streamlens/tables';
import {
  EventSourceMapping,
  KinesisStreamSource,
  lambdaNodeFor,
  type LambdaNode,
  type Logger,
  type MappingStats,
} from '@streamlens/event-source-mapping';
import type { DynamoDbEmulator, LocalStackFlags } from '../cli/flags';
import { Closers } from './closers';
import { startFailureBuckets } from './failure-buckets';
import { startLocalAlerts, type LocalAlerts } from './local-alerts';
import { FunctionLogSink } from './function-logs';
import { startEmulators } from './local-emulators';
import {
  bundlePath,
  startMappings,
  startReport,
  type FunctionContext,
  type MappingIo,
  type StartedMappings,
} from './local-functions';
import { producerSettings } from './producer-settings';
import type { ReportServer } from './report-server';
import { LOCAL_FUNCTIONS, planLocalStack, type LocalStackPlan } from './local-plan';
import { SyntheticLoad, type LoadCounters } from './synthetic-load';
import type { ConsumedCounts, PostCounter } from './post-counter';
import { readStreamLedger, type StreamLedger } from './stream-ledger';
import { healthFigures, startHealthServer, type HealthServer } from './health-server';
import type { GivenUpRange } from './post-accounting';

/** Where the stack finds the repository (stack files, bundles). */
export interface LocalStackPaths {
  readonly repoRoot: string;
}

/** Settings a run may change over the stack file's (benchmarks compare alternatives with them). */
export interface LocalStackOverrides {
  /** Mappings read through an enhanced fan-out consumer, whatever the stack file says. */
  readonly enhancedFanOut?: readonly MappingName[];
  /** Changes the stack file's settings for this run (e.g. a benchmark arm with other batch settings). */
  readonly config?: (fromFile: StackConfig) => StackConfig;
  /** Wraps each mapping's function invoker (e.g. to time every invoke); the mapping calls what it returns. */
  readonly wrapInvoker?: MappingIo['wrapInvoker'];
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

/** What provisioning returns: the stream's ARN and the tables' stream ARNs. */
interface ProvisionedStorage {
  readonly streamArn: string;
  /** LatestStreamArn of each table whose spec has a stream (trends). */
  readonly tableStreamArns: Partial<Record<TableName, string>>;
}

/** Step: the stream and the tables of the plan. */
async function provisionStorage(
  plan: LocalStackPlan,
  clients: { kc: KinesisClient; dc: DynamoDBClient },
): Promise<ProvisionedStorage> {
  const streamArn = await ensureStream(clients.kc, plan.streamName, plan.shardCount);
  const tableStreamArns: Partial<Record<TableName, string>> = {};
  for (const table of plan.tables) {
    const created = await ensureTable(clients.dc, table.name, table.spec);
    const logical = table.spec.logicalName as TableName;
    if (table.spec.stream && created.LatestStreamArn) tableStreamArns[logical] = created.LatestStreamArn;
  }
  return { streamArn, tableStreamArns };
}

/** Counts a table's items whose key starts with a prefix (Select COUNT, every page). */
async function countItems(dc: DynamoDBClient, tableName: string, pkPrefix?: string): Promise<number> {
  let count = 0;
  let start: Record<string, never> | undefined;
  do {
    const page = await dc.send(
      new ScanCommand({
        TableName: tableName,
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
}

/** What the steps started, for the running stack's view of itself. */
interface RunningParts {
  readonly config: StackConfig;
  readonly plan: LocalStackPlan;
  readonly endpoints: { readonly kinesis: string; readonly dynamodb: string };
  readonly dynamodbEmulator: DynamoDbEmulator | 'external';
  readonly tableStreamArns: Readonly<Partial<Record<TableName, string>>>;
  readonly functionNode: LambdaNode;
  readonly kc: KinesisClient;
  readonly dc: DynamoDBClient;
  readonly logs: FunctionLogSink;
  readonly closers: Closers;
  readonly started: StartedMappings;
  readonly alerts: LocalAlerts | undefined;
  readonly report: ReportServer;
  readonly load: SyntheticLoad | undefined;
}

/** Step: the running stack's handle (status, counts, ledger, drain, stop). */
function runningStack(p: RunningParts): LocalStack {
  const { mappings, failing, counters, destinations } = p.started;
  let loadStopped: Promise<void> | undefined;
  const stopLoad = () => (loadStopped ??= p.load ? p.load.stop() : Promise.resolve());
  return {
    config: p.config,
    streamName: p.plan.streamName,
    shardCount: p.plan.shardCount,
    reportUrl: p.report.url,
    endpoints: p.endpoints,
    dynamodbEmulator: p.dynamodbEmulator,
    tableStreamArns: p.tableStreamArns,
    functions: p.plan.mappings.map((m) => m.name),
    functionNode: p.functionNode,
    injectedFunctionErrors: () => ({
      ...Object.fromEntries([...failing].map(([name, f]) => [name, f.injected + f.crashed])),
      ...(p.alerts ? { alerts: p.alerts.injected() } : {}),
    }),
    alertEvents: () => p.alerts?.events() ?? [],
    snapshot: async () => {
      let failureRecords = 0;
      for (const d of destinations.values()) failureRecords += (await d.list()).length;
      const stats = [...mappings].map(([name, m]) => [name, m.stats()] as const);
      const consumed = Object.fromEntries(
        stats.map(([name, s]) => [name, (counters.get(name) as PostCounter).consumed(s.shards)]),
      );
      return {
        load: p.load ? { ...p.load.counters } : undefined,
        mappings: stats.map(([, s]) => s),
        failureRecords,
        consumed,
      };
    },
    ledger: async (): Promise<StreamLedger> => {
      const consumer = mappings.get('consumer') as EventSourceMapping;
      const failures = (await destinations.get('consumer')?.list()) ?? [];
      return readStreamLedger({
        kinesis: p.kc,
        dynamo: p.dc,
        streamName: p.plan.streamName,
        quarantineTable: localTableName(p.plan.stack, 'quarantine'),
        checkpoints: new Map(consumer.stats().shards.map((s) => [s.shardId, s.checkpoint])),
        givenUp: failures.map((f) => (f as { KinesisBatchInfo: GivenUpRange }).KinesisBatchInfo),
      });
    },
    countItems: (table, pkPrefix) =>
      countItems(p.dc, localTableName(p.plan.stack, TABLE_SPECS[table].logicalName), pkPrefix),
    metricTotal: (fn: string, name: string) => p.logs.metricTotal(fn, name),
    stopLoad,
    waitUntilCaughtUp: (timeoutMs) =>
      waitUntilCaughtUp([...mappings.values(), ...(p.alerts ? [p.alerts.mapping] : [])], timeoutMs),
    stop: async (options = {}) => {
      const drain = options.drain ?? true;
      // Without a drain the producer's unacknowledged buffer is not waited for: it stops offering.
      if (drain) await stopLoad();
      else void stopLoad().catch(() => undefined);
      await p.closers.closeAll(drain);
    },
  };
}

/** Step: the report's pipeline-health source, what this stack measures (docs/ARCHITECTURE.md). */
async function startHealth(started: StartedMappings, logs: FunctionLogSink, closers: Closers): Promise<HealthServer> {
  const startedAt = Date.now();
  const health = await startHealthServer(async () => {
    const onFailure: Record<string, number> = {};
    for (const [fn, d] of started.destinations) onFailure[fn] = (await d.list()).length;
    return healthFigures({
      mappings: [...started.mappings.values()].map((m) => m.stats()),
      consumerMetrics: logs.metricTotals('consumer'),
      onFailure,
      startedAt,
      now: Date.now(),
    });
  });
  closers.add(() => health.close());
  return health;
}

/**
 * Starts the local stack for a stack config: validates the config (nothing starts on a
 * mistake), plans, then runs the steps.
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
  const fromFile: StackConfig = loadStackConfig(flags.stack, paths.repoRoot);
  const config = overrides.config ? overrides.config(fromFile) : fromFile;
  const plan = planLocalStack(config, {
    stack: flags.stack,
    ...(flags.shards !== undefined ? { shards: flags.shards } : {}),
    ...(overrides.enhancedFanOut ? { enhancedFanOut: overrides.enhancedFanOut } : {}),
  });
  const bundles = Object.fromEntries(
    LOCAL_FUNCTIONS.flatMap((role) => plan.functions[role]?.app ?? []).map((app) => [
      app,
      bundlePath(paths.repoRoot, app),
    ]),
  );

  const functionNode = lambdaNodeFor(config.functions.runtime);

  const { kinesis, dynamo } = await startEmulators(flags);
  const endpoints = { kinesis: kinesis.endpoint, dynamodb: dynamo.endpoint };
  const kc: KinesisClient = makeKinesisClient(kinesis.endpoint);
  // Provisioning and counting are idempotent: retried through a dropped connection (DynamoDB
  // Local's JVM, busy warming up, has reset the first calls under load).
  const dc: DynamoDBClient = makeDynamoClient(dynamo.endpoint, { maxAttempts: 3 });
  const logs = new FunctionLogSink(flags.dataDir ? join(flags.dataDir, 'logs') : undefined);
  const closers = new Closers();
  // Closed in reverse: the clients first, the emulators next, the function logs last.
  closers.add(async () => logs.close());
  closers.add(async () => dynamo.close());
  closers.add(async () => kinesis.close());
  closers.add(async () => (kc.destroy(), dc.destroy()));

  try {
    const { streamArn, tableStreamArns } = await provisionStorage(plan, { kc, dc });
    const rng = createRng(flags.seed);
    const ctx: FunctionContext = { plan, functionNode, flags, bundles, endpoints, logs, closers, rng };
    const source = new KinesisStreamSource({ kinesis: kc, streamName: plan.streamName, streamArn });
    // Mappings whose on-failure target is s3 write to buckets of a local s3rver, as Lambda does.
    const buckets = await startFailureBuckets(flags.stack, config, flags.dataDir);
    if (buckets) closers.add(() => buckets.close());
    const started = await startMappings(ctx, {
      source,
      buckets,
      logger,
      ...(overrides.wrapInvoker ? { wrapInvoker: overrides.wrapInvoker } : {}),
    });
    const alerts = await startAlertsPath(ctx, { config, tableStreamArns, logger });
    const health = await startHealth(started, logs, closers);
    const report = await startReport(ctx, { pipelineHealthUrl: health.url, alerts });
    const load = flags.load
      ? new SyntheticLoad({
          client: kc,
          streamName: plan.streamName,
          rate: flags.rate,
          seed: flags.seed,
          poisonRate: flags.poisonRate,
          producer: producerSettings(config.producer),
        })
      : undefined;
    return runningStack({
      config,
      plan,
      endpoints,
      dynamodbEmulator: flags.external.dynamodb ? 'external' : flags.dynamodb,
      tableStreamArns,
      functionNode,
      kc,
      dc,
      logs,
      closers,
      started,
      alerts,
      report,
      load,
    });
  } catch (err) {
    await closers.closeAll();
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

/**
 * Step: the trends table's stream → the alerts function → the local bus (docs/ARCHITECTURE.md),
 * when the plan has the alerts function and the trends table its stream (a DynamoDB endpoint
 * without Streams was already reported by ensureTable).
 */
async function startAlertsPath(
  ctx: FunctionContext,
  o: {
    readonly config: StackConfig;
    readonly tableStreamArns: Partial<Record<TableName, string>>;
    readonly logger: Logger;
  },
): Promise<LocalAlerts | undefined> {
  const fn = ctx.plan.functions.alerts;
  const trendsStreamArn = o.tableStreamArns.trends;
  if (!fn || !trendsStreamArn) return undefined;
  const alerts = await startLocalAlerts({
    stack: ctx.plan.stack,
    config: o.config,
    dataDir: ctx.flags.dataDir,
    webhookUrl: ctx.flags.alertsWebhook,
    putEventsFailures: ctx.flags.putEventsFailures,
    functionErrors: ctx.flags.functionErrors.alerts ?? 0,
    random: ctx.rng.next,
    bundlePath: ctx.bundles[fn.app] as string,
    nodePath: ctx.functionNode.path,
    fn,
    endpoints: ctx.endpoints,
    trendsStreamArn,
    onLog: (line) => ctx.logs.write('alerts', line),
    logger: o.logger,
  });
  ctx.closers.add((drain) => alerts.stop(drain));
  return alerts;
}
