// Report flow, HTTP edge: the parts of an API Gateway v2 / Function URL event the routes use.
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** A request as the routes see it. */
export interface ReportRequest {
  /** Upper-case HTTP method. */
  readonly method: string;
  /** Raw (still percent-encoded) path without a trailing slash, "/" for the root. */
  readonly path: string;
  /** Query parameters; repeated names keep every value. */
  readonly query: URLSearchParams;
  /** API Gateway's / the Function URL's request id, or a fresh UUID. */
  readonly requestId: string;
}

/**
 * Reads the request of a payload v2 event. Only rawPath, rawQueryString (or
 * queryStringParameters), requestContext.http.method and requestContext.requestId are used,
 * so a minimal event built by the local stack's HTTP adapter works.
 *
 * @example
 * ```ts
 * toReportRequest({ rawPath: '/api/v1/trends', rawQueryString: 'range=5m', requestContext: { http: { method: 'GET' } } } as APIGatewayProxyEventV2);
 * ```
 */
export function toReportRequest(event: APIGatewayProxyEventV2): ReportRequest {
  const http = event.requestContext?.http;
  const rawPath = event.rawPath || http?.path || '/';
  const path = rawPath.length > 1 ? rawPath.replace(/\/+$/, '') || '/' : '/';
  return {
    method: (http?.method ?? 'GET').toUpperCase(),
    path,
    query: queryOf(event),
    requestId: event.requestContext?.requestId || randomUUID(),
  };
}

// rawQueryString keeps repeated parameters apart (queryStringParameters joins them with commas).
function queryOf(event: APIGatewayProxyEventV2): URLSearchParams {
  if (event.rawQueryString) return new URLSearchParams(event.rawQueryString);
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(event.queryStringParameters ?? {})) {
    if (value !== undefined) query.append(name, value);
  }
  return query;
}
