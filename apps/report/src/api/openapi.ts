// Report flow, API: the OpenAPI 3.1 document of the JSON API, served at /api/v1/openapi.json.
// Each response schema is checked against the handler's own types when this file compiles (see
// the end), and tests validate real answers against the document, so it cannot drift.
import { Type, type Static, type TLiteral, type TSchema } from '@sinclair/typebox';
import { SOURCE_NETWORKS, type SourceNetwork } from '@streamlens/schemas';
import type { ErrorBody } from '../http/responses';
import type { AlertsReport } from './alerts';
import type { ClientConfig } from './client-config';
import type { HashtagPostsPage } from './hashtag-posts';
import type { LanguagesReport } from './languages';
import type { PipelineHealth } from './pipeline-health';
import type { TrendsReport } from './trends';
import type { VolumeReport } from './volume';

const Instant = Type.String({ format: 'date-time' });
const Count = Type.Integer({ minimum: 0 });
const Share = Type.Number({ minimum: 0, maximum: 1 });
const Generated = { generatedAt: Instant };
const RangeName = Type.Union([Type.Literal('5m'), Type.Literal('1h'), Type.Literal('24h')]);

const Range = Type.Object(
  {
    name: Type.Union([RangeName, Type.Literal('custom')]),
    from: Instant,
    to: Instant,
    previousFrom: Instant,
    previousTo: Instant,
    windowSeconds: Type.Integer({ minimum: 1 }),
  },
  { description: 'Windows starting in [from, to), and the equally long range before it.' },
);

const Momentum = Type.Object(
  {
    direction: Type.Union([
      Type.Literal('rising'),
      Type.Literal('steady'),
      Type.Literal('falling'),
      Type.Literal('too-early'),
    ]),
    risingScore: Type.Number(),
    recentCount: Count,
    earlierCount: Count,
  },
  { description: "Inside the range: the hashtag's latest windows (the last quarter) against its earlier ones." },
);

const TrendRow = Type.Object({
  rank: Type.Integer({ minimum: 1 }),
  hashtag: Type.String(),
  count: Count,
  previousCount: Count,
  share: Share,
  sentimentAverage: Type.Union([Type.Number(), Type.Null()], {
    description: 'Average AFINN-165 score per post (about −5 to +5 per word, summed over a post; 0 neutral).',
  }),
  sentimentSource: Type.Union([Type.Literal('hashtag'), Type.Literal('window')]),
  velocity: Type.Number(),
  risingScore: Type.Number(),
  direction: Type.Union([
    Type.Literal('rising'),
    Type.Literal('steady'),
    Type.Literal('falling'),
    Type.Literal('no-baseline'),
  ]),
  momentum: Momentum,
});

const Trends = Type.Object({
  ...Generated,
  range: Range,
  sort: Type.Union([Type.Literal('count'), Type.Literal('rising')]),
  totals: Type.Object({
    posts: Count,
    previousPosts: Count,
    hashtagOccurrences: Count,
    previousHashtagOccurrences: Count,
    sentimentAverage: Type.Union([Type.Number(), Type.Null()]),
    windows: Count,
    shards: Count,
  }),
  hasBaseline: Type.Boolean(),
  approximate: Type.Boolean(),
  hashtagErrorBound: Count,
  momentumWindows: Type.Object({ recentWindows: Count, earlierWindows: Count }),
  hashtags: Type.Array(TrendRow),
});

const Volume = Type.Object({
  ...Generated,
  range: Range,
  stepSeconds: Type.Integer({ minimum: 1 }),
  totals: Type.Object({ posts: Count, sentimentAverage: Type.Union([Type.Number(), Type.Null()]) }),
  points: Type.Array(
    Type.Object({
      start: Instant,
      end: Instant,
      posts: Count,
      sentimentAverage: Type.Union([Type.Number(), Type.Null()]),
    }),
  ),
});

const Languages = Type.Object({
  ...Generated,
  range: Range,
  totalPosts: Count,
  languages: Type.Array(Type.Object({ language: Type.String(), posts: Count, share: Share })),
});

const HashtagPosts = Type.Object({
  ...Generated,
  hashtag: Type.String(),
  posts: Type.Array(
    Type.Object({
      postId: Type.String(),
      createdAt: Instant,
      source: Type.Union(SOURCE_NETWORKS.map((n) => Type.Literal(n)) as TLiteral<SourceNetwork>[]),
      authorHandle: Type.String(),
      language: Type.String(),
      sentimentScore: Type.Number(),
      textPreview: Type.String(),
    }),
  ),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

const Config = Type.Object({
  auth: Type.Union([
    Type.Object({ mode: Type.Union([Type.Literal('iam'), Type.Literal('public')]) }),
    Type.Object({
      mode: Type.Literal('jwt'),
      issuer: Type.String(),
      clientId: Type.String(),
      audience: Type.Union([Type.String(), Type.Null()]),
      scope: Type.String(),
    }),
  ]),
  windowSeconds: Type.Integer({ minimum: 1 }),
  retentionDays: Type.Number({ exclusiveMinimum: 0 }),
  ranges: Type.Array(RangeName),
  defaultRange: RangeName,
  alerts: Type.Object({
    available: Type.Boolean({ description: 'The deployment stores trend alerts (/api/v1/alerts answers).' }),
    livePath: Type.Union([Type.String(), Type.Null()], {
      description: 'A Server-Sent Events feed of new alerts (the local stack only), or null: poll /api/v1/alerts.',
    }),
  }),
});

const AlertKind = Type.Union([Type.Literal('rising'), Type.Literal('new-entrant'), Type.Literal('sentiment-swing')]);
const Figures = Type.Union([
  Type.Object(
    {
      count: Count,
      baselineMean: Type.Number(),
      baselineSpread: Type.Number(),
      zScore: Type.Number(),
      ratio: Type.Number(),
    },
    { description: 'rising: count against the baseline mean, z = (count − mean) / spread.' },
  ),
  Type.Object(
    {
      count: Count,
      rank: Type.Integer({ minimum: 1 }),
      topN: Type.Integer({ minimum: 1 }),
      previousBestRank: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
    },
    { description: 'new-entrant: rank in the window, best rank in the baseline windows (null: never counted).' },
  ),
  Type.Object(
    {
      average: Type.Number(),
      baselineAverage: Type.Number(),
      delta: Type.Number(),
      direction: Type.Union([Type.Literal('up'), Type.Literal('down')]),
      sampleSize: Count,
      baselineSampleSize: Count,
    },
    { description: 'sentiment-swing: average AFINN score per post against the baseline average.' },
  ),
]);
const Alerts = Type.Object({
  ...Generated,
  range: Range,
  kind: Type.Union([AlertKind, Type.Null()]),
  alerts: Type.Array(
    Type.Object({
      alertId: Type.String({ description: 'The `detail.alertId` of the event on the bus: dedupe on it.' }),
      kind: AlertKind,
      hashtag: Type.String(),
      window: Type.Object({ start: Instant, end: Instant }),
      decidedAt: Instant,
      publishedAt: Type.Union([Instant, Type.Null()], { description: 'null while it waits to be published.' }),
      figures: Figures,
      basis: Type.Object({
        shards: Type.Array(Type.String()),
        baselineWindows: Count,
        complete: Type.Boolean({ description: 'false: decided after the settle time with a shard missing.' }),
      }),
      refined: Type.Boolean({ description: 'Late rows changed the figures after publication.' }),
      rule: Type.Record(Type.String(), Type.Number(), { description: 'Thresholds the decision applied.' }),
      drillDown: Type.String({ description: "API path of the hashtag's recent posts." }),
    }),
  ),
  truncated: Type.Boolean({ description: 'More alerts matched than `limit`.' }),
});

const Pipeline = Type.Object({
  ...Generated,
  source: Type.String({ description: 'Where the figures come from, e.g. "local stack".' }),
  measuredAt: Instant,
  countedSince: Instant,
  functions: Type.Array(
    Type.Object({
      name: Type.String(),
      lagMs: Type.Union([Type.Number({ minimum: 0 }), Type.Null()], {
        description: 'Iterator age: how far behind the newest record its latest batch was.',
      }),
    }),
  ),
  quarantine: Type.Object({ total: Count, byReason: Type.Record(Type.String(), Count) }),
  onFailure: Type.Record(Type.String(), Count, { description: 'Batches per function waiting for a redrive.' }),
});

const Problem = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    parameter: Type.Optional(Type.String()),
    requestId: Type.String(),
  }),
});

/** The response schemas, by component name. */
export const SCHEMAS = { Trends, Volume, Languages, HashtagPosts, Config, Pipeline, Alerts, Problem } as const;

const ref = (name: keyof typeof SCHEMAS) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: keyof typeof SCHEMAS, description: string) => ({
  description,
  content: { 'application/json': { schema: ref(name) } },
});
const problem = (description: string) => json('Problem', description);
const query = (name: string, description: string, schema: Record<string, unknown>) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});
const RANGE_QUERY = [
  query('range', 'Preset ending at the last closed window (default 1h).', { enum: ['5m', '1h', '24h'] }),
  query('from', 'Start of a custom range (RFC 3339), with `to`.', { type: 'string', format: 'date-time' }),
  query('to', 'End of a custom range (RFC 3339), with `from`.', { type: 'string', format: 'date-time' }),
];
const LIMIT = (max: number, fallback: number) =>
  query('limit', `How many (1–${max}, default ${fallback}).`, { type: 'integer', minimum: 1, maximum: max });
const SORT = query('sort', 'Rank by count (default) or by rising score.', { enum: ['count', 'rising'] });
const KIND = query('kind', 'Only alerts of this kind.', { enum: ['rising', 'new-entrant', 'sentiment-swing'] });
const ERRORS = { '400': problem('A parameter is unknown, repeated or invalid; `parameter` names it.') };

const get = (summary: string, operationId: string, parameters: unknown[], responses: Record<string, unknown>) => ({
  get: { summary, operationId, parameters, responses: { ...responses, '500': problem('Unexpected error.') } },
});

/** The OpenAPI 3.1 document. */
export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'StreamLens report API',
    version: '1',
    description:
      'Trends of the social stream, from the tumbling-window rows of the aggregator. Read-only (GET and HEAD); ' +
      'unknown or repeated query parameters are 400, so a typo is never silently the default. ' +
      'Sentiment is AFINN-165: each word scores −5 (very negative) to +5 (very positive), a post scores the sum ' +
      'of its words (most posts fall between −5 and +5; 0 is neutral), and averages are per post.',
  },
  paths: {
    '/api/v1/config': get('What the dashboard needs before its first request', 'config', [], {
      '200': json('Config', 'Authentication mode, window length, ranges.'),
      ...ERRORS,
    }),
    '/api/v1/trends': get('Top hashtags of a range', 'trends', [...RANGE_QUERY, LIMIT(500, 20), SORT], {
      '200': json('Trends', 'Ranked hashtags with share, sentiment, direction and momentum.'),
      ...ERRORS,
    }),
    '/api/v1/trends.csv': get(
      'The trend table as CSV (RFC 4180, with a BOM)',
      'trendsCsv',
      [...RANGE_QUERY, LIMIT(500, 20), SORT],
      {
        '200': { description: 'CSV file.', content: { 'text/csv': { schema: { type: 'string' } } } },
        ...ERRORS,
      },
    ),
    '/api/v1/volume': get('Posts and average sentiment over time', 'volume', RANGE_QUERY, {
      '200': json('Volume', 'One point per window (or group of windows, at most 360).'),
      ...ERRORS,
    }),
    '/api/v1/languages': get('Language split of a range', 'languages', RANGE_QUERY, {
      '200': json('Languages', 'Posts per language tag, most first.'),
      ...ERRORS,
    }),
    '/api/v1/hashtags/{tag}/posts': get(
      'Recent posts carrying a hashtag, newest first',
      'hashtagPosts',
      [
        {
          name: 'tag',
          in: 'path',
          required: true,
          description: 'Hashtag, with or without #.',
          schema: { type: 'string' },
        },
        LIMIT(100, 20),
        query('cursor', 'The `nextCursor` of the previous page.', { type: 'string' }),
      ],
      { '200': json('HashtagPosts', 'A page of posts.'), ...ERRORS },
    ),
    '/api/v1/pipeline': get('Pipeline health: lag, quarantine, on-failure batches', 'pipeline', [], {
      '200': json('Pipeline', "As measured by the deployment's pipeline-health source."),
      '503': problem('No pipeline-health source is configured, or it did not answer; the message says which.'),
      ...ERRORS,
    }),
    '/api/v1/alerts': get('Trend alerts of a range, newest first', 'alerts', [...RANGE_QUERY, LIMIT(1000, 100), KIND], {
      '200': json('Alerts', 'The stored alerts of windows starting in the range, with their latest figures.'),
      '404': problem('This deployment has no alerts table.'),
      ...ERRORS,
    }),
    '/api/v1/alerts.csv': get(
      'The alerts as CSV (RFC 4180, with a BOM)',
      'alertsCsv',
      [...RANGE_QUERY, LIMIT(1000, 100), KIND],
      {
        '200': { description: 'CSV file.', content: { 'text/csv': { schema: { type: 'string' } } } },
        '404': problem('This deployment has no alerts table.'),
        ...ERRORS,
      },
    ),
    '/api/v1/openapi.json': get('This document', 'openapi', [], {
      '200': { description: 'OpenAPI 3.1 document.', content: { 'application/json': { schema: { type: 'object' } } } },
      ...ERRORS,
    }),
  },
  components: { schemas: SCHEMAS as Record<string, TSchema> },
} as const;

/** The document as served. */
export const OPENAPI_JSON = JSON.stringify(OPENAPI_DOCUMENT);

// --- The schemas match the handler's own types (checked when this file compiles) -------------

/** T without readonly, at every depth (the API types are readonly, schemas' static types not). */
type Mutable<T> = T extends readonly (infer U)[]
  ? Mutable<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: Mutable<T[K]> }
    : T;
/** True when each type is assignable to the other. */
type Same<A, B> = [Mutable<A>] extends [Mutable<B>] ? ([Mutable<B>] extends [Mutable<A>] ? true : false) : false;
type Body<T> = { generatedAt: string } & T;
const schemasMatchTypes: [
  Same<Static<typeof Trends>, Body<TrendsReport>>,
  Same<Static<typeof Volume>, Body<VolumeReport>>,
  Same<Static<typeof Languages>, Body<LanguagesReport>>,
  Same<Static<typeof HashtagPosts>, Body<HashtagPostsPage>>,
  Same<Static<typeof Config>, ClientConfig>,
  Same<Static<typeof Pipeline>, PipelineHealth>,
  Same<Static<typeof Alerts>, Body<AlertsReport>>,
  Same<Static<typeof Problem>, ErrorBody>,
] = [true, true, true, true, true, true, true, true];
void schemasMatchTypes;
