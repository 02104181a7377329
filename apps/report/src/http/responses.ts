// Report flow, HTTP edge: response builders with the headers every answer carries.
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { BadRequestError } from '../errors';
import { ALLOWED_METHODS } from './router';

/** A response of the report function (payload v2, structured). */
export type ReportResponse = APIGatewayProxyStructuredResultV2 & { headers: Record<string, string>; body: string };

/** Headers on every answer: no MIME sniffing, and no Referer (an OIDC code may sit in the URL). */
const BASE_HEADERS = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' } as const;

/** Errors are never cached. */
const NO_STORE = { 'cache-control': 'no-store' } as const;

/** A response with the base headers. */
export function textResponse(
  statusCode: number,
  contentType: string,
  body: string,
  headers: Record<string, string> = {},
): ReportResponse {
  return { statusCode, headers: { ...BASE_HEADERS, 'content-type': contentType, ...headers }, body };
}

/** A JSON response. */
export function jsonResponse(statusCode: number, body: unknown, headers: Record<string, string> = {}): ReportResponse {
  return textResponse(statusCode, 'application/json; charset=utf-8', JSON.stringify(body), headers);
}

/** The shape of every error body. */
export interface ErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly parameter?: string;
    readonly requestId: string;
  };
}

function errorResponse(
  statusCode: number,
  error: ErrorBody['error'],
  headers: Record<string, string> = {},
): ReportResponse {
  return jsonResponse(statusCode, { error } satisfies ErrorBody, {
    ...NO_STORE,
    'x-request-id': error.requestId,
    ...headers,
  });
}

/** 400 naming the parameter. */
export function badRequest(err: BadRequestError, requestId: string): ReportResponse {
  return errorResponse(400, { code: err.code, message: err.message, parameter: err.parameter, requestId });
}

/** 404 for a path no route serves. */
export function notFound(path: string, requestId: string): ReportResponse {
  return errorResponse(404, { code: 'NOT_FOUND', message: `no such resource: ${path.slice(0, 200)}`, requestId });
}

/** 405 with the Allow header. */
export function methodNotAllowed(method: string, path: string, requestId: string): ReportResponse {
  const allow = ALLOWED_METHODS.join(', ');
  return errorResponse(
    405,
    {
      code: 'METHOD_NOT_ALLOWED',
      message: `${method.slice(0, 20)} is not allowed on ${path.slice(0, 200)}; use ${allow}`,
      requestId,
    },
    { allow },
  );
}

/** 500 without details: the log (keyed by the request id) has them. */
export function internalError(requestId: string): ReportResponse {
  return errorResponse(500, {
    code: 'INTERNAL_ERROR',
    message: `internal error; quote request id ${requestId} when reporting it`,
    requestId,
  });
}

/** 503: a figure the report reads from elsewhere cannot be had now (the message says why). */
export function serviceUnavailable(code: string, message: string, requestId: string): ReportResponse {
  return errorResponse(503, { code, message, requestId });
}

/** The same response without a body, for HEAD. */
export function withoutBody(response: ReportResponse): ReportResponse {
  return { ...response, body: '' };
}
