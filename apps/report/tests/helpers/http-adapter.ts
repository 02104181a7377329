// A loopback HTTP server in front of the handler: Node request → minimal payload v2 event →
// handler → Node response (what the local stack does for the built bundle).
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { ReportHandler } from '../../src/http/handler';

/** A running server. */
export interface LocalServer {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  close(): Promise<void>;
}

function toEvent(req: IncomingMessage): APIGatewayProxyEventV2 {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers))
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    requestContext: {
      requestId: randomUUID(),
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
    },
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
}

/** Serves `handler` on a free loopback port. */
export async function serveHandler(handler: ReportHandler): Promise<LocalServer> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    handler(toEvent(req)).then(
      (out) => {
        res.writeHead(out.statusCode ?? 200, out.headers);
        res.end(out.body);
      },
      (err: unknown) => {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`handler threw: ${String(err)}`);
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
