// Local stack, function steps: each planned function runs its built bundle in child-process
// sandboxes; the mappings invoke the stream functions, a loopback server the report.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LOCAL_REGION } from '@streamlens/emulators';
import type { MappingName } from '@streamlens/config';
import {
  ChildProcessInvoker,
  EventSourceMapping,
  FailingInvoker,
  InMemoryCheckpointStore,
  InMemoryFailureDestination,
  JsonFileCheckpointStore,
  JsonFileFailureDestination,
  ShardReadLimits,
  type FailureDestination,
  type FunctionInvoker,
  type KinesisStreamSource,
  type LambdaNode,
  type Logger,
} from '@streamlens/event-source-mapping';
import { createRng } from '@streamlens/testing';
import type { LocalStackFlags } from '../cli/flags';
import type { Closers } from './closers';
import type { FailureBuckets } from './failure-buckets';
import {
  emulatorEnvironment,
  type EmulatorEndpoints,
  type LocalFunctionPlan,
  type LocalMappingPlan,
  type LocalStackPlan,
} from './local-plan';
import { startReportServer, type ReportServer } from './report-server';
import { ALERT_FEED_PATH } from './alert-feed';
import type { LocalAlerts } from './local-alerts';
import type { FunctionLogSink } from './function-logs';
import { PostCounter } from './post-counter';

/** Path of an app's built bundle; a clear error when it has not been built. */
export function bundlePath(repoRoot: string, app: string): string {
  const path = join(repoRoot, 'dist', 'apps', app, 'main.cjs');
  if (!existsSync(path))
    throw new Error(`the ${app} bundle is missing (${path}): run \`npx nx run ${app}:build\` (npm start builds it)`);
  return path;
}

/** The environment of a function's sandboxes: its planned environment plus the emulators. */
export function sandboxEnvironment(fn: LocalFunctionPlan, endpoints: EmulatorEndpoints): Record<string, string> {
  return { ...fn.environment, ...emulatorEnvironment(endpoints) };
}

/** What the function steps share. */
export interface FunctionContext {
  readonly plan: LocalStackPlan;
  /** The Node.js the sandboxes run the functions on (the stack runtime's major). */
  readonly functionNode: LambdaNode;
  readonly flags: LocalStackFlags;
  readonly bundles: Readonly<Record<string, string>>;
  readonly endpoints: EmulatorEndpoints;
  readonly logs: FunctionLogSink;
  readonly closers: Closers;
  /** Chaos draws (`--seed`), shared by every function's injected faults. */
  readonly rng: ReturnType<typeof createRng>;
}

/** Step: the sandboxes of one function (child processes running its built bundle). */
function startInvoker(
  ctx: FunctionContext,
  fn: LocalFunctionPlan,
  maxSandboxes: number,
  extraEnv: Readonly<Record<string, string>> = {},
): ChildProcessInvoker {
  const invoker = new ChildProcessInvoker({
    bundlePath: ctx.bundles[fn.app] as string,
    functionName: fn.functionName,
    memoryLimitMb: fn.memoryMb,
    region: LOCAL_REGION,
    env: { ...sandboxEnvironment(fn, ctx.endpoints), ...extraEnv },
    nodePath: ctx.functionNode.path,
    maxSandboxes,
    onLog: (line: string) => ctx.logs.write(fn.role, line),
  });
  ctx.closers.add(() => invoker.close());
  return invoker;
}

/** Chaos (`--function-errors`, `--crash-on-key`): a FailingInvoker around the function's, if asked for. */
function chaosInvoker(
  ctx: FunctionContext,
  mapping: LocalMappingPlan,
  invoker: FunctionInvoker,
  rng: ReturnType<typeof createRng>,
): FailingInvoker | undefined {
  const errorRate = ctx.flags.functionErrors[mapping.name] ?? 0;
  const crashKey = mapping.name === 'consumer' ? ctx.flags.crashOnKey.consumer : undefined;
  if (errorRate <= 0 && crashKey === undefined) return undefined;
  return new FailingInvoker(invoker, {
    rate: errorRate,
    random: rng.next,
    ...(crashKey !== undefined ? { crashPartitionKeys: new Set([crashKey]) } : {}),
    // Logged with the function's own lines, so a run killed later still shows its faults.
    onInjected: (requestId, kind) =>
      ctx.logs.write(
        mapping.name,
        JSON.stringify({
          level: 'ERROR',
          message: kind === 'crash' ? 'injected crash (--crash-on-key)' : 'injected function error (--function-errors)',
          requestId,
        }),
      ),
  });
}

/** A local on-failure destination: it can list what it holds (the SQS queue's role in AWS). */
export type ListableDestination = FailureDestination & { list(): readonly unknown[] | Promise<readonly unknown[]> };

/** The running mappings and what they hold, by mapping name. */
export interface StartedMappings {
  readonly mappings: ReadonlyMap<string, EventSourceMapping>;
  readonly failing: ReadonlyMap<string, FailingInvoker>;
  /** Counts the posts each function consumed. */
  readonly counters: ReadonlyMap<string, PostCounter>;
  readonly destinations: ReadonlyMap<string, ListableDestination>;
}

/** What the mappings read from and write to. */
export interface MappingIo {
  readonly source: KinesisStreamSource;
  /** The local S3 buckets of the mappings whose on-failure target is s3, if any. */
  readonly buckets: FailureBuckets | undefined;
  readonly logger: Logger;
  /** Wraps each mapping's function invoker (e.g. to time every invoke); the mapping calls what it returns. */
  readonly wrapInvoker?: (mapping: MappingName, invoker: FunctionInvoker) => FunctionInvoker;
}

/** Step: one event-source mapping per planned mapping, each invoking its function's sandboxes. */
export async function startMappings(ctx: FunctionContext, io: MappingIo): Promise<StartedMappings> {
  const mappings = new Map<string, EventSourceMapping>();
  const failing = new Map<string, FailingInvoker>();
  const counters = new Map<string, PostCounter>();
  const destinations = new Map<string, ListableDestination>();
  // Kinesis counts reads per shard across its standard consumers: those mappings share one
  // budget. A mapping on enhanced fan-out has a consumer of its own, so a budget of its own.
  const sharedReadLimits = new ShardReadLimits({ clock: Date });
  for (const mapping of ctx.plan.mappings) {
    const fn = ctx.plan.functions[mapping.name];
    const invoker = startInvoker(ctx, fn, ctx.plan.shardCount * mapping.settings.parallelizationFactor);
    const chaos = chaosInvoker(ctx, mapping, invoker, ctx.rng);
    if (chaos) failing.set(mapping.name, chaos);
    const counter = new PostCounter(io.wrapInvoker?.(mapping.name, chaos ?? invoker) ?? chaos ?? invoker);
    counters.set(mapping.name, counter);
    const dir = ctx.flags.dataDir ? join(ctx.flags.dataDir, 'mappings', mapping.name) : undefined;
    const onFailure =
      io.buckets?.destination(mapping.name) ??
      (dir ? new JsonFileFailureDestination(dir) : new InMemoryFailureDestination());
    destinations.set(mapping.name, onFailure);
    const esm = new EventSourceMapping({
      source: io.source,
      mappingId: mapping.mappingId,
      settings: mapping.settings,
      invoker: counter,
      checkpoints: dir ? new JsonFileCheckpointStore(dir) : new InMemoryCheckpointStore(),
      ...(mapping.onFailureDestination ? { onFailure } : {}),
      logger: io.logger,
      readLimits: mapping.enhancedFanOut ? new ShardReadLimits({ clock: Date }) : sharedReadLimits,
    });
    await esm.start();
    ctx.closers.add((drain) => esm.stop({ drain }));
    mappings.set(mapping.name, esm);
  }
  return { mappings, failing, counters, destinations };
}

/**
 * Step: the report function behind a loopback HTTP server, like its Function URL, reading the
 * stack's pipeline health from `pipelineHealthUrl` (a local-only source: in AWS the figures come
 * from CloudWatch and the queues).
 */
export async function startReport(
  ctx: FunctionContext,
  o: { readonly pipelineHealthUrl: string; readonly alerts: LocalAlerts | undefined },
): Promise<ReportServer> {
  const fn = ctx.plan.functions.report;
  const invoker = startInvoker(ctx, fn, 4, {
    PIPELINE_HEALTH_URL: o.pipelineHealthUrl,
    // The live feed of new alerts the local bus serves beside the function.
    ...(o.alerts ? { ALERTS_LIVE_PATH: ALERT_FEED_PATH } : {}),
  });
  const { alerts } = o;
  const report = await startReportServer({
    invoker,
    port: ctx.flags.ports.report,
    timeoutMs: fn.timeoutSeconds * 1000,
    localRoute: (req, res) => {
      if (!alerts?.feed.handles(req)) return false;
      alerts.feed.serve(req, res);
      return true;
    },
  });
  ctx.closers.add(() => report.close());
  return report;
}
