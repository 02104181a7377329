// Ingest flow, HTTP edge: JSON responses and the request errors of the API.
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** Error codes of requests the ingest API cannot use at all. */
export const REQUEST_ERRORS = {
  methodNotAllowed: 'MethodNotAllowed',
  unsupportedMediaType: 'UnsupportedMediaType',
  emptyBody: 'EmptyBody',
  invalidBase64: 'InvalidBase64',
  invalidUtf8: 'InvalidUtf8',
  invalidJson: 'InvalidJson',
  payloadTooLarge: 'PayloadTooLarge',
  tooManyLines: 'TooManyLines',
} as const;

/** A request error code. */
export type RequestErrorCode = (typeof REQUEST_ERRORS)[keyof typeof REQUEST_ERRORS];

/** An unusable request: HTTP status, code and a message saying what to fix. */
export interface RequestProblem {
  readonly status: 400 | 405 | 413 | 415;
  readonly error: RequestErrorCode;
  readonly message: string;
}

/** A JSON response. */
export function jsonResponse(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

/** The response of an unusable request. */
export function problemResponse(problem: RequestProblem): APIGatewayProxyStructuredResultV2 {
  const headers: Record<string, string> = problem.status === 405 ? { allow: 'POST' } : {};
  return jsonResponse(problem.status, { error: problem.error, message: problem.message }, headers);
}
