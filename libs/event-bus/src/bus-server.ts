// The local bus on HTTP: the EventBridge JSON 1.1 protocol for PutEvents, so the AWS SDK
// (AWS_ENDPOINT_URL_EVENTBRIDGE) and any other EventBridge client talk to it unchanged.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PutEventsRequestError, type LocalEventBus } from './local-event-bus';
import type { PutEventsEntry } from './types';

/** A running bus endpoint. */
export interface BusServer {
  readonly endpoint: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Serves `AWSEvents.PutEvents` on loopback (port 0 picks a free one). Other operations answer
 * `UnknownOperationException`, as the service does for an unknown target.
 *
 * @example
 * ```ts
 * const server = await startBusServer(bus, 0); // process.env.AWS_ENDPOINT_URL_EVENTBRIDGE = server.endpoint
 * ```
 */
export async function startBusServer(bus: LocalEventBus, port: number): Promise<BusServer> {
  const server = createServer((req, res) => {
    handle(bus, req, res).catch((error: Error) =>
      reply(res, 500, { __type: 'InternalException', message: error.message }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(bus: LocalEventBus, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const target = String(req.headers['x-amz-target'] ?? '');
  const body = await readBody(req);
  if (body === undefined) return reply(res, 413, { __type: 'ValidationException', message: 'Request too large' });
  if (req.method !== 'POST' || target !== 'AWSEvents.PutEvents') {
    return reply(res, 400, { __type: 'UnknownOperationException', message: `Unsupported operation ${target}` });
  }
  let input: { Entries?: PutEventsEntry[] };
  try {
    input = JSON.parse(body) as { Entries?: PutEventsEntry[] };
  } catch {
    return reply(res, 400, { __type: 'SerializationException', message: 'Body is not JSON' });
  }
  try {
    reply(res, 200, await bus.putEvents(input.Entries ?? []));
  } catch (error) {
    if (error instanceof PutEventsRequestError) return reply(res, 400, { __type: error.code, message: error.message });
    throw error;
  }
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
