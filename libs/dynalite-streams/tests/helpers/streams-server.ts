// An in-process dynalite with the streams plugin, and SDK clients for it. dynalite is loaded with
// Node's own require (not Jest's module registry), because the plugin patches Node's require cache.
import { createRequire } from 'node:module';
import type { AddressInfo, Server } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { installDynaliteStreams, type DynaliteStreamsOptions } from '../../src';

/** A running dynalite with streams and clients pointed at it. */
export interface StreamsServer {
  readonly endpoint: string;
  readonly dynamo: DynamoDBClient;
  readonly streams: DynamoDBStreamsClient;
  close(): Promise<void>;
}

const dynalitePath = require.resolve('dynalite');

/** Starts dynalite with the streams plugin on a free loopback port. */
export async function startStreamsServer(
  options: { readonly dataDir?: string; readonly streams?: DynaliteStreamsOptions } = {},
): Promise<StreamsServer> {
  installDynaliteStreams(dynalitePath);
  const factory = createRequire(dynalitePath)(dynalitePath) as (opts: Record<string, unknown>) => Server;
  const server = factory({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
    ...(options.dataDir ? { path: options.dataDir } : {}),
    streams: options.streams ?? {},
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = {
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler(),
  };
  const dynamo = new DynamoDBClient(config);
  const streams = new DynamoDBStreamsClient(config);
  return {
    endpoint,
    dynamo,
    streams,
    close: async () => {
      dynamo.destroy();
      streams.destroy();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as Server & { closeAllConnections?: () => void }).closeAllConnections?.();
      });
    },
  };
}
