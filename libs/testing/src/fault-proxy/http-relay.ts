// HTTP plumbing of the fault proxy: buffer a request, relay it to the emulator, answer the caller.
// Bodies are buffered whole (a few MB at most for Kinesis and DynamoDB) because partial faults
// rewrite them; hop-by-hop headers are dropped and Content-Length is recomputed.
import {
  request as httpRequest,
  type Agent,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
} from 'node:http';
import { bodyCrc32 } from './aws-json';

/** A fully read HTTP response of the emulator. */
export interface BufferedResponse {
  readonly status: number;
  /** Raw header name/value pairs, flattened as in `IncomingMessage.rawHeaders`. */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
}

/** A request body over this size is answered 413 (Kinesis caps PutRecords at 5 MB before base64). */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

// Connection-level headers belong to each hop; the proxy's own sockets set their own.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'expect',
  'content-length',
]);

/** Thrown when a request body exceeds MAX_BODY_BYTES. */
export class BodyTooLargeError extends Error {
  constructor() {
    super(`request body larger than ${MAX_BODY_BYTES} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** Reads a request body completely. */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new Error('client closed the connection before sending the whole request'));
    });
  });
}

function forwardHeaders(rawHeaders: readonly string[], bodyLength: number, hadBody: boolean): OutgoingHttpHeaders {
  const headers: Record<string, string | string[]> = {};
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] as string;
    const value = rawHeaders[i + 1] as string;
    if (HOP_BY_HOP.has(name.toLowerCase())) continue;
    const prior = headers[name];
    headers[name] = prior === undefined ? value : [...(Array.isArray(prior) ? prior : [prior]), value];
  }
  if (hadBody || bodyLength > 0) headers['Content-Length'] = String(bodyLength);
  return headers;
}

/** Sends the request (with `body` in place of the original) to `target` and reads the whole answer. */
export function relay(agent: Agent, target: URL, req: IncomingMessage, body: Buffer): Promise<BufferedResponse> {
  const hadBody = req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;
  return new Promise((resolve, reject) => {
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        agent,
        headers: forwardHeaders(req.rawHeaders, body.length, hadBody),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 502, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
        res.on('close', () => {
          if (!res.complete) reject(new Error(`upstream ${target.host} closed the connection mid-response`));
        });
      },
    );
    upstream.on('error', reject);
    upstream.end(body);
  });
}

/**
 * Answers with a relayed response. When `rewritten` is given it replaces the body, and
 * Content-Length and x-amz-crc32 (when the emulator sent one) are recomputed; otherwise status,
 * headers and body are the emulator's, byte for byte.
 */
export function sendRelayed(res: ServerResponse, upstream: BufferedResponse, rewritten?: Buffer): void {
  const body = rewritten ?? upstream.body;
  const headers: string[] = [];
  for (let i = 0; i + 1 < upstream.rawHeaders.length; i += 2) {
    const name = upstream.rawHeaders[i] as string;
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower)) continue;
    headers.push(name, rewritten && lower === 'x-amz-crc32' ? bodyCrc32(body) : (upstream.rawHeaders[i + 1] as string));
  }
  const declared = upstream.rawHeaders.findIndex((h, i) => i % 2 === 0 && h.toLowerCase() === 'content-length');
  // A HEAD answer declares the length of a body it does not carry; keep the emulator's value then.
  const length =
    !rewritten && declared >= 0 && upstream.body.length === 0
      ? (upstream.rawHeaders[declared + 1] as string)
      : String(body.length);
  headers.push('Content-Length', length);
  res.writeHead(upstream.status, headers);
  res.end(body);
}

/** Answers with a JSON body authored by the proxy (injected errors, 502, 413). */
export function sendJson(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: Buffer,
  extraHeaders: Readonly<Record<string, string>> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { ...extraHeaders, 'Content-Type': contentType, 'Content-Length': String(body.length) });
  res.end(body);
}
