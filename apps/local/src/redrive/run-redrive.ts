// `redrive` wiring: the failure records of one function of a local stack (data dir) → redriven
// one by one through its built bundle against the running stack's emulators.
import { join } from 'node:path';
import { loadStackConfig } from '@streamlens/config';
import { LOCAL_REGION, makeKinesisClient } from '@streamlens/emulators';
import { ChildProcessInvoker, JsonFileFailureDestination } from '@streamlens/event-source-mapping';
import { readFailureBucket } from '../pipeline/failure-buckets';
import { bundlePath as builtBundlePath, sandboxEnvironment } from '../pipeline/local-functions';
import { planLocalStack } from '../pipeline/local-plan';
import { RedriveError } from './errors';
import { redriveBatch, type RedriveReport } from './redrive-batch';
import { loadRedriven, redrivenFile, saveRedriven, type RedrivenEntry } from './redriven-log';

/** Functions whose failures can be redriven. */
export const REDRIVE_FUNCTIONS = ['consumer', 'aggregator'] as const;

/** A function whose failures can be redriven. */
export type RedriveFunction = (typeof REDRIVE_FUNCTIONS)[number];

/** Options of a redrive run. */
export interface RunRedriveOptions {
  readonly dataDir: string;
  readonly stack: string;
  readonly fn: RedriveFunction;
  /** The running stack's kinesalite. */
  readonly kinesisEndpoint: string;
  /** The running stack's dynalite (where the function writes). */
  readonly dynamodbEndpoint: string;
  /** Repository root: Pulumi.<stack>.yaml and dist/apps/<fn>/main.cjs. */
  readonly repoRoot: string;
  /** Redrive records already listed in redriven.json too. */
  readonly again?: boolean;
  /** Bundle to run (default dist/apps/<fn>/main.cjs under repoRoot). */
  readonly bundlePath?: string;
  /** Receives the function's log lines (default: dropped). */
  readonly onLog?: (line: string) => void;
}

/** What a run did. */
export interface RunRedriveResult {
  readonly reports: readonly RedriveReport[];
  /** requestIds skipped because they were redriven before (without --again). */
  readonly alreadyRedriven: readonly string[];
}

/**
 * Redrives every failure record of `fn` not redriven yet, and logs them in redriven.json.
 *
 * @throws RedriveError for the aggregator: replaying part of a tumbling window would overwrite
 *   the (window, shard) trends row with partial totals.
 * @example
 * ```ts
 * const { reports } = await runRedrive({ dataDir: '.local-data', stack: 'dev', fn: 'consumer',
 *   kinesisEndpoint: 'http://127.0.0.1:4568', dynamodbEndpoint: 'http://127.0.0.1:4569', repoRoot });
 * ```
 */
export async function runRedrive(o: RunRedriveOptions): Promise<RunRedriveResult> {
  if (o.fn === 'aggregator') {
    throw new RedriveError(
      'redrive of the aggregator is not supported: its rows hold whole-window totals, and replaying a failed range alone would overwrite them with partial ones',
    );
  }
  // The consumer as the stack runs it: same environment, sizes and batch size.
  const config = loadStackConfig(o.stack, o.repoRoot);
  const plan = planLocalStack(config, { stack: o.stack });
  const fn = plan.functions[o.fn];
  const mapping = plan.mappings.find((m) => m.name === o.fn);
  if (!mapping) throw new RedriveError(`stack "${o.stack}" has no ${o.fn} mapping`);
  const dir = join(o.dataDir, 'mappings', o.fn);
  const logFile = redrivenFile(dir);
  const log = await loadRedriven(logFile);
  // An S3 target keeps its records (with the invocation event) in the stack's local bucket.
  const records =
    config[o.fn].onFailureTarget === 's3'
      ? await readFailureBucket(o.stack, o.fn, o.dataDir)
      : await new JsonFileFailureDestination(dir).list();
  const done = new Set(log.map((e) => e.requestId));
  const todo = o.again ? records : records.filter((r) => !done.has(r.requestContext.requestId));
  const alreadyRedriven = o.again
    ? []
    : records.filter((r) => done.has(r.requestContext.requestId)).map((r) => r.requestContext.requestId);
  if (todo.length === 0) return { reports: [], alreadyRedriven };

  const functionName = fn.functionName;
  const kinesis = makeKinesisClient(o.kinesisEndpoint);
  const invoker = new ChildProcessInvoker({
    bundlePath: o.bundlePath ?? builtBundlePath(o.repoRoot, fn.app),
    functionName,
    memoryLimitMb: fn.memoryMb,
    region: LOCAL_REGION,
    env: sandboxEnvironment(fn, { kinesis: o.kinesisEndpoint, dynamodb: o.dynamodbEndpoint }),
    maxSandboxes: 1,
    onLog: o.onLog ?? (() => undefined),
  });
  const reports: RedriveReport[] = [];
  try {
    for (const record of todo) {
      const report = await redriveBatch({
        kinesis,
        streamName: plan.streamName,
        record,
        invoker,
        timeoutMs: fn.timeoutSeconds * 1000,
        batchSize: mapping.settings.batchSize,
        region: LOCAL_REGION,
        invokeIdentityArn: `arn:aws:iam::000000000000:role/${functionName}-role`,
      });
      reports.push(report);
      // Still-failing records stay eligible for the next run; expired ones never come back.
      if (report.failed === 0) {
        const entry: RedrivenEntry = {
          requestId: report.requestId,
          at: new Date().toISOString(),
          replayed: report.replayed,
          expired: report.expired,
          failed: report.failed,
        };
        log.splice(0, log.length, ...log.filter((e) => e.requestId !== entry.requestId), entry);
        await saveRedriven(logFile, log);
      }
    }
  } finally {
    await invoker.close();
    kinesis.destroy();
  }
  return { reports, alreadyRedriven };
}
