// GET /api/v1/alerts and /api/v1/alerts.csv against dynalite: stored alerts of the range newest
// first, the latest (refined) figures, a kind filter, the drill-down link, bad parameters named.
import type { TrendAlertDetail } from '@streamlens/alert-events';
import { ensureTable, makeDynamoClient, startDynalite, type RunningEmulator } from '@streamlens/emulators';
import { DynamoAlertsRepository } from '@streamlens/repositories';
import { InMemoryPostsRepository, InMemoryTrendsRepository } from '@streamlens/repositories/testing';
import { TABLE_SPECS } from '@streamlens/tables';
import { makeReportHandler, type ReportHandler } from '../src/http/handler';
import { httpEvent } from './helpers/events';

const NOW = Date.parse('2025-01-15T12:00:10.000Z');
const config = { windowSeconds: 30, retentionDays: 30, auth: { mode: 'iam' as const } };
const logger = { error: () => undefined };

function detail(start: string, kind: TrendAlertDetail['kind'], hashtag: string): TrendAlertDetail {
  const end = new Date(Date.parse(start) + 30_000).toISOString();
  const figures =
    kind === 'rising'
      ? { count: 60, baselineMean: 10, baselineSpread: 3.1623, zScore: 15.8114, ratio: 6 }
      : { count: 30, rank: 2, topN: 10, previousBestRank: null };
  return {
    schemaVersion: 1,
    alertId: `${kind}${hashtag}${start}`
      .replace(/[^0-9a-f]/g, '1')
      .slice(0, 32)
      .padEnd(32, '0'),
    kind,
    hashtag,
    window: { start, end },
    decidedAt: end,
    figures,
    rule: { minCount: 20 },
    basis: { shards: ['shardId-000000000000'], baselineWindows: 5, complete: true },
  } as TrendAlertDetail;
}

let dynalite: RunningEmulator;
let handle: ReportHandler;
let bare: ReportHandler;

beforeAll(async () => {
  dynalite = await startDynalite();
  const client = makeDynamoClient(dynalite.endpoint);
  await ensureTable(client, 'alerts', TABLE_SPECS.alerts);
  const alerts = new DynamoAlertsRepository({ client, tableName: 'alerts', ttlDays: 30 });
  const older = detail('2025-01-15T11:10:00.000Z', 'rising', 'café');
  const newer = detail('2025-01-15T11:40:00.000Z', 'new-entrant', '=cmd|x');
  const outside = detail('2025-01-15T10:40:00.000Z', 'rising', 'old');
  for (const d of [older, newer, outside]) await alerts.claim(d);
  await alerts.markPublished(older, 'ev-1', '2025-01-15T11:10:31.000Z');
  await alerts.refine(older, {
    figures: { ...older.figures, count: 75 },
    basis: older.basis,
    at: '2025-01-15T11:11:00.000Z',
  });
  const deps = {
    trends: new InMemoryTrendsRepository({ ttlDays: 30 }),
    posts: new InMemoryPostsRepository({ ttlDays: 30 }),
    config,
    logger,
    clock: () => NOW,
  };
  handle = makeReportHandler({ ...deps, alerts });
  bare = makeReportHandler(deps);
});

afterAll(async () => {
  await dynalite?.close();
});

async function get(target: string, h = handle) {
  const res = await h(httpEvent(target));
  return { res, body: res.headers['content-type']?.startsWith('application/json') ? JSON.parse(res.body) : res.body };
}

describe('GET /api/v1/alerts', () => {
  it('lists the range newest first with the latest figures and the drill-down link', async () => {
    // act
    const { res, body } = await get('/api/v1/alerts?range=1h');

    // assess
    expect(res.statusCode).toBe(200);
    expect(body.range).toMatchObject({ name: '1h', from: '2025-01-15T11:00:00.000Z', to: '2025-01-15T12:00:00.000Z' });
    expect(body.alerts.map((a: { kind: string; hashtag: string }) => [a.kind, a.hashtag])).toEqual([
      ['new-entrant', '=cmd|x'],
      ['rising', 'café'],
    ]);
    expect(body.alerts[1]).toMatchObject({
      publishedAt: '2025-01-15T11:10:31.000Z',
      refined: true,
      figures: { count: 75 },
      drillDown: '/api/v1/hashtags/caf%C3%A9/posts',
    });
    expect(body.alerts[0]).toMatchObject({ publishedAt: null, refined: false });
    expect(body.truncated).toBe(false);
  });

  it('filters by kind and limits, saying when it cut the list', async () => {
    const { body } = await get('/api/v1/alerts?range=24h&kind=rising&limit=1');
    expect(body.alerts.map((a: { hashtag: string }) => a.hashtag)).toEqual(['café']);
    expect(body.truncated).toBe(true);
  });

  it.each([
    ['/api/v1/alerts?kind=spike', 'kind', 'INVALID_KIND'],
    ['/api/v1/alerts?limit=0', 'limit', 'INVALID_LIMIT'],
    ['/api/v1/alerts?knid=rising', 'knid', 'UNKNOWN_PARAMETER'],
  ])('answers 400 naming the parameter: %s', async (target, parameter, code) => {
    const { res, body } = await get(target);
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(body)).toContain(parameter);
    expect(JSON.stringify(body)).toContain(code);
  });

  it('serves the list as CSV with formula-looking hashtags defused', async () => {
    const { res, body } = await get('/api/v1/alerts.csv?range=1h');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="streamlens-alerts-1h-20250115T110000000Z.csv"',
    );
    const lines = (body as string).split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFFwindow_start,window_end,kind,hashtag,alert_id,decided_at,published_at,figures,complete,refined',
    );
    expect(lines[1]).toContain(",new-entrant,'=cmd|x,");
    expect(lines[2]).toContain('count=75 baselineMean=10');
    expect(lines).toHaveLength(4);
  });

  it('answers 404 when the stack has no alerts table', async () => {
    const { res } = await get('/api/v1/alerts', bare);
    expect(res.statusCode).toBe(404);
  });
});
