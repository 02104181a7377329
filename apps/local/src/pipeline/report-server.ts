// Local stack, reporting side: a loopback HTTP server that turns each request into the Lambda
// Function URL event (payload v2) and invokes the built report bundle, like a Function URL.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FunctionInvoker } from '@streamlens/event-source-mapping';

const MAX_BODY_BYTES = 6 * 1024 * 1024;

interface FunctionUrlResult {
  statusCode?: number;
  headers?: Record<string, string>;
  cookies?: string[];
  body?: string;
  isBase64Encoded?: boolean;
}

/** Builds the payload-v2 event a Function URL would send for this request. */
export function toFunctionUrlEvent(req: IncomingMessage, body: Buffer, requestId: string): Record<string, unknown> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(',') : v;
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
  const text = /^(text\/|application\/(json|x-ndjson|x-www-form-urlencoded))/.test(headers['content-type'] ?? '');
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: 'anonymous',
      apiId: 'local',
      domainName: headers['host'] ?? 'localhost',
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: '$default',
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    ...(body.length
      ? { body: text ? body.toString('utf8') : body.toString('base64'), isBase64Encoded: !text }
      : { isBase64Encoded: false }),
  };
}

function send(res: ServerResponse, result: FunctionUrlResult): void {
  const body = result.body === undefined ? '' : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
  res.writeHead(result.statusCode ?? 200, {
    ...(result.headers ?? {}),
    ...(result.cookies ? { 'set-cookie': result.cookies } : {}),
  });
  res.end(body);
}

/** A started report server. */
export interface ReportServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Options of {@link startReportServer}. */
export interface ReportServerOptions {
  readonly invoker: FunctionInvoker;
  /** Loopback port; 0 picks a free one. */
  readonly port: number;
  /** The function's timeout. */
  readonly timeoutMs: number;
  /** Answers a request itself (e.g. the local alerts feed) and returns true, or leaves it to the function. */
  readonly localRoute?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

/**
 * Serves the report function on loopback (no auth: locally the Function URL's IAM auth has no
 * one to check against).
 */
export async function startReportServer({
  invoker,
  port,
  timeoutMs,
  localRoute = () => false,
}: ReportServerOptions): Promise<ReportServer> {
  const server: Server = createServer((req, res) => {
    if (localRoute(req, res)) return;
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
    });
    req.on('end', () => {
      if (size > MAX_BODY_BYTES)
        return send(res, {
          statusCode: 413,
          body: '{"error":{"code":"payload-too-large","message":"request body over 6 MB"}}',
        });
      const requestId = randomUUID();
      invoker
        .invoke(toFunctionUrlEvent(req, Buffer.concat(chunks), requestId), { timeoutMs, requestId })
        .then((result) => {
          if (result.ok) send(res, (result.payload ?? {}) as FunctionUrlResult);
          else
            send(res, {
              statusCode: 502,
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ error: { code: result.errorType, message: result.errorMessage, requestId } }),
            });
        })
        .catch((err: unknown) => send(res, { statusCode: 502, body: String(err) }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) =>
      reject(
        new Error(
          `report server could not listen on 127.0.0.1:${port}: ${(err as Error).message} (pick another with --ports report=N, or 0 for any free port)`,
        ),
      ),
    );
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
