// Local stack, alerts side: the local EventBridge bus the alerts function publishes to, with the
// same rule pattern as the deployed rules and three local targets — a log file under the data
// dir (the e-mail topic's stand-in), an optional webhook on loopback (the API destination's),
// and the dashboard's live feed.
import { join } from 'node:path';
import { alertEventPattern } from '@streamlens/alert-events';
import {
  CallbackTarget,
  LocalEventBus,
  LogFileTarget,
  WebhookTarget,
  startBusServer,
  type BusRule,
  type BusServer,
  type EntryFaults,
} from '@streamlens/event-bus';
import { LOCAL_REGION } from '@streamlens/emulators';
import { AlertFeed } from './alert-feed';
import { localBusName } from './local-plan';

/** Options of {@link startLocalAlertsBus}. */
export interface LocalAlertsBusOptions {
  readonly stack: string;
  /** Keeps the bus log, cursors and `alerts/alerts.log` here; in memory without it. */
  readonly dataDir: string | undefined;
  /** A loopback URL alerts are POSTed to (`--alerts-webhook`). */
  readonly webhookUrl: string | undefined;
  /** Chaos: PutEvents entries the bus refuses with ThrottlingException. */
  readonly faults?: EntryFaults;
  readonly onError: (message: string) => void;
}

/** The running bus. */
export interface LocalAlertsBus {
  readonly busName: string;
  readonly endpoint: string;
  readonly bus: LocalEventBus;
  readonly feed: AlertFeed;
  /** The log file target's file, when there is a data dir. */
  readonly logFile: string | undefined;
  close(): Promise<void>;
}

/**
 * Starts the bus and its HTTP endpoint (AWS_ENDPOINT_URL_EVENTBRIDGE of the alerts function).
 *
 * @example
 * ```ts
 * const alerts = await startLocalAlertsBus({ stack: 'dev', dataDir, webhookUrl: undefined, onError: console.error });
 * ```
 */
export async function startLocalAlertsBus(options: LocalAlertsBusOptions): Promise<LocalAlertsBus> {
  const busName = localBusName(options.stack);
  const pattern = alertEventPattern();
  const feed = new AlertFeed();
  const logFile = options.dataDir ? join(options.dataDir, 'alerts', 'alerts.log') : undefined;
  const rules: BusRule[] = [
    { name: 'to-dashboard', pattern, targets: [new CallbackTarget('live-feed', (e) => feed.push(e))] },
  ];
  if (logFile) rules.push({ name: 'to-log', pattern, targets: [new LogFileTarget('log-file', logFile)] });
  if (options.webhookUrl)
    rules.push({ name: 'to-webhook', pattern, targets: [new WebhookTarget('webhook', options.webhookUrl)] });
  const bus = new LocalEventBus({
    busName,
    region: LOCAL_REGION,
    rules,
    ...(options.dataDir ? { dataDir: join(options.dataDir, 'bus') } : {}),
    ...(options.faults ? { faults: options.faults } : {}),
    onError: options.onError,
  });
  await bus.start();
  let server: BusServer;
  try {
    server = await startBusServer(bus, 0);
  } catch (error) {
    await bus.close();
    throw error;
  }
  return {
    busName,
    endpoint: server.endpoint,
    bus,
    feed,
    logFile,
    close: async () => {
      await server.close();
      await bus.close();
      feed.close();
    },
  };
}
