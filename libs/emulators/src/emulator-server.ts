// Embedded emulators: kinesalite (Kinesis API) and dynalite (DynamoDB API) in this process,
// on loopback, on a free port by default, in memory unless a data directory is given.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo, Server } from 'node:net';
import { installDynaliteStreams, type DynaliteStreamsOptions } from '@streamlens/dynalite-streams';
import { EmulatorPortError } from './errors';

/** A started emulator. */
export interface RunningEmulator {
  readonly name: NodeEmulatorName;
  readonly host: string;
  readonly port: number;
  /** http://host:port, for AWS SDK `endpoint` or AWS_ENDPOINT_URL_* variables. */
  readonly endpoint: string;
  /** Stops listening and closes the store (flushes LevelDB when persisted). */
  close(): Promise<void>;
}

/** The emulators written in JavaScript, started from their npm package in a Node process. */
export type NodeEmulatorName = 'kinesalite' | 'dynalite';

/** Options for starting an emulator. */
export interface EmulatorOptions {
  /** Port to listen on; 0 (default) picks a free one. Never rely on the shared default 4567. */
  readonly port?: number;
  /** Loopback address; default 127.0.0.1. */
  readonly host?: string;
  /** Folder to persist data in; in memory when absent. */
  readonly dataDir?: string;
}

type ServerFactory = (options: Record<string, unknown>) => Server;

// Neither package ships types; both export a factory returning a node http.Server.
const kinesaliteFactory = require('kinesalite') as ServerFactory;

// dynalite in this process gets DynamoDB Streams too (libs/dynalite-streams), as the emulator
// child does. The plugin patches Node's own module cache, so dynalite is loaded through Node's
// require (under Jest, the test's module registry would load an unpatched copy).
let dynaliteFactory: ServerFactory | undefined;
function loadDynalite(): ServerFactory {
  if (!dynaliteFactory) {
    const path = require.resolve('dynalite');
    installDynaliteStreams(path);
    dynaliteFactory = createRequire(path)(path) as ServerFactory;
  }
  return dynaliteFactory;
}

// Emulated control-plane delays are zero: tests and the local stack should not wait for
// CREATING → ACTIVE transitions that exist only to imitate AWS timing.
const INSTANT = {
  createStreamMs: 0,
  deleteStreamMs: 0,
  updateStreamMs: 0,
  createTableMs: 0,
  deleteTableMs: 0,
  updateTableMs: 0,
};

/** Options of the kinesalite/dynalite factory for an emulator (in this process or a child). */
export function emulatorFactoryOptions(name: NodeEmulatorName, dataDir: string | undefined): Record<string, unknown> {
  return { ...INSTANT, ...(name === 'kinesalite' ? { shardLimit: 1000 } : {}), ...(dataDir ? { path: dataDir } : {}) };
}

async function listen(name: NodeEmulatorName, server: Server, options: EmulatorOptions): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const requested = options.port ?? 0;
  await new Promise<void>((resolve, reject) => {
    const onError = (err: unknown) => reject(new EmulatorPortError(name, requested, err));
    server.once('error', onError);
    server.listen(requested, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    name,
    host,
    port,
    endpoint: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive sockets of SDK clients would hold close() open.
        (server as Server & { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}

/**
 * Starts kinesalite (Kinesis API).
 *
 * @example
 * ```ts
 * const kinesis = await startKinesalite();           // free port, in memory
 * const client = makeKinesisClient(kinesis.endpoint);
 * await kinesis.close();
 * ```
 */
export async function startKinesalite(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const server = kinesaliteFactory(emulatorFactoryOptions('kinesalite', options.dataDir));
  return listen('kinesalite', server, options);
}

/**
 * Starts dynalite (DynamoDB API, with DynamoDB Streams for stream-enabled tables).
 *
 * @example
 * ```ts
 * const dynamo = await startDynalite({ dataDir: '.local-data/dynamodb' });
 * ```
 */
export async function startDynalite(
  options: EmulatorOptions & { readonly streams?: DynaliteStreamsOptions } = {},
): Promise<RunningEmulator> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const server = loadDynalite()({
    ...emulatorFactoryOptions('dynalite', options.dataDir),
    streams: options.streams ?? {},
  });
  return listen('dynalite', server, options);
}
