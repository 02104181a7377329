// The built bundle (dist/apps/alerts/main.cjs) in a Lambda-like sandbox, against dynalite and the
// local bus over HTTP with PutEvents entries throttled at random: trend rows are written with
// the repository, the stream records of those writes are built in AWS's exact shape, and the
// function's events are read back from the bus. Redelivery and the throttling must not change
// what reached the bus: one distinct alert id per (window, kind, hashtag).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { alertEventPattern } from '@streamlens/alert-events';
import {
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  ensureTable,
  makeDynamoClient,
  startDynalite,
  type RunningEmulator,
} from '@streamlens/emulators';
import { LocalEventBus, LogFileTarget, startBusServer, type BusServer } from '@streamlens/event-bus';
import { ChildProcessInvoker, type InvokeResult } from '@streamlens/event-source-mapping';
import { DynamoAlertsRepository, DynamoTrendsRepository } from '@streamlens/repositories';
import { TABLE_SPECS } from '@streamlens/tables';
import { createRng } from '@streamlens/testing';
import { THRESHOLDS, steadyRows, streamEvent, windowStart } from '../helpers/stream-events';

jest.setTimeout(60_000);

const BUNDLE = resolve(__dirname, '../../../../dist/apps/alerts/main.cjs');
const BUS = 'streamlens-it-alerts';

let dynalite: RunningEmulator;
let dynamo: ReturnType<typeof makeDynamoClient>;
let bus: LocalEventBus;
let server: BusServer;
let invoker: ChildProcessInvoker;
let dir: string;
let logs = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'alerts-it-'));
  dynalite = await startDynalite();
  dynamo = makeDynamoClient(dynalite.endpoint);
  await ensureTable(dynamo, 'trends', TABLE_SPECS.trends);
  await ensureTable(dynamo, 'alerts', TABLE_SPECS.alerts);
  const rng = createRng(7);
  bus = new LocalEventBus({
    busName: BUS,
    dataDir: join(dir, 'bus'),
    rules: [
      { name: 'log', pattern: alertEventPattern(), targets: [new LogFileTarget('log', join(dir, 'alerts.log'))] },
    ],
    faults: { rate: 0.4, random: rng.next },
  });
  await bus.start();
  server = await startBusServer(bus, 0);
  invoker = new ChildProcessInvoker({
    bundlePath: BUNDLE,
    functionName: 'streamlens-it-alerts',
    region: LOCAL_REGION,
    env: {
      AWS_ENDPOINT_URL_DYNAMODB: dynalite.endpoint,
      AWS_ENDPOINT_URL_EVENTBRIDGE: server.endpoint,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      TRENDS_TABLE: 'trends',
      ALERTS_TABLE: 'alerts',
      EVENT_BUS_NAME: BUS,
      TTL_DAYS: '7',
      WINDOW_SECONDS: '30',
      ALERT_THRESHOLDS: JSON.stringify(THRESHOLDS),
      AWS_SDK_JS_SUPPRESS_NODE_DEPRECATION_WARNING: '1',
    },
    maxSandboxes: 1,
    onLog: (line) => (logs += `${line}\n`),
  });
});

afterAll(async () => {
  await invoker?.close();
  await server?.close();
  await bus?.close();
  dynamo?.destroy();
  await dynalite?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function invoke(event: unknown): Promise<InvokeResult> {
  return invoker.invoke(event, { timeoutMs: 30_000, requestId: randomUUID() });
}

describe('alerts bundle', () => {
  it('publishes each alert of a window once through throttled PutEvents, redelivered or not', async () => {
    // prepare: five steady windows, then 'gig' surges in window 5
    const trends = new DynamoTrendsRepository({ client: dynamo, tableName: 'trends', ttlDays: 7 });
    const rows = [...steadyRows(0, 5), ...steadyRows(5, 6, { window: 5, tag: 'gig', count: 80 })];
    for (const r of rows) await trends.putWindow(r);

    // act: the whole stream, then the last window's records again (redelivery)
    const first = await invoke(streamEvent(rows));
    const again = await invoke(streamEvent(rows.slice(-2)));

    // assess
    expect({ first, again, logs: first.ok ? '' : logs }).toMatchObject({
      first: { ok: true, payload: { batchItemFailures: [] } },
      again: { ok: true, payload: { batchItemFailures: [] } },
    });
    const details = bus
      .events()
      .map((e) => e.detail as { alertId: string; kind: string; hashtag: string; window: { start: string } });
    expect(details.map((d) => [d.kind, d.hashtag, d.window.start])).toEqual([
      ['rising', 'gig', windowStart(5)],
      ['new-entrant', 'gig', windowStart(5)],
    ]);
    const stored = await new DynamoAlertsRepository({ client: dynamo, tableName: 'alerts', ttlDays: 7 }).listWindows(
      new Date(windowStart(0)),
      new Date(windowStart(10)),
    );
    expect(stored.map((a) => [a.status, a.detail.alertId])).toEqual(details.map((d) => ['published', d.alertId]));
    // the injected throttling happened and was retried per entry (EMF line of the function)
    expect(logs).toMatch(/"PutEventsEntryRetries":[1-9]/);
  });

  it('fails its cold start naming a bad threshold', async () => {
    const bad = new ChildProcessInvoker({
      bundlePath: BUNDLE,
      functionName: 'bad',
      env: {
        TRENDS_TABLE: 't',
        ALERTS_TABLE: 'a',
        EVENT_BUS_NAME: 'b',
        TTL_DAYS: '7',
        WINDOW_SECONDS: '30',
        ALERT_THRESHOLDS: '{"rising":{"zScore":0}}',
      },
      maxSandboxes: 1,
      onLog: () => undefined,
    });
    const result = await bad.invoke({ Records: [] }, { timeoutMs: 10_000, requestId: randomUUID() });
    await bad.close();
    expect(result).toMatchObject({ ok: false });
    expect((result as { errorMessage: string }).errorMessage).toContain('ALERT_THRESHOLDS is invalid');
    expect((result as { errorMessage: string }).errorMessage).toContain('streamlens:alerts.rising.zScore');
  });
});
