// Report flow: v2 event → route → query of the repositories → JSON / CSV / page. Every failure
// becomes an answer: 400 naming the parameter, 404, 405, or 500 with only a request id.
import type { AlertsRepository, PostsReader, TrendsRepository } from '@streamlens/repositories';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ALERTS_LIMIT, alertsReport, parseKind } from '../api/alerts';
import { alertsCsv, alertsCsvFileName } from '../api/alerts-csv';
import { clientConfig } from '../api/client-config';
import { trendsCsv, trendsCsvFileName } from '../api/csv';
import { hashtagPosts, parseCursor, parseHashtagSegment, POSTS_LIMIT } from '../api/hashtag-posts';
import { languagesReport } from '../api/languages';
import { checkParameters, parseLimit, parseSort } from '../api/params';
import { RANGE_PARAMETERS, resolveTimeRange, type TimeRange } from '../api/time-range';
import { trendsReport } from '../api/trends';
import { volumeReport } from '../api/volume';
import type { ReportConfig } from '../config';
import { PipelineHealthSourceError, type PipelineHealth, type PipelineHealthSource } from '../api/pipeline-health';
import { OPENAPI_JSON } from '../api/openapi';
import { ASSET_CACHE_CONTROL, findAsset } from '../dashboard/assets';
import { contentSecurityPolicy, dashboardHtml } from '../dashboard/page';
import { BadRequestError } from '../errors';
import { cacheControl, DRILL_DOWN_MAX_AGE_SECONDS, secondsToNextWindowEnd } from './cache';
import {
  badRequest,
  internalError,
  jsonResponse,
  methodNotAllowed,
  notFound,
  serviceUnavailable,
  textResponse,
  withoutBody,
  type ReportResponse,
} from './responses';
import { toReportRequest, type ReportRequest } from './request';
import { matchRoute, ROUTES, type RouteName } from './router';

/** Where unexpected errors go (Powertools Logger in the Lambda). */
export interface ErrorLogger {
  error(message: string, attributes: Record<string, unknown>): void;
}

/** What the handler needs. */
export interface ReportDependencies {
  readonly trends: TrendsRepository;
  readonly posts: PostsReader;
  /** Stored trend alerts; without it the alerts routes answer 404 (no alerts table configured). */
  readonly alerts?: AlertsRepository;
  readonly config: Pick<ReportConfig, 'windowSeconds' | 'retentionDays' | 'auth' | 'alertsLivePath'>;
  readonly logger: ErrorLogger;
  /** Where /api/v1/pipeline reads pipeline health; without one it answers 503 saying so. */
  readonly health?: PipelineHealthSource;
  /** Epoch milliseconds (default Date.now). */
  readonly clock?: () => number;
}

/** The report's request handler. */
export type ReportHandler = (event: APIGatewayProxyEventV2) => Promise<ReportResponse>;

/** Trend table sizes. */
export const TRENDS_LIMIT = { fallback: 20, max: 500 } as const;

interface Context {
  readonly deps: ReportDependencies;
  readonly request: ReportRequest;
  readonly params: readonly string[];
  readonly now: number;
}

const PAGE_HTML = dashboardHtml();

/**
 * Builds the handler from its dependencies.
 *
 * @example
 * ```ts
 * const handle = makeReportHandler({ trends, posts, config, logger });
 * const response = await handle(event);
 * ```
 */
export function makeReportHandler(deps: ReportDependencies): ReportHandler {
  const clock = deps.clock ?? Date.now;
  return async (event) => {
    const request = toReportRequest(event);
    const match = matchRoute(request);
    let response: ReportResponse;
    if (match.kind === 'not-found') response = notFound(request.path, request.requestId);
    else if (match.kind === 'method-not-allowed')
      response = methodNotAllowed(request.method, request.path, request.requestId);
    else response = await answer(match.name, { deps, request, params: match.params, now: clock() });
    return request.method === 'HEAD' ? withoutBody(response) : response;
  };
}

async function answer(route: RouteName, ctx: Context): Promise<ReportResponse> {
  try {
    return await serve(route, ctx);
  } catch (err) {
    if (err instanceof BadRequestError) return badRequest(err, ctx.request.requestId);
    ctx.deps.logger.error('report request failed', {
      requestId: ctx.request.requestId,
      route,
      path: ctx.request.path.slice(0, 300),
      error: err,
    });
    return internalError(ctx.request.requestId);
  }
}

function serve(route: RouteName, ctx: Context): Promise<ReportResponse> | ReportResponse {
  switch (route) {
    case ROUTES.dashboard:
      return textResponse(200, 'text/html; charset=utf-8', PAGE_HTML, {
        'cache-control': 'no-cache',
        'content-security-policy': contentSecurityPolicy(ctx.deps.config.auth),
        'x-frame-options': 'DENY',
      });
    case ROUTES.asset: {
      const asset = findAsset(ctx.request.path);
      if (!asset) return notFound(ctx.request.path, ctx.request.requestId);
      return textResponse(200, asset.contentType, asset.body, { 'cache-control': ASSET_CACHE_CONTROL });
    }
    case ROUTES.config:
      checkParameters(ctx.request.query, []);
      return jsonResponse(
        200,
        clientConfig(ctx.deps.config, {
          available: ctx.deps.alerts !== undefined,
          livePath: ctx.deps.alerts ? (ctx.deps.config.alertsLivePath ?? null) : null,
        }),
        { 'cache-control': 'no-cache' },
      );
    case ROUTES.trends:
    case ROUTES.trendsCsv:
      return trends(route, ctx);
    case ROUTES.volume:
      return volume(ctx);
    case ROUTES.languages:
      return languages(ctx);
    case ROUTES.hashtagPosts:
      return drillDown(ctx);
    case ROUTES.pipeline:
      return pipeline(ctx);
    case ROUTES.openapi:
      checkParameters(ctx.request.query, []);
      return textResponse(200, 'application/json; charset=utf-8', OPENAPI_JSON, { 'cache-control': 'no-cache' });
    case ROUTES.alerts:
    case ROUTES.alertsCsv:
      return alerts(route, ctx);
  }
}

function range(ctx: Context, extra: readonly string[]): TimeRange {
  checkParameters(ctx.request.query, [...RANGE_PARAMETERS, ...extra]);
  const { windowSeconds, retentionDays } = ctx.deps.config;
  return resolveTimeRange(ctx.request.query, { nowMs: ctx.now, windowSeconds, retentionDays });
}

// Window data changes when a window closes: reuse answers until then.
function windowCache(ctx: Context): Record<string, string> {
  return {
    'cache-control': cacheControl(
      ctx.deps.config.auth.mode,
      secondsToNextWindowEnd(ctx.now, ctx.deps.config.windowSeconds),
    ),
  };
}

function generated(ctx: Context): { generatedAt: string } {
  return { generatedAt: new Date(ctx.now).toISOString() };
}

async function trends(route: RouteName, ctx: Context): Promise<ReportResponse> {
  const timeRange = range(ctx, ['limit', 'sort']);
  const limit = parseLimit(ctx.request.query, TRENDS_LIMIT);
  const sort = parseSort(ctx.request.query);
  const report = await trendsReport(ctx.deps.trends, {
    range: timeRange,
    windowSeconds: ctx.deps.config.windowSeconds,
    limit,
    sort,
  });
  if (route === ROUTES.trends) return jsonResponse(200, { ...generated(ctx), ...report }, windowCache(ctx));
  return textResponse(200, 'text/csv; charset=utf-8; header=present', trendsCsv(report), {
    ...windowCache(ctx),
    'content-disposition': `attachment; filename="${trendsCsvFileName(report)}"`,
  });
}

async function volume(ctx: Context): Promise<ReportResponse> {
  const report = await volumeReport(ctx.deps.trends, range(ctx, []), ctx.deps.config.windowSeconds);
  return jsonResponse(200, { ...generated(ctx), ...report }, windowCache(ctx));
}

async function languages(ctx: Context): Promise<ReportResponse> {
  const report = await languagesReport(ctx.deps.trends, range(ctx, []), ctx.deps.config.windowSeconds);
  return jsonResponse(200, { ...generated(ctx), ...report }, windowCache(ctx));
}

async function drillDown(ctx: Context): Promise<ReportResponse> {
  checkParameters(ctx.request.query, ['limit', 'cursor']);
  const tag = parseHashtagSegment(ctx.params[0] ?? '');
  const limit = parseLimit(ctx.request.query, POSTS_LIMIT);
  const cursor = parseCursor(ctx.request.query);
  const page = await hashtagPosts(ctx.deps.posts, tag, { limit, ...(cursor !== undefined ? { cursor } : {}) });
  return jsonResponse(
    200,
    { ...generated(ctx), ...page },
    { 'cache-control': cacheControl(ctx.deps.config.auth.mode, DRILL_DOWN_MAX_AGE_SECONDS) },
  );
}

async function pipeline(ctx: Context): Promise<ReportResponse> {
  checkParameters(ctx.request.query, []);
  const source = ctx.deps.health;
  if (!source)
    return serviceUnavailable(
      'PIPELINE_HEALTH_UNAVAILABLE',
      'no pipeline-health source is configured for this deployment (PIPELINE_HEALTH_URL, or PIPELINE_HEALTH_CLOUDWATCH for CloudWatch)',
      ctx.request.requestId,
    );
  let figures;
  try {
    figures = await source.read();
  } catch (err) {
    // The source being down is not a report bug: say what failed, keep the 500 for real errors.
    ctx.deps.logger.error('pipeline-health source failed', { requestId: ctx.request.requestId, error: err });
    const why = err instanceof PipelineHealthSourceError ? err.message : `${source.name} did not answer`;
    return serviceUnavailable('PIPELINE_HEALTH_UNAVAILABLE', why, ctx.request.requestId);
  }
  const body: PipelineHealth = { ...generated(ctx), source: source.name, ...figures };
  return jsonResponse(200, body, { 'cache-control': 'no-cache' });
}

async function alerts(route: RouteName, ctx: Context): Promise<ReportResponse> {
  if (!ctx.deps.alerts) return notFound(ctx.request.path, ctx.request.requestId);
  const timeRange = range(ctx, ['kind', 'limit']);
  const report = await alertsReport(ctx.deps.alerts, {
    range: timeRange,
    windowSeconds: ctx.deps.config.windowSeconds,
    kind: parseKind(ctx.request.query),
    limit: parseLimit(ctx.request.query, ALERTS_LIMIT),
  });
  // A new alert can appear at any moment (late rows, a republish): short reuse, like the drill-down.
  const cache = { 'cache-control': cacheControl(ctx.deps.config.auth.mode, DRILL_DOWN_MAX_AGE_SECONDS) };
  if (route === ROUTES.alerts) return jsonResponse(200, { ...generated(ctx), ...report }, cache);
  return textResponse(200, 'text/csv; charset=utf-8; header=present', alertsCsv(report), {
    ...cache,
    'content-disposition': `attachment; filename="${alertsCsvFileName(report)}"`,
  });
}
