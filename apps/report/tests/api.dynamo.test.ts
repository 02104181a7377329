// Report API against dynalite: every endpoint on a hand-computed data set, every class of bad
// parameter (table-driven), and the 404 / 405 / 500 answers.
import type { TrendsRepository } from '@streamlens/repositories';
import { makeReportHandler, type ErrorLogger, type ReportHandler } from '../src/http/handler';
import type { ReportResponse } from '../src/http/responses';
import { httpEvent } from './helpers/events';
import {
  EXPECTED_HOUR,
  MARKUP_TAG,
  NOW,
  RETENTION_DAYS,
  startFixture,
  WINDOW_SECONDS,
  type Fixture,
} from './helpers/fixture';

let fixture: Fixture;
let handle: ReportHandler;
const logged: { message: string; attributes: Record<string, unknown> }[] = [];
const logger: ErrorLogger = { error: (message, attributes) => logged.push({ message, attributes }) };
const config = { windowSeconds: WINDOW_SECONDS, retentionDays: RETENTION_DAYS, auth: { mode: 'iam' as const } };

beforeAll(async () => {
  fixture = await startFixture();
  handle = makeReportHandler({ trends: fixture.trends, posts: fixture.posts, config, logger, clock: () => NOW });
});

afterAll(async () => {
  await fixture.close();
});

beforeEach(() => {
  logged.length = 0;
});

// The JSON bodies are checked value by value below; typing each shape again adds nothing.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function get(target: string, method = 'GET'): Promise<{ res: ReportResponse; body: any }> {
  const res = await handle(httpEvent(target, method));
  let body: unknown = null;
  if (res.body !== '' && res.headers['content-type']?.startsWith('application/json')) body = JSON.parse(res.body);
  return { res, body };
}

describe('GET /api/v1/trends', () => {
  it('ranks the last hour, merging shard rows and early-terminated parts, with rising markers vs the hour before', async () => {
    // act
    const { res, body } = await get('/api/v1/trends?range=1h');

    // assess
    expect(res.statusCode).toBe(200);
    expect(body.range).toEqual({
      name: '1h',
      from: '2025-01-15T11:00:00.000Z',
      to: '2025-01-15T12:00:00.000Z',
      previousFrom: '2025-01-15T10:00:00.000Z',
      previousTo: '2025-01-15T11:00:00.000Z',
      windowSeconds: 30,
    });
    expect(body.hashtags.map((h: { hashtag: string }) => h.hashtag)).toEqual(EXPECTED_HOUR.order);
    for (const h of body.hashtags) {
      expect(h.count).toBe(EXPECTED_HOUR.counts[h.hashtag]);
      expect(h.sentimentAverage).toBeCloseTo(EXPECTED_HOUR.sentiment[h.hashtag] as number, 10);
      expect(h.share).toBeCloseTo((EXPECTED_HOUR.counts[h.hashtag] as number) / EXPECTED_HOUR.occurrences, 10);
    }
    // ai: 10 now vs 10 before while all hashtag use grew 2.7×: falling; café/東京 new: rising.
    expect(body.hashtags[0]).toMatchObject({ hashtag: 'ai', previousCount: 10, direction: 'falling' });
    expect(body.hashtags[0].risingScore).toBeCloseTo(Math.log2(11 / 28), 10);
    expect(body.hashtags[1]).toMatchObject({ hashtag: 'café', previousCount: 0, direction: 'rising' });
    expect(body.totals).toMatchObject({ posts: 25, previousPosts: 10, hashtagOccurrences: 27, windows: 2, shards: 2 });
    expect(body.totals.sentimentAverage).toBeCloseTo(2 / 25, 10);
    expect(body).toMatchObject({
      hasBaseline: true,
      approximate: false,
      hashtagErrorBound: 0,
      sort: 'count',
      generatedAt: '2025-01-15T12:00:10.000Z',
    });
    // 10 s into a 30 s window: valid for the 20 s until the window closes.
    expect(res.headers['cache-control']).toBe('private, max-age=20');
  });

  it('sorts by rising score and honours limit', async () => {
    const { body } = await get('/api/v1/trends?range=1h&sort=rising&limit=2');
    expect(body.hashtags.map((h: { hashtag: string }) => h.hashtag)).toEqual(['café', '東京']);
  });

  it('reports an empty range as zero posts and no hashtags', async () => {
    const { res, body } = await get('/api/v1/trends?range=5m');
    expect(res.statusCode).toBe(200);
    expect(body.range.from).toBe('2025-01-15T11:55:00.000Z');
    expect(body.hashtags).toEqual([]);
    expect(body.totals).toMatchObject({ posts: 0, windows: 0 });
  });

  it('takes an explicit from/to range: only window 11:10, its three rows merged', async () => {
    const { body } = await get('/api/v1/trends?from=2025-01-15T11:10:00Z&to=2025-01-15T11:10:30%2B00:00');
    expect(body.range).toMatchObject({ name: 'custom', previousFrom: '2025-01-15T11:09:30.000Z' });
    expect(
      Object.fromEntries(body.hashtags.map((h: { hashtag: string; count: number }) => [h.hashtag, h.count])),
    ).toEqual({ ai: 10, 東京: 6, café: 3, [MARKUP_TAG]: 1 });
    expect(body.totals.posts).toBe(20);
  });

  it('defaults to the last hour and 20 rows', async () => {
    const { body } = await get('/api/v1/trends');
    expect(body.range.name).toBe('1h');
    expect(body.hashtags).toHaveLength(4);
  });

  it('compares 24 h with an empty day before: no baseline, so nothing is marked rising', async () => {
    const { body } = await get('/api/v1/trends?range=24h');
    expect(body.totals.posts).toBe(35);
    expect(body.hasBaseline).toBe(false);
    expect(body.hashtags[0]).toMatchObject({ hashtag: 'ai', count: 20, previousCount: 0 });
    expect(new Set(body.hashtags.map((h: { direction: string }) => h.direction))).toEqual(new Set(['no-baseline']));
  });
});

describe('GET /api/v1/trends.csv', () => {
  it('downloads the trend table as CSV with a file name', async () => {
    // act
    const { res } = await get('/api/v1/trends.csv?range=1h');

    // assess
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="streamlens-trends-1h-20250115T110000000Z.csv"',
    );
    expect(res.headers['cache-control']).toBe('private, max-age=20');
    const lines = res.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(
      'rank,hashtag,count,previous_count,share,sentiment_average,sentiment_source,velocity,rising_score,direction,range_from,range_to',
    );
    expect(lines[1]).toMatch(
      /^1,ai,10,10,0\.37037,0\.8,hashtag,0,-1\.3479,falling,2025-01-15T11:00:00\.000Z,2025-01-15T12:00:00\.000Z$/,
    );
    expect(lines[4]).toMatch(/^4,<b>x<\/b>,1,0,/);
    expect(lines).toHaveLength(6);
    expect(lines[5]).toBe('');
  });
});

describe('GET /api/v1/volume and /api/v1/languages', () => {
  it('gives one point per window over the hour, zero where no window was written', async () => {
    const { res, body } = await get('/api/v1/volume?range=1h');
    expect(res.statusCode).toBe(200);
    expect(body.stepSeconds).toBe(30);
    expect(body.points).toHaveLength(120);
    const busy = body.points.filter((p: { posts: number }) => p.posts > 0);
    expect(busy).toEqual([
      { start: '2025-01-15T11:10:00.000Z', end: '2025-01-15T11:10:30.000Z', posts: 20, sentimentAverage: 7 / 20 },
      { start: '2025-01-15T11:40:00.000Z', end: '2025-01-15T11:40:30.000Z', posts: 5, sentimentAverage: -1 },
    ]);
    expect(body.points[0]).toEqual({
      start: '2025-01-15T11:00:00.000Z',
      end: '2025-01-15T11:00:30.000Z',
      posts: 0,
      sentimentAverage: null,
    });
    expect(body.totals).toEqual({ posts: 25, sentimentAverage: 2 / 25 });
  });

  it('groups windows on 24 h so the series stays at most 360 points', async () => {
    const { body } = await get('/api/v1/volume?range=24h');
    expect(body.stepSeconds).toBe(240);
    expect(body.points).toHaveLength(360);
    expect(body.points.reduce((s: number, p: { posts: number }) => s + p.posts, 0)).toBe(35);
  });

  it('splits the hour by language, most posts first', async () => {
    const { body } = await get('/api/v1/languages?range=1h');
    expect(body.totalPosts).toBe(25);
    expect(body.languages.map((l: { language: string; posts: number }) => [l.language, l.posts])).toEqual(
      EXPECTED_HOUR.languages,
    );
    expect(body.languages[0].share).toBeCloseTo(11 / 25, 10);
  });
});

describe('GET /api/v1/hashtags/{tag}/posts', () => {
  it('pages through recent posts of a hashtag, newest first', async () => {
    // act
    const first = await get('/api/v1/hashtags/caf%C3%A9/posts?limit=2');
    const second = await get(
      `/api/v1/hashtags/%23Caf%C3%A9/posts?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
    );

    // assess
    expect(first.res.statusCode).toBe(200);
    expect(first.body.hashtag).toBe('café');
    expect(first.body.posts.map((p: { postId: string }) => p.postId)).toEqual(['p-3', 'p-2']);
    expect(first.body.posts[0]).toMatchObject({
      authorHandle: 'olga',
      language: 'en',
      sentimentScore: 2,
      createdAt: '2025-01-15T11:40:01.000Z',
    });
    expect(first.body.nextCursor).toEqual(expect.any(String));
    expect(second.body.posts.map((p: { postId: string }) => p.postId)).toEqual(['p-1']);
    expect(second.body.nextCursor).toBeNull();
    expect(first.res.headers['cache-control']).toBe('private, max-age=5');
  });

  it('finds a hashtag that is markup, returned as data', async () => {
    const { body } = await get(`/api/v1/hashtags/${encodeURIComponent(MARKUP_TAG)}/posts`);
    expect(body.posts).toHaveLength(1);
    expect(body.posts[0].textPreview).toContain('<script>');
  });
});

describe('GET /api/v1/config', () => {
  it('says iam (no sign-in) by default', async () => {
    const { res, body } = await get('/api/v1/config');
    expect(res.statusCode).toBe(200);
    expect(body).toEqual({
      auth: { mode: 'iam' },
      windowSeconds: 30,
      retentionDays: 30,
      ranges: ['5m', '1h', '24h'],
      defaultRange: '1h',
      // this handler has no alerts repository: the dashboard hides its alerts panel
      alerts: { available: false, livePath: null },
    });
  });

  it('gives the OIDC client in jwt mode', async () => {
    // prepare
    const oidc = {
      issuer: 'https://idp.example.com/pool',
      clientId: 'dashboard',
      audience: 'streamlens-report',
      scope: 'openid',
    };
    const jwt = makeReportHandler({
      trends: fixture.trends,
      posts: fixture.posts,
      config: { ...config, auth: { mode: 'jwt', oidc } },
      logger,
      clock: () => NOW,
    });

    // act
    const res = await jwt(httpEvent('/api/v1/config'));

    // assess
    expect(JSON.parse(res.body).auth).toEqual({ mode: 'jwt', ...oidc });
  });
});

describe('bad parameters → 400 naming the parameter', () => {
  const cases: [string, string, string][] = [
    ['/api/v1/trends?range=2h', 'UNKNOWN_RANGE', 'range'],
    ['/api/v1/trends?range=', 'UNKNOWN_RANGE', 'range'],
    ['/api/v1/volume?range=7d', 'UNKNOWN_RANGE', 'range'],
    ['/api/v1/trends.csv?range=1w', 'UNKNOWN_RANGE', 'range'],
    ['/api/v1/trends?range=1h&from=2025-01-15T11:00:00Z&to=2025-01-15T12:00:00Z', 'CONFLICTING_PARAMETERS', 'range'],
    ['/api/v1/trends?from=2025-01-15T11:00:00Z', 'MISSING_PARAMETER', 'to'],
    ['/api/v1/languages?to=2025-01-15T11:00:00Z', 'MISSING_PARAMETER', 'from'],
    ['/api/v1/trends?from=yesterday&to=2025-01-15T12:00:00Z', 'INVALID_DATE', 'from'],
    ['/api/v1/trends?from=2025-01-15T11:00:00Z&to=2025-02-30T00:00:00Z', 'INVALID_DATE', 'to'],
    ['/api/v1/volume?from=2025-01-15&to=2025-01-16T00:00:00Z', 'INVALID_DATE', 'from'],
    ['/api/v1/trends?from=2025-01-15T12:00:00Z&to=2025-01-15T11:00:00Z', 'INVALID_RANGE_ORDER', 'from'],
    ['/api/v1/trends?from=2025-01-15T12:00:00Z&to=2025-01-15T12:00:00Z', 'INVALID_RANGE_ORDER', 'from'],
    ['/api/v1/trends?from=2024-01-01T00:00:00Z&to=2025-01-15T12:00:00Z', 'RANGE_TOO_LONG', 'from'],
    ['/api/v1/trends?limit=0', 'INVALID_LIMIT', 'limit'],
    ['/api/v1/trends?limit=501', 'INVALID_LIMIT', 'limit'],
    ['/api/v1/trends?limit=1.5', 'INVALID_LIMIT', 'limit'],
    ['/api/v1/trends?limit=ten', 'INVALID_LIMIT', 'limit'],
    ['/api/v1/hashtags/ai/posts?limit=101', 'INVALID_LIMIT', 'limit'],
    ['/api/v1/trends?sort=name', 'INVALID_SORT', 'sort'],
    ['/api/v1/trends?rnage=5m', 'UNKNOWN_PARAMETER', 'rnage'],
    ['/api/v1/volume?limit=5', 'UNKNOWN_PARAMETER', 'limit'],
    ['/api/v1/config?debug=1', 'UNKNOWN_PARAMETER', 'debug'],
    ['/api/v1/trends?range=5m&range=1h', 'REPEATED_PARAMETER', 'range'],
    ['/api/v1/hashtags/ai/posts?cursor=not-a-cursor', 'INVALID_CURSOR', 'cursor'],
    ['/api/v1/hashtags/ai/posts?cursor=', 'INVALID_CURSOR', 'cursor'],
    ['/api/v1/hashtags/%E0%A4/posts', 'INVALID_HASHTAG', 'tag'],
    ['/api/v1/hashtags/%20/posts', 'INVALID_HASHTAG', 'tag'],
    [`/api/v1/hashtags/${'a'.repeat(101)}/posts`, 'INVALID_HASHTAG', 'tag'],
  ];

  it.each(cases)('%s → %s (%s)', async (target, code, parameter) => {
    const { res, body } = await get(target);
    expect(res.statusCode).toBe(400);
    expect(body.error).toMatchObject({ code, parameter, requestId: 'req-test-1' });
    expect(body.error.message).toContain(parameter === 'tag' ? 'tag' : parameter.slice(0, 4));
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('refuses a cursor issued for another hashtag', async () => {
    // prepare: a real cursor of #café
    const { body: page } = await get('/api/v1/hashtags/caf%C3%A9/posts?limit=1');

    // act
    const { res, body } = await get(`/api/v1/hashtags/ai/posts?cursor=${encodeURIComponent(page.nextCursor)}`);

    // assess
    expect(res.statusCode).toBe(400);
    expect(body.error).toMatchObject({ code: 'INVALID_CURSOR', parameter: 'cursor' });
  });

  it('refuses a preset range longer than the retention', async () => {
    const short = makeReportHandler({
      trends: fixture.trends,
      posts: fixture.posts,
      config: { ...config, retentionDays: 0.5 },
      logger,
      clock: () => NOW,
    });
    const res = await short(httpEvent('/api/v1/trends?range=24h'));
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body).error).toMatchObject({ code: 'RANGE_TOO_LONG', parameter: 'range' });
  });
});

describe('unknown paths, wrong methods, failures', () => {
  it.each(['/api/v1/nope', '/api/v2/trends', '/api/v1/hashtags/ai', '/assets/uplot.000000000000.js', '/index.html'])(
    '%s → 404',
    async (target) => {
      const { res, body } = await get(target);
      expect(res.statusCode).toBe(404);
      expect(body.error).toMatchObject({ code: 'NOT_FOUND', requestId: 'req-test-1' });
    },
  );

  it.each([
    ['POST', '/api/v1/trends'],
    ['DELETE', '/'],
    ['PUT', '/api/v1/hashtags/ai/posts'],
  ])('%s %s → 405 with Allow', async (method, target) => {
    const { res, body } = await get(target, method);
    expect(res.statusCode).toBe(405);
    expect(res.headers['allow']).toBe('GET, HEAD');
    expect(body.error.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('answers HEAD with the headers and no body', async () => {
    const { res } = await get('/api/v1/trends?range=1h', 'HEAD');
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('');
    expect(res.headers['cache-control']).toBe('private, max-age=20');
  });

  it('turns a repository failure into 500 with a request id, no stack trace, and logs it', async () => {
    // prepare
    const broken: TrendsRepository = {
      putWindow: async () => undefined,
      queryWindows: async () => {
        throw new Error('ProvisionedThroughputExceeded at /var/task/secret.js:42');
      },
    };
    const failing = makeReportHandler({ trends: broken, posts: fixture.posts, config, logger, clock: () => NOW });

    // act
    const res = await failing(httpEvent('/api/v1/trends?range=1h', 'GET', 'req-500'));

    // assess
    expect(res.statusCode).toBe(500);
    const body = JSON.parse(res.body);
    expect(body).toEqual({
      error: {
        code: 'INTERNAL_ERROR',
        message: 'internal error; quote request id req-500 when reporting it',
        requestId: 'req-500',
      },
    });
    expect(res.body).not.toMatch(/secret|Throughput|\bat \//);
    expect(res.headers['x-request-id']).toBe('req-500');
    expect(logged).toHaveLength(1);
    expect(logged[0]?.attributes).toMatchObject({ requestId: 'req-500', route: 'trends' });
    expect((logged[0]?.attributes['error'] as Error).message).toContain('ProvisionedThroughputExceeded');
  });
});

describe('minimal events', () => {
  it('works with only rawPath and requestContext.http.method, and with queryStringParameters instead of rawQueryString', async () => {
    // act
    const bare = await handle({ rawPath: '/api/v1/languages', requestContext: { http: { method: 'GET' } } } as never);
    const params = await handle({
      rawPath: '/api/v1/trends',
      rawQueryString: '',
      queryStringParameters: { range: '5m' },
      headers: {},
      requestContext: { http: { method: 'GET' } },
    } as never);

    // assess
    expect(bare.statusCode).toBe(200);
    expect(JSON.parse(bare.body).totalPosts).toBe(25);
    expect(bare.headers['x-request-id']).toBeUndefined();
    expect(JSON.parse(params.body).range.name).toBe('5m');
  });
});

describe('dashboard page and assets', () => {
  it('serves the page with a strict CSP, scripts only from hashed /assets paths that exist', async () => {
    // act
    const { res } = await get('/');

    // assess
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(res.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(res.body).not.toMatch(/https?:\/\//);
    const paths = [...res.body.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1] as string);
    expect(paths).toHaveLength(5);
    for (const path of paths) {
      const asset = await get(path);
      expect(asset.res.statusCode).toBe(200);
      expect(asset.res.headers['content-type']).toMatch(path.endsWith('.js') ? /^text\/javascript/ : /^text\/css/);
      expect(asset.res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(asset.res.body.length).toBeGreaterThan(500);
    }
    const uplot = await get(paths.find((p) => p.includes('uplot') && p.endsWith('.js')) as string);
    expect(uplot.res.body).toContain('uPlot');
  });
});

describe('main.ts (the Lambda entry point)', () => {
  it('builds its clients from the environment (AWS_ENDPOINT_URL_DYNAMODB) and answers a minimal event', async () => {
    // prepare
    const saved = { ...process.env };
    Object.assign(process.env, {
      TRENDS_TABLE: fixture.tables.trends,
      POSTS_TABLE: fixture.tables.posts,
      TTL_DAYS: '30',
      WINDOW_SECONDS: '30',
      REPORT_AUTH: 'iam',
      AWS_ENDPOINT_URL_DYNAMODB: fixture.dynamo.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    });
    try {
      let main: typeof import('../src/main') | undefined;
      jest.isolateModules(() => {
        main = require('../src/main') as typeof import('../src/main');
      });

      // act: a custom range, so the answer does not depend on the real clock
      const res = await (main as typeof import('../src/main')).handler(
        httpEvent('/api/v1/trends?from=2025-01-15T11:00:00Z&to=2025-01-15T12:00:00Z'),
      );

      // assess
      expect(res.statusCode).toBe(200);
      expect(JSON.parse(res.body as string).totals.posts).toBe(EXPECTED_HOUR.posts);
    } finally {
      process.env = saved;
    }
    // A cold load of main.ts (every client and the SDK) takes seconds on a loaded machine.
  }, 30_000);

  it('fails at cold start with a message naming a missing variable', () => {
    const saved = { ...process.env };
    Object.assign(process.env, { POSTS_TABLE: 'p', TTL_DAYS: '30', WINDOW_SECONDS: '30', REPORT_AUTH: 'iam' });
    delete process.env['TRENDS_TABLE'];
    try {
      expect(() => jest.isolateModules(() => require('../src/main'))).toThrow(
        /^TRENDS_TABLE is required \(name of the DynamoDB trends table\)$/,
      );
    } finally {
      process.env = saved;
    }
  });
});
