// The local alerts path end to end, without the Kinesis half: trend rows written to the trends
// table in the dynalite child (with Streams) → the table-stream mapping → the built alerts bundle
// → the local bus → its log file. Then the path is stopped and started again on the same data
// dir, a late row arrives, and the bus must still hold exactly one alert per (window, kind,
// hashtag): the late row refines, it never republishes.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { parseStackConfig } from '@streamlens/config';
import { ensureTable, makeDynamoClient, spawnEmulator, type EmulatorProcess } from '@streamlens/emulators';
import { silentLogger } from '@streamlens/event-source-mapping';
import { DynamoAlertsRepository, DynamoTrendsRepository } from '@streamlens/repositories';
import { TABLE_SPECS, localTableName } from '@streamlens/tables';
import { makeWindowRow } from '@streamlens/testing';
import type { WindowAggregate } from '@streamlens/schemas';
import { startLocalAlerts, type LocalAlerts } from '../../src/pipeline/local-alerts';
import { planLocalStack, type LocalFunctionPlan } from '../../src/pipeline/local-plan';

jest.setTimeout(90_000);

const STACK = 'alertsit';
const BUNDLE = resolve(__dirname, '../../../../dist/apps/alerts/main.cjs');
const T0 = Date.UTC(2026, 11, 5, 10, 0, 0);
const SHARDS = ['shardId-000000000000', 'shardId-000000000001'];
const config = parseStackConfig({
  alerts: {
    baseline: { windows: 5, minWindows: 3 },
    rising: { zScore: 3, minCount: 20, minRatio: 2 },
    newEntrant: { topN: 3, minCount: 20 },
    sentimentSwing: { enabled: false },
  },
});

let dir: string;
let dynalite: EmulatorProcess;
let dynamo: DynamoDBClient;
let trends: DynamoTrendsRepository;
let streamArn: string;

function row(i: number, shard: string, tags: Record<string, number>, part = 0): WindowAggregate {
  const counts = Object.fromEntries(Object.entries(tags).map(([t, n]) => [t, [n, n] as const]));
  return makeWindowRow({
    windowStart: new Date(T0 + i * 30_000).toISOString(),
    windowMs: 30_000,
    shardId: shard,
    tags: counts,
    part,
  });
}

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function start(): Promise<LocalAlerts> {
  return startLocalAlerts({
    stack: STACK,
    config,
    dataDir: join(dir, 'stack'),
    webhookUrl: undefined,
    putEventsFailures: 0.3,
    functionErrors: 0,
    random: Math.random,
    bundlePath: BUNDLE,
    nodePath: undefined,
    // The alerts function as the local stack plans it (its environment from config's builder).
    fn: planLocalStack(config, { stack: STACK }).functions.alerts as LocalFunctionPlan,
    // No Kinesis in this test: the alerts function never calls it.
    endpoints: { dynamodb: dynalite.endpoint, kinesis: 'http://127.0.0.1:9' },
    trendsStreamArn: streamArn,
    onLog: () => undefined,
    logger: silentLogger,
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'streamlens-alerts-path-'));
  dynalite = await spawnEmulator('dynalite', { dataDir: join(dir, 'dynamodb') });
  dynamo = makeDynamoClient(dynalite.endpoint);
  const table = await ensureTable(dynamo, localTableName(STACK, 'trends'), TABLE_SPECS.trends);
  await ensureTable(dynamo, localTableName(STACK, 'alerts'), TABLE_SPECS.alerts);
  streamArn = table.LatestStreamArn as string;
  trends = new DynamoTrendsRepository({ client: dynamo, tableName: localTableName(STACK, 'trends'), ttlDays: 7 });
}, 30_000);

afterAll(async () => {
  dynamo?.destroy();
  await dynalite?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('local alerts path', () => {
  it('publishes each alert once through the table stream, a throttling bus and a restart', async () => {
    // prepare: 5 steady windows, then 'gig' surges in window 5 on shard 0
    let alerts = await start();
    for (let i = 0; i < 5; i++) for (const s of SHARDS) await trends.putWindow(row(i, s, { news: 20, cats: 5 }));
    await trends.putWindow(row(5, SHARDS[0] as string, { news: 20, cats: 5, gig: 80 }));
    await trends.putWindow(row(5, SHARDS[1] as string, { news: 20, cats: 5 }));

    // act: two alerts reach the bus; restart; a late early-ended part of window 5 arrives
    const ids = () => new Set(alerts.events().map((e) => String(e.detail['alertId'])));
    await waitFor('two alerts on the bus', () => ids().size === 2);
    await alerts.stop(true);
    alerts = await start();
    await trends.putWindow(row(5, SHARDS[1] as string, { gig: 30 }, 4321));
    const repo = new DynamoAlertsRepository({ client: dynamo, tableName: localTableName(STACK, 'alerts'), ttlDays: 7 });
    const stored = () => repo.listWindows(new Date(T0), new Date(T0 + 600_000));
    await waitFor('the late row refining the rising alert', async () =>
      (await stored()).some((a) => a.detail.kind === 'rising' && a.refined !== undefined),
    );
    await waitFor('the mapping caught up', () => alerts.mapping.stats().shards.every((s) => s.pendingRecords === 0));
    await alerts.stop(true);

    // assess: one id per (window, kind, hashtag) on the bus and in the log file target
    const details = alerts.events().map((e) => e.detail as { alertId: string; kind: string; hashtag: string });
    expect([...new Set(details.map((d) => `${d.kind}:${d.hashtag}`))].sort()).toEqual([
      'new-entrant:gig',
      'rising:gig',
    ]);
    expect(new Set(details.map((d) => d.alertId)).size).toBe(2);
    const logged = readFileSync(join(dir, 'stack', 'alerts', 'alerts.log'), 'utf8')
      .trim()
      .split('\n');
    expect(new Set(logged.map((l) => (JSON.parse(l) as { detail: { alertId: string } }).detail.alertId)).size).toBe(2);
    const rising = (await stored()).find((a) => a.detail.kind === 'rising');
    expect(rising).toMatchObject({
      status: 'published',
      detail: { figures: { count: 80 } },
      refined: { figures: { count: 110 } },
    });
  });
});
