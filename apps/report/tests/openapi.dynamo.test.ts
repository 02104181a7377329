// The OpenAPI document against the API as it answers: every route of the router is documented,
// every documented operation is called on dynalite with the known data set, and each answer's
// status and body must be what the document says (validated with ajv, JSON Schema 2020-12).
import Ajv2020 from 'ajv/dist/2020';
import { OPENAPI_DOCUMENT } from '../src/api/openapi';
import { InMemoryAlertsRepository } from '@streamlens/repositories/testing';
import { makeReportHandler } from '../src/http/handler';
import { matchRoute, ROUTES } from '../src/http/router';
import { httpEvent } from './helpers/events';
import { TEST_HEALTH } from './helpers/health';
import { NOW, RETENTION_DAYS, startFixture, WINDOW_SECONDS, type Fixture } from './helpers/fixture';

type Operation = {
  operationId: string;
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
};

const paths = OPENAPI_DOCUMENT.paths as unknown as Record<string, { get: Operation }>;
const ajv = new Ajv2020({ strict: true, allErrors: true });
// RFC 3339 date-time (ajv-formats is not a dependency; the check is this one line).
ajv.addFormat('date-time', (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(s));
// The document's components as one schema, so a response's "#/components/schemas/X" resolves.
ajv.addSchema({ $id: 'openapi', $defs: OPENAPI_DOCUMENT.components.schemas });
const compile = (schema: unknown) =>
  ajv.compile(JSON.parse(JSON.stringify(schema).replace(/"#\/components\/schemas\//g, '"openapi#/$defs/')));

let fixture: Fixture;
beforeAll(async () => {
  fixture = await startFixture();
});
afterAll(async () => fixture.close());

// One stored alert in the fixture's last hour.
const alerts = new InMemoryAlertsRepository({ ttlDays: 30 });
beforeAll(async () => {
  await alerts.claim({
    schemaVersion: 1,
    alertId: '0123456789abcdef0123456789abcdef',
    kind: 'new-entrant',
    hashtag: 'café',
    window: { start: '2025-01-15T11:40:00.000Z', end: '2025-01-15T11:40:30.000Z' },
    decidedAt: '2025-01-15T11:40:31.000Z',
    figures: { count: 5, rank: 1, topN: 10, previousBestRank: null },
    rule: { topN: 10, minCount: 5 },
    basis: { shards: ['shardId-000000000000'], baselineWindows: 3, complete: true },
  });
});

function handler(withHealth: boolean, withAlerts = true) {
  return makeReportHandler({
    trends: fixture.trends,
    posts: fixture.posts,
    ...(withAlerts ? { alerts } : {}),
    config: { windowSeconds: WINDOW_SECONDS, retentionDays: RETENTION_DAYS, auth: { mode: 'iam' } },
    logger: { error: () => undefined },
    clock: () => NOW,
    ...(withHealth ? { health: TEST_HEALTH } : {}),
  });
}

// Requests exercising every documented operation and each documented status it can give.
const CALLS: readonly { path: string; target: string; status: number; withHealth?: boolean; withAlerts?: boolean }[] = [
  { path: '/api/v1/config', target: '/api/v1/config', status: 200 },
  { path: '/api/v1/config', target: '/api/v1/config?x=1', status: 400 },
  { path: '/api/v1/trends', target: '/api/v1/trends?range=1h', status: 200 },
  { path: '/api/v1/trends', target: '/api/v1/trends?range=5m&sort=rising&limit=3', status: 200 },
  { path: '/api/v1/trends', target: '/api/v1/trends?rnage=1h', status: 400 },
  { path: '/api/v1/trends.csv', target: '/api/v1/trends.csv?range=24h', status: 200 },
  { path: '/api/v1/volume', target: '/api/v1/volume?range=24h', status: 200 },
  { path: '/api/v1/volume', target: '/api/v1/volume?from=2025-01-15T11:00:00Z&to=2025-01-15T12:00:00Z', status: 200 },
  { path: '/api/v1/languages', target: '/api/v1/languages?range=1h', status: 200 },
  { path: '/api/v1/hashtags/{tag}/posts', target: '/api/v1/hashtags/ai/posts?limit=2', status: 200 },
  { path: '/api/v1/hashtags/{tag}/posts', target: '/api/v1/hashtags/%23ai/posts?cursor=nonsense', status: 400 },
  { path: '/api/v1/pipeline', target: '/api/v1/pipeline', status: 200, withHealth: true },
  { path: '/api/v1/pipeline', target: '/api/v1/pipeline', status: 503 },
  { path: '/api/v1/openapi.json', target: '/api/v1/openapi.json', status: 200 },
  { path: '/api/v1/alerts', target: '/api/v1/alerts?range=1h', status: 200 },
  { path: '/api/v1/alerts', target: '/api/v1/alerts?kind=spike', status: 400 },
  { path: '/api/v1/alerts', target: '/api/v1/alerts', status: 404, withAlerts: false },
  { path: '/api/v1/alerts.csv', target: '/api/v1/alerts.csv?range=24h&kind=rising', status: 200 },
  { path: '/api/v1/alerts.csv', target: '/api/v1/alerts.csv', status: 404, withAlerts: false },
];

describe('the OpenAPI document', () => {
  it('documents every route of the API, and each documented path reaches its route', () => {
    const documented = Object.values(paths).map((p) => p.get.operationId);
    const apiRoutes = Object.values(ROUTES).filter((r) => r !== ROUTES.dashboard && r !== ROUTES.asset);
    expect(documented.sort()).toEqual([...apiRoutes].sort());
    for (const [path, item] of Object.entries(paths)) {
      const match = matchRoute({ method: 'GET', path: path.replace('{tag}', 'x') });
      expect({ path, route: match.kind === 'route' ? match.name : match.kind }).toEqual({
        path,
        route: item.get.operationId,
      });
    }
  });

  it('calls every documented operation', () => {
    expect(new Set(CALLS.map((c) => c.path))).toEqual(new Set(Object.keys(paths)));
  });

  it.each(CALLS)(
    'GET $target answers $status as documented',
    async ({ path, target, status, withHealth, withAlerts }) => {
      // act
      const res = await handler(withHealth ?? false, withAlerts ?? true)(httpEvent(target));
      // assess: a documented status, a documented content type, a body its schema accepts
      expect(res.statusCode).toBe(status);
      const response = paths[path]?.get.responses[String(status)];
      expect(response).toBeDefined();
      const [mediaType, media] = Object.entries(response?.content ?? {})[0] ?? [];
      expect(res.headers['content-type']?.split(';')[0]).toBe(mediaType);
      if (mediaType !== 'application/json') return;
      const validate = compile(media?.schema);
      const body = JSON.parse(res.body) as unknown;
      expect({ target, errors: validate(body) ? null : validate.errors }).toEqual({ target, errors: null });
    },
  );

  it('rejects a body that breaks its schema (the validation can fail)', () => {
    const validate = compile({ $ref: '#/components/schemas/Pipeline' });
    expect(validate({ generatedAt: 'yesterday', source: 'x' })).toBe(false);
  });

  it('is served at /api/v1/openapi.json as the document itself', async () => {
    const res = await handler(false)(httpEvent('/api/v1/openapi.json'));
    expect(JSON.parse(res.body)).toEqual(JSON.parse(JSON.stringify(OPENAPI_DOCUMENT)));
    expect(JSON.parse(res.body)).toMatchObject({ openapi: '3.1.0', info: { title: 'StreamLens report API' } });
  });
});
