// Report flow, HTTP edge: which route a method and path name, or why none does (404 / 405).
import type { ReportRequest } from './request';

/** The routes of the report function. */
export const ROUTES = {
  dashboard: 'dashboard',
  asset: 'asset',
  config: 'config',
  trends: 'trends',
  trendsCsv: 'trendsCsv',
  volume: 'volume',
  languages: 'languages',
  hashtagPosts: 'hashtagPosts',
  pipeline: 'pipeline',
  openapi: 'openapi',
  alerts: 'alerts',
  alertsCsv: 'alertsCsv',
} as const;

/** A route name. */
export type RouteName = (typeof ROUTES)[keyof typeof ROUTES];

/** Every route is read-only. */
export const ALLOWED_METHODS = ['GET', 'HEAD'] as const;

// Path patterns; capture groups are the raw (percent-encoded) path parameters.
const TABLE: readonly { readonly name: RouteName; readonly pattern: RegExp }[] = [
  { name: ROUTES.dashboard, pattern: /^\/$/ },
  { name: ROUTES.asset, pattern: /^\/assets\/([^/]+)$/ },
  { name: ROUTES.config, pattern: /^\/api\/v1\/config$/ },
  { name: ROUTES.trends, pattern: /^\/api\/v1\/trends$/ },
  { name: ROUTES.trendsCsv, pattern: /^\/api\/v1\/trends\.csv$/ },
  { name: ROUTES.volume, pattern: /^\/api\/v1\/volume$/ },
  { name: ROUTES.languages, pattern: /^\/api\/v1\/languages$/ },
  { name: ROUTES.hashtagPosts, pattern: /^\/api\/v1\/hashtags\/([^/]*)\/posts$/ },
  { name: ROUTES.pipeline, pattern: /^\/api\/v1\/pipeline$/ },
  { name: ROUTES.openapi, pattern: /^\/api\/v1\/openapi\.json$/ },
  { name: ROUTES.alerts, pattern: /^\/api\/v1\/alerts$/ },
  { name: ROUTES.alertsCsv, pattern: /^\/api\/v1\/alerts\.csv$/ },
];

/** Outcome of routing. */
export type RouteMatch =
  | { readonly kind: 'route'; readonly name: RouteName; readonly params: readonly string[] }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'method-not-allowed' };

/**
 * Matches a request against the route table.
 *
 * @example
 * ```ts
 * matchRoute({ method: 'GET', path: '/api/v1/hashtags/caf%C3%A9/posts', ... }); // { kind: 'route', name: 'hashtagPosts', params: ['caf%C3%A9'] }
 * ```
 */
export function matchRoute(request: Pick<ReportRequest, 'method' | 'path'>): RouteMatch {
  for (const { name, pattern } of TABLE) {
    const m = pattern.exec(request.path);
    if (!m) continue;
    if (!(ALLOWED_METHODS as readonly string[]).includes(request.method)) return { kind: 'method-not-allowed' };
    return { kind: 'route', name, params: m.slice(1) };
  }
  return { kind: 'not-found' };
}
