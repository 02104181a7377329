// The page.$eval / evaluate callbacks run in the browser: they need the DOM types.
/// <reference lib="dom" />
// The dashboard in a real browser (Debian's Chromium via playwright-core): the page served by
// the handler on a loopback server, data from dynalite seeded with the known data set.
import { existsSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { TrendAlertDetail } from '@streamlens/alert-events';
import { InMemoryAlertsRepository } from '@streamlens/repositories/testing';
import { makeReportHandler } from '../src/http/handler';
import {
  EXPECTED_HOUR,
  MARKUP_TAG,
  NOW,
  RETENTION_DAYS,
  startFixture,
  WINDOW_SECONDS,
  type Fixture,
} from './helpers/fixture';
import { startFakeIdp } from './helpers/fake-idp';
import { TEST_HEALTH } from './helpers/health';
import { serveHandler, type LocalServer } from './helpers/http-adapter';

jest.setTimeout(60_000);

// Debian's Chromium here; CHROMIUM_PATH points elsewhere (e.g. the GitHub runner's Chrome).
const CHROMIUM = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];
const SHOTS = path.resolve(__dirname, '../../../test-output/report');

// Two alerts of the last hour: café rising at 11:10, the markup tag new in the top at 11:40.
const ALERTS: readonly TrendAlertDetail[] = [
  {
    schemaVersion: 1,
    alertId: 'a'.repeat(32),
    kind: 'rising',
    hashtag: 'café',
    window: { start: '2025-01-15T11:10:00.000Z', end: '2025-01-15T11:10:30.000Z' },
    decidedAt: '2025-01-15T11:10:31.000Z',
    figures: { count: 60, baselineMean: 10, baselineSpread: 3.1623, zScore: 15.8, ratio: 6 },
    rule: { zScore: 3, minCount: 20, minRatio: 2 },
    basis: { shards: ['shardId-000000000000'], baselineWindows: 5, complete: true },
  },
  {
    schemaVersion: 1,
    alertId: 'b'.repeat(32),
    kind: 'new-entrant',
    hashtag: MARKUP_TAG,
    window: { start: '2025-01-15T11:40:00.000Z', end: '2025-01-15T11:40:30.000Z' },
    decidedAt: '2025-01-15T11:40:31.000Z',
    figures: { count: 25, rank: 2, topN: 10, previousBestRank: null },
    rule: { topN: 10, minCount: 20 },
    basis: { shards: ['shardId-000000000000'], baselineWindows: 5, complete: false },
  },
];

let fixture: Fixture;
let server: LocalServer;
let browser: Browser;
let page: Page;
const requests: string[] = [];
const problems: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: install it (apt-get install -y chromium; .ci/run does this in CI) — the dashboard test needs a real browser`,
    );
  }
  mkdirSync(SHOTS, { recursive: true });
  fixture = await startFixture();
  const alerts = new InMemoryAlertsRepository({ ttlDays: 30 });
  for (const a of ALERTS) await alerts.claim(a);
  await alerts.markPublished(ALERTS[0] as TrendAlertDetail, 'ev-1', '2025-01-15T11:10:31.000Z');
  const handler = makeReportHandler({
    trends: fixture.trends,
    posts: fixture.posts,
    alerts,
    config: { windowSeconds: WINDOW_SECONDS, retentionDays: RETENTION_DAYS, auth: { mode: 'iam' } },
    logger: { error: (message, attributes) => problems.push(`server: ${message} ${String(attributes['error'])}`) },
    clock: () => NOW,
    health: TEST_HEALTH,
  });
  server = await serveHandler(handler);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'en-GB', timezoneId: 'UTC' });
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(`${server.url}/`);
  await page.waitForSelector('#trends-table tbody tr:nth-child(4)');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await fixture?.close();
});

/** Rows of the trend table as [hashtag, posts, trend] text. */
async function trendRows(): Promise<string[][]> {
  return page.$$eval('#trends-table tbody tr', (rows) =>
    rows.map((tr) => [
      tr.querySelector('.tag-button')?.textContent ?? '',
      tr.children[2]?.textContent ?? '',
      tr.querySelector('.badge')?.textContent?.trim() ?? '',
    ]),
  );
}

describe('dashboard', () => {
  it('shows the top hashtags of the last hour in order, with counts and rising markers, markup as text', async () => {
    // act
    const rows = await trendRows();
    await page.screenshot({ path: path.join(SHOTS, 'dashboard-1h.png'), fullPage: true });

    // assess
    expect(rows.map((r) => r[0])).toEqual(EXPECTED_HOUR.order.map((t) => `#${t}`));
    expect(rows.map((r) => r[1])).toEqual(EXPECTED_HOUR.order.map((t) => String(EXPECTED_HOUR.counts[t])));
    // Trend: the latest window of the hour (11:40, only #café: 5) against the earlier one (11:10),
    // volume-adjusted: café 5 vs 3·5/22 expected → rising; ai, 東京 gone → falling; markup 1 → steady.
    expect(rows.map((r) => r[2])).toEqual(['▼ falling', '▲ rising', '▼ falling', '• steady']);
    expect(await page.textContent('#trend-explained')).toBe(
      'Trend: the latest 1 window against the 1 window before in this range, adjusted for overall volume (▲ at least twice as frequent, ▼ at most half).',
    );
    expect(await page.textContent('#trends-table thead abbr')).toBe('Sentiment');
    expect(await page.getAttribute('#trends-table thead abbr', 'title')).toContain(
      '−5 very negative … +5 very positive',
    );
    expect(await page.$$eval('#trends-table tbody b', (bs) => bs.length)).toBe(0);
    expect(await page.getAttribute('.range-picker button[data-range="1h"]', 'aria-pressed')).toBe('true');
    expect(await page.textContent('#status')).toContain('25 posts');
    expect(requests.some((u) => u.endsWith('/api/v1/trends?range=1h&limit=20'))).toBe(true);
  });

  it('draws the volume and sentiment charts with uPlot from the data', async () => {
    // act: the extent of the series' stroke colour (#0b5cd5) on the volume canvas
    const stroke = await page.$eval('#volume-chart canvas', (canvas) => {
      const c = canvas as HTMLCanvasElement;
      const data = (c.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, c.width, c.height).data;
      let count = 0;
      let minY = c.height;
      let maxY = 0;
      for (let i = 0; i < data.length; i += 4) {
        const near =
          Math.abs((data[i] as number) - 11) < 40 &&
          Math.abs((data[i + 1] as number) - 92) < 40 &&
          Math.abs((data[i + 2] as number) - 213) < 40;
        if (near && (data[i + 3] as number) > 200) {
          const y = Math.floor(i / 4 / c.width);
          count += 1;
          minY = Math.min(minY, y);
          maxY = Math.max(maxY, y);
        }
      }
      return { count, span: (maxY - minY) / c.height };
    });

    // assess: a line from zero up to the 20-post peak spans most of the plot height
    expect(await page.$$eval('.uplot canvas', (cs) => cs.length)).toBe(2);
    expect(stroke.count).toBeGreaterThan(100);
    expect(stroke.span).toBeGreaterThan(0.5);
    expect(await page.getAttribute('#volume-chart', 'aria-label')).toBe(
      'Posts per 30-second step: 25 in total, peak 20 at 11:10:00.',
    );
    expect(
      await page.$$eval('#languages-table tbody tr td:nth-child(2)', (tds) => tds.map((td) => td.textContent)),
    ).toEqual(['11', '9', '5']);
  });

  it('opens the drill-down with the keyboard and shows recent posts as text', async () => {
    // act
    await page.focus('#trends-table tbody tr:nth-child(2) .tag-button');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#posts-list li:nth-child(3)');
    await page.screenshot({ path: path.join(SHOTS, 'dashboard-drilldown.png'), fullPage: true });

    // assess
    expect(await page.textContent('#drilldown-title')).toBe('Recent posts for #café');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('drilldown-title');
    const texts = await page.$$eval('#posts-list .text', (ps) => ps.map((p) => p.textContent));
    expect(texts[0]).toBe('Rainy day, warm #café <img src=x onerror="window.__xss=1">');
    expect(texts.slice(1)).toEqual(['The #café by the station is great', 'First coffee at the new #café']);
    expect(await page.$$eval('#posts-list img', (imgs) => imgs.length)).toBe(0);

    // act: Escape closes it and gives focus back to the hashtag
    await page.keyboard.press('Escape');
    expect(await page.isHidden('#drilldown')).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('#café');
  });

  it('opens the drill-down of a markup hashtag by clicking its row, without running it', async () => {
    await page.click('#trends-table tbody tr:nth-child(4) td:nth-child(3)');
    await page.waitForSelector('#posts-list li');
    expect(await page.textContent('#drilldown-title')).toBe(`Recent posts for #${MARKUP_TAG}`);
    expect(await page.textContent('#posts-list .text')).toBe('markup tag <script>window.__xss=1</script>');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(requests.some((u) => u.includes(`/api/v1/hashtags/${encodeURIComponent(MARKUP_TAG)}/posts?limit=20`))).toBe(
      true,
    );
  });

  it("lists the trend alerts newest first, as text, each opening its hashtag's posts", async () => {
    // act
    await page.waitForSelector('#alerts-list li:nth-child(2)');
    await page.screenshot({ path: path.join(SHOTS, 'dashboard-alerts.png'), fullPage: true });
    const items = await page.$$eval('#alerts-list li', (lis) =>
      lis.map((li) => [li.querySelector('.alert-kind')?.textContent, li.querySelector('button')?.textContent]),
    );

    // assess
    expect(items).toEqual([
      ['New in the top', `#${MARKUP_TAG}`],
      ['Rising', '#café'],
    ]);
    expect(await page.textContent('#alerts-list li:nth-child(2) .alert-text')).toContain(
      '60 posts, 6.0× its usual 10.0',
    );
    expect(await page.textContent('#alerts-list li:nth-child(1)')).toContain('decided without every shard');
    expect(await page.$$eval('#alerts-list b', (bs) => bs.length)).toBe(0);
    expect(await page.getAttribute('#alerts-csv', 'href')).toBe('/api/v1/alerts.csv?range=1h');
    expect(await page.textContent('#alerts-note')).toBe('2 alerts, newest first.');

    // act: the hashtag opens its drill-down
    await page.click('#alerts-list li:nth-child(2) button');
    await page.waitForSelector('#posts-list li');
    expect(await page.textContent('#drilldown-title')).toBe('Recent posts for #café');
    await page.keyboard.press('Escape');
  });

  it('switches range: requests 5m and shows the empty state, then 24h shows data again', async () => {
    // act
    const fiveMinutes = page.waitForRequest((r) => r.url().includes('/api/v1/trends?range=5m'));
    await page.click('.range-picker button[data-range="5m"]');
    await fiveMinutes;
    await page.waitForSelector('#empty', { state: 'visible' });
    await page.screenshot({ path: path.join(SHOTS, 'dashboard-empty.png') });

    // assess
    expect(await page.textContent('#empty-title')).toBe('No posts in this range yet');
    expect(await page.isHidden('#report')).toBe(true);
    expect(await page.getAttribute('.range-picker button[data-range="5m"]', 'aria-pressed')).toBe('true');
    expect(
      requests
        .filter((u) => u.includes('range=5m'))
        .map((u) => new URL(u).pathname)
        .sort(),
    ).toEqual(['/api/v1/alerts', '/api/v1/languages', '/api/v1/trends', '/api/v1/volume']);

    // act
    const day = page.waitForRequest((r) => r.url().includes('/api/v1/trends?range=24h'));
    await page.click('.range-picker button[data-range="24h"]');
    await day;
    await page.waitForSelector('#report', { state: 'visible' });

    // assess
    expect((await trendRows())[0]).toEqual(['#ai', '20', '▼ falling']);
  });

  it('shows pipeline health a business user can read: lag per function, quarantine and why, replays waiting', async () => {
    // act
    await page.locator('#health').scrollIntoViewIfNeeded();
    const rows = await page.$$eval('#health-table tr', (trs) =>
      trs.map((tr) => [tr.querySelector('th')?.textContent, tr.querySelector('td')?.textContent, tr.className]),
    );
    await page.locator('#health').screenshot({ path: path.join(SHOTS, 'dashboard-health.png') });

    // assess
    expect(rows).toEqual([
      ['Storing posts (consumer)', 'up to date (1.2 s behind)', 'ok'],
      ['Counting trends (aggregator)', '1 min 35 s behind the newest post', 'warn'],
      ['Posts set aside (quarantined)', '3: 2 not JSON, 1 missing or invalid fields', 'ok'],
      ['Batches waiting for a replay', '1 on the on-failure destination (run redrive)', 'warn'],
      ['Last update', '12:00:09 (test source; counted since 11:00:00)', 'ok'],
    ]);
  });

  it('is readable at phone width and loaded nothing from outside, without console errors', async () => {
    // act
    await page.setViewportSize({ width: 390, height: 844 });
    await page.click('.range-picker button[data-range="1h"]');
    await page.waitForSelector('#trends-table tbody tr:nth-child(4)');
    await page.screenshot({ path: path.join(SHOTS, 'dashboard-phone.png'), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

    // assess
    expect(overflow).toBeLessThanOrEqual(0);
    expect(requests.filter((u) => !u.startsWith(server.url))).toEqual([]);
    expect(problems).toEqual([]);
  });
});

describe('sign-in in jwt mode (OIDC authorization code + PKCE)', () => {
  it('signs in at the IdP, exchanges the code with the verifier and sends the bearer token to the API', async () => {
    // prepare: the same data behind a jwt-mode handler, and a fake IdP
    const idp = await startFakeIdp();
    const oidc = {
      issuer: idp.issuer,
      clientId: 'streamlens-dashboard',
      audience: 'streamlens-report',
      scope: 'openid',
    };
    const jwtServer = await serveHandler(
      makeReportHandler({
        trends: fixture.trends,
        posts: fixture.posts,
        config: { windowSeconds: WINDOW_SECONDS, retentionDays: RETENTION_DAYS, auth: { mode: 'jwt', oidc } },
        logger: { error: (message) => problems.push(`server: ${message}`) },
        clock: () => NOW,
      }),
    );
    const context = await browser.newContext();
    const tab = await context.newPage();
    const apiAuth: (string | undefined)[] = [];
    tab.on('request', (r) => {
      if (r.url().includes('/api/v1/trends')) apiAuth.push(r.headers()['authorization']);
    });
    try {
      // act: the page asks to sign in; the button goes to the IdP, which redirects back
      await tab.goto(`${jwtServer.url}/#range=1h`);
      await tab.waitForSelector('#signin', { state: 'visible' });
      await tab.click('#signin-button');
      await tab.waitForSelector('#trends-table tbody tr:nth-child(4)');

      // assess
      const authorize = idp.authorizations[0] as URLSearchParams;
      expect(Object.fromEntries(authorize)).toMatchObject({
        response_type: 'code',
        client_id: 'streamlens-dashboard',
        redirect_uri: `${jwtServer.url}/`,
        scope: 'openid',
        code_challenge_method: 'S256',
        audience: 'streamlens-report',
      });
      expect(authorize.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(idp.tokenRequests[0]?.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(apiAuth).toEqual([`Bearer ${idp.accessToken}`]);
      expect(new URL(tab.url()).search).toBe('');
      expect(new URL(tab.url()).hash).toBe('#range=1h');
      expect(await tab.isVisible('#signout')).toBe(true);
    } finally {
      await context.close();
      await jwtServer.close();
      await idp.close();
    }
  });
});
