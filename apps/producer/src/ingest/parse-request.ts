// Ingest flow, step 1: turn a Function URL request into numbered items (NDJSON lines or JSON
// array elements), or say precisely why the request is unusable.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { REQUEST_ERRORS, type RequestProblem } from './http';

/** Request limits. */
export interface RequestLimits {
  readonly maxBodyBytes: number;
  readonly maxLines: number;
}

/** One item of a request: a parsed JSON value, or the reason it is not JSON. */
export type RequestItem =
  | { readonly line: number; readonly ok: true; readonly value: unknown }
  | { readonly line: number; readonly ok: false; readonly message: string };

/** Media types the API accepts. */
export const ACCEPTED_MEDIA_TYPES = ['application/x-ndjson', 'application/json'] as const;

// ignoreBOM: false (the default, spelled out) drops one leading BOM: see withoutBom.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function header(event: APIGatewayProxyEventV2, name: string): string | undefined {
  for (const [k, v] of Object.entries(event.headers ?? {})) if (k.toLowerCase() === name) return v;
  return undefined;
}

function problem(
  status: RequestProblem['status'],
  error: RequestProblem['error'],
  message: string,
): { problem: RequestProblem } {
  return { problem: { status, error, message } };
}

// One leading byte-order mark is dropped from a plain body, as UTF8 drops it from a base64
// body and decodePost from a stream record (RFC 8259 §8.1 lets a JSON parser ignore it;
// Windows tools write it). Only one, and only at the very start: U+FEFF anywhere else is
// content, so that line (or JSON body) is not JSON.
const BOM = '\ufeff';

function withoutBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(BOM.length) : text;
}

function bodyText(
  event: APIGatewayProxyEventV2,
  limits: RequestLimits,
): { text: string } | { problem: RequestProblem } {
  const raw = event.body ?? '';
  const tooLarge = (bytes: number) =>
    problem(
      413,
      REQUEST_ERRORS.payloadTooLarge,
      `body is ${bytes} bytes; the limit is ${limits.maxBodyBytes} bytes — split it into several requests`,
    );
  if (!event.isBase64Encoded) {
    const bytes = Buffer.byteLength(raw, 'utf8');
    return bytes > limits.maxBodyBytes ? tooLarge(bytes) : { text: withoutBom(raw) };
  }
  const compact = raw.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) {
    return problem(400, REQUEST_ERRORS.invalidBase64, 'body is marked isBase64Encoded but is not valid base64');
  }
  if ((compact.length / 4) * 3 - 2 > limits.maxBodyBytes) return tooLarge(Math.floor((compact.length / 4) * 3));
  const bytes = Buffer.from(compact, 'base64');
  if (bytes.length > limits.maxBodyBytes) return tooLarge(bytes.length);
  try {
    return { text: UTF8.decode(bytes) };
  } catch {
    return problem(400, REQUEST_ERRORS.invalidUtf8, 'body is not valid UTF-8');
  }
}

function parseJson(text: string, line: number): RequestItem {
  try {
    return { line, ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { line, ok: false, message: `not JSON: ${(err as Error).message}` };
  }
}

/**
 * Parses the request into items numbered from 1 (NDJSON: physical line numbers, blank lines
 * skipped; JSON array: element positions).
 */
export function parseRequest(
  event: APIGatewayProxyEventV2,
  limits: RequestLimits,
): { items: RequestItem[] } | { problem: RequestProblem } {
  const method = event.requestContext?.http?.method ?? 'POST';
  if (method !== 'POST')
    return problem(405, REQUEST_ERRORS.methodNotAllowed, `method ${method} is not allowed; POST posts to this URL`);
  const mediaType = (header(event, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!(ACCEPTED_MEDIA_TYPES as readonly string[]).includes(mediaType)) {
    return problem(
      415,
      REQUEST_ERRORS.unsupportedMediaType,
      `content-type "${mediaType || '(none)'}" is not supported; use ${ACCEPTED_MEDIA_TYPES.join(' or ')}`,
    );
  }
  const body = bodyText(event, limits);
  if ('problem' in body) return body;
  if (body.text.trim() === '')
    return problem(
      400,
      REQUEST_ERRORS.emptyBody,
      'body is empty; send one post per line (NDJSON) or a JSON array of posts',
    );
  const tooMany = (n: number) =>
    problem(413, REQUEST_ERRORS.tooManyLines, `request has ${n} posts; the limit is ${limits.maxLines} per request`);

  if (mediaType === 'application/json') {
    let value: unknown;
    try {
      value = JSON.parse(body.text);
    } catch (err) {
      return problem(400, REQUEST_ERRORS.invalidJson, `body is not JSON: ${(err as Error).message}`);
    }
    if (!Array.isArray(value))
      return problem(400, REQUEST_ERRORS.invalidJson, 'an application/json body must be a JSON array of posts');
    if (value.length === 0) return problem(400, REQUEST_ERRORS.emptyBody, 'the JSON array is empty');
    if (value.length > limits.maxLines) return tooMany(value.length);
    return { items: value.map((v: unknown, i) => ({ line: i + 1, ok: true, value: v })) };
  }

  const lines = body.text.split('\n');
  const items: RequestItem[] = [];
  for (let i = 0; i < lines.length; i++) {
    const text = (lines[i] as string).replace(/\r$/, '');
    if (text.trim() === '') continue;
    if (items.length === limits.maxLines) return tooMany(lines.filter((l) => l.trim() !== '').length);
    items.push(parseJson(text, i + 1));
  }
  return { items };
}
