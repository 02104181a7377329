// Local stack, alerts path: the trends table's stream → the alerts bundle (through the same
// event-source mapping code as the Kinesis mappings, with the deployed filter and limits) → the
// local bus → its targets. Started only when streamlens:alerts.enabled is true.
import { join } from 'node:path';
import type { StackConfig } from '@streamlens/config';
import { LOCAL_REGION } from '@streamlens/emulators';
import type { BusEvent } from '@streamlens/event-bus';
import {
  ChildProcessInvoker,
  FailingInvoker,
  type EventSourceMapping,
  type Logger,
  type MappingSettings,
} from '@streamlens/event-source-mapping';
import { windowRowChangesFilter } from '@streamlens/tables';
import type { AlertFeed } from './alert-feed';
import { startLocalAlertsBus } from './local-alerts-bus';
import { sandboxEnvironment } from './local-functions';
import type { EmulatorEndpoints, LocalFunctionPlan } from './local-plan';
import { startTableStreamMapping } from './table-stream-mapping';

/** What the alerts path needs from the stack. */
export interface LocalAlertsOptions {
  readonly stack: string;
  readonly config: StackConfig;
  readonly dataDir: string | undefined;
  readonly webhookUrl: string | undefined;
  /** Chaos: share of PutEvents entries the bus refuses, and of alerts invokes failed after the handler. */
  readonly putEventsFailures: number;
  readonly functionErrors: number;
  readonly random: () => number;
  readonly bundlePath: string;
  readonly nodePath: string | undefined;
  /** The planned alerts function (its environment names the local bus). */
  readonly fn: LocalFunctionPlan;
  readonly endpoints: EmulatorEndpoints;
  readonly trendsStreamArn: string;
  readonly onLog: (line: string) => void;
  readonly logger: Logger;
}

/** The running path. */
export interface LocalAlerts {
  readonly mapping: EventSourceMapping;
  readonly feed: AlertFeed;
  /** The bus's events, oldest first (across restarts with a data dir). */
  events(): readonly BusEvent[];
  /** Function errors injected by `--function-errors alerts=F`. */
  injected(): number;
  /** Failure records of the mapping (DDBStreamBatchInfo). */
  failures(): Promise<readonly unknown[]>;
  stop(drain: boolean): Promise<void>;
}

/**
 * The mapping settings of the alerts function, from streamlens:alerts.mapping, with the filter
 * infra deploys (window-row inserts and modifies only) and no tumbling window.
 */
export function alertsMappingSettings(config: StackConfig): MappingSettings {
  const m = config.alerts.mapping;
  return {
    batchSize: m.batchSize,
    maximumBatchingWindowInSeconds: m.maximumBatchingWindowInSeconds,
    startingPosition: m.startingPosition,
    parallelizationFactor: m.parallelizationFactor,
    bisectBatchOnFunctionError: m.bisectBatchOnFunctionError,
    maximumRetryAttempts: m.maximumRetryAttempts,
    maximumRecordAgeInSeconds: m.maximumRecordAgeInSeconds,
    functionResponseTypes: ['ReportBatchItemFailures'],
    tumblingWindowInSeconds: 0,
    filters: [windowRowChangesFilter()],
    functionTimeoutSeconds: m.function.timeoutSeconds,
  };
}

/**
 * Starts the bus, the alerts function's sandboxes and the mapping from the trends table's stream.
 *
 * @example
 * ```ts
 * const alerts = await startLocalAlerts({ stack: 'dev', config, dataDir, ..., trendsStreamArn: tableStreamArns.trends });
 * ```
 */
export async function startLocalAlerts(o: LocalAlertsOptions): Promise<LocalAlerts> {
  const bus = await startLocalAlertsBus({
    stack: o.stack,
    dataDir: o.dataDir,
    webhookUrl: o.webhookUrl,
    ...(o.putEventsFailures > 0 ? { faults: { rate: o.putEventsFailures, random: o.random } } : {}),
    onError: (message) => o.onLog(JSON.stringify({ level: 'WARN', message: `local bus: ${message}` })),
  });
  const env = { ...sandboxEnvironment(o.fn, o.endpoints), AWS_ENDPOINT_URL_EVENTBRIDGE: bus.endpoint };
  const invoker = new ChildProcessInvoker({
    bundlePath: o.bundlePath,
    functionName: o.fn.functionName,
    memoryLimitMb: o.fn.memoryMb,
    region: LOCAL_REGION,
    env,
    maxSandboxes: o.config.alerts.mapping.parallelizationFactor * 2,
    ...(o.nodePath ? { nodePath: o.nodePath } : {}),
    onLog: o.onLog,
  });
  const failing =
    o.functionErrors > 0
      ? new FailingInvoker(invoker, {
          rate: o.functionErrors,
          random: o.random,
          onInjected: (requestId) =>
            o.onLog(
              JSON.stringify({ level: 'ERROR', message: 'injected function error (--function-errors)', requestId }),
            ),
        })
      : undefined;
  let mapping;
  try {
    mapping = await startTableStreamMapping({
      mappingId: `streamlens-${o.stack}-alerts`,
      dynamodbEndpoint: o.endpoints.dynamodb,
      streamArn: o.trendsStreamArn,
      invoker: failing ?? invoker,
      settings: alertsMappingSettings(o.config),
      ...(o.dataDir ? { dir: join(o.dataDir, 'mappings', 'alerts') } : {}),
      onFailure: o.config.alerts.mapping.onFailureDestination,
      logger: o.logger,
    });
  } catch (error) {
    await invoker.close();
    await bus.close();
    throw error;
  }
  const started = mapping;
  return {
    mapping: started.mapping,
    feed: bus.feed,
    events: () => bus.bus.events(),
    injected: () => (failing ? failing.injected + failing.crashed : 0),
    failures: async () => started.destination.list(),
    stop: async (drain) => {
      await (drain ? started.stop() : started.mapping.stop({ drain: false }));
      await invoker.close();
      await bus.close();
    },
  };
}
