// The local bus through the AWS SDK's own EventBridge client: per-entry results in request order,
// rules with event patterns, at-least-once targets with retries, durability across a restart.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { alertEventPattern } from '@streamlens/alert-events';
import { LocalEventBus, LogFileTarget, WebhookTarget, startBusServer, type BusEvent, type BusRule } from '../src';

const BUS = 'streamlens-test-alerts';
const ALERT = { Source: 'streamlens.alerts', DetailType: 'Trend Alert', EventBusName: BUS };
const detail = (id: string) => JSON.stringify({ schemaVersion: 1, alertId: id, kind: 'rising' });

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

function client(endpoint: string): EventBridgeClient {
  return new EventBridgeClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
}

describe('LocalEventBus', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bus-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('answers PutEvents per entry in request order, storing only the valid ones', async () => {
    // prepare
    const bus = new LocalEventBus({ busName: BUS, rules: [], dataDir: dir });
    await bus.start();
    const server = await startBusServer(bus, 0);
    const eb = client(server.endpoint);

    // act
    const out = await eb.send(
      new PutEventsCommand({
        Entries: [
          { ...ALERT, Detail: detail('a') },
          { ...ALERT, Detail: undefined },
          { ...ALERT, Detail: '[1,2]' },
          { ...ALERT, EventBusName: 'other', Detail: detail('b') },
          { ...ALERT, Detail: detail('c'), Time: new Date('2026-12-05T10:00:00.123Z') },
        ],
      }),
    );

    // assess
    expect(out.FailedEntryCount).toBe(3);
    expect(out.Entries?.map((e) => e.ErrorCode ?? 'ok')).toEqual([
      'ok',
      'InvalidArgument',
      'MalformedDetail',
      'ResourceNotFoundException',
      'ok',
    ]);
    expect(bus.events().map((e) => [e.detail['alertId'], e.source, e['detail-type']])).toEqual([
      ['a', 'streamlens.alerts', 'Trend Alert'],
      ['c', 'streamlens.alerts', 'Trend Alert'],
    ]);
    expect(bus.events()[1]?.time).toBe('2026-12-05T10:00:00Z');
    eb.destroy();
    await server.close();
    await bus.close();
  });

  it('routes by event pattern, retries a failing webhook and resumes from its cursor after a restart', async () => {
    // prepare: a webhook that fails its first two calls
    const received: BusEvent[] = [];
    let calls = 0;
    const hook: Server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        calls += 1;
        if (calls <= 2) return void res.writeHead(503).end();
        received.push(JSON.parse(Buffer.concat(chunks).toString()) as BusEvent);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/alerts`;
    const logFile = join(dir, 'alerts.log');
    const rules = (): BusRule[] => [
      { name: 'to-log', pattern: alertEventPattern(), targets: [new LogFileTarget('log', logFile)] },
      { name: 'rising-to-hook', pattern: alertEventPattern(['rising']), targets: [new WebhookTarget('hook', url)] },
    ];
    const options = { busName: BUS, dataDir: join(dir, 'bus'), delivery: { baseDelayMs: 5, maxDelayMs: 20 } };
    let bus = new LocalEventBus({ ...options, rules: rules() });
    await bus.start();

    // act
    await bus.putEvents([
      { ...ALERT, Detail: detail('r1') },
      { ...ALERT, Detail: JSON.stringify({ schemaVersion: 1, alertId: 'n1', kind: 'new-entrant' }) },
      { ...ALERT, Source: 'someone.else', Detail: detail('x') },
      { ...ALERT, Detail: JSON.stringify({ schemaVersion: 2, alertId: 'v2', kind: 'rising' }) },
    ]);
    await until(() => bus.idle);
    await bus.close();
    bus = new LocalEventBus({ ...options, rules: rules() });
    await bus.start();
    await bus.putEvents([{ ...ALERT, Detail: detail('r2') }]);
    await until(() => bus.idle);

    // assess
    const logged = readFileSync(logFile, 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as BusEvent).detail['alertId']);
    expect(logged).toEqual(['r1', 'n1', 'r2']);
    expect(received.map((e) => e.detail['alertId'])).toEqual(['r1', 'r2']);
    expect(calls).toBe(4);
    expect(bus.events()).toHaveLength(5);
    await bus.close();
    await new Promise((r) => hook.close(r));
  });

  it('injects per-entry throttling at the given rate when asked', async () => {
    const bus = new LocalEventBus({ busName: BUS, rules: [], faults: { rate: 1, random: () => 0.5 } });
    const out = await bus.putEvents([{ ...ALERT, Detail: detail('a') }]);
    expect(out).toEqual({
      FailedEntryCount: 1,
      Entries: [{ ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded (injected by the local bus)' }],
    });
    expect(bus.events()).toHaveLength(0);
  });

  it('refuses a webhook off loopback and a malformed rule pattern, naming them', () => {
    expect(() => new WebhookTarget('hook', 'https://example.com/x')).toThrow(
      'webhook hook: "https://example.com/x" must be',
    );
    expect(
      () => new LocalEventBus({ busName: BUS, rules: [{ name: 'bad', pattern: { source: 'x' }, targets: [] }] }),
    ).toThrow('rule bad: event pattern');
  });
});
