// S3 emulator: s3rver (npm) in this process, on loopback, on a free port by default. It keeps
// objects as files, in a data directory when given, else in a temporary one removed on close.
// It serves the local on-failure buckets only (a few objects per failed batch), so it needs no
// process of its own.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCAL_CREDENTIALS } from './clients';
import { EmulatorPortError } from './errors';

/** A started S3 emulator. */
export interface RunningS3 {
  readonly name: 's3rver';
  readonly host: string;
  readonly port: number;
  /** http://host:port, for the SDK `endpoint` (path-style) or AWS_ENDPOINT_URL_S3. */
  readonly endpoint: string;
  close(): Promise<void>;
}

/** Options of {@link startS3rver}. */
export interface S3EmulatorOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  readonly port?: number;
  readonly host?: string;
  /** Folder to keep the objects in; a temporary one (removed on close) when absent. */
  readonly dataDir?: string;
  /** Buckets to create at start (existing ones are kept). */
  readonly buckets?: readonly string[];
}

interface S3rverServer {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverServer;

// s3rver ships no types. It checks the access key of signed requests against its account
// registry: the local credentials every StreamLens client uses are added to its dummy account.
const S3rver = require('s3rver') as S3rverClass;
const { DUMMY_ACCOUNT } = require('s3rver/lib/models/account') as {
  DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void };
};
DUMMY_ACCOUNT.createKeyPair(LOCAL_CREDENTIALS.accessKeyId, LOCAL_CREDENTIALS.secretAccessKey);

/**
 * Starts s3rver.
 *
 * @example
 * ```ts
 * const s3 = await startS3rver({ buckets: ['streamlens-dev-consumer-failures'] });
 * const client = makeS3Client(s3.endpoint);
 * await s3.close();
 * ```
 */
export async function startS3rver(options: S3EmulatorOptions = {}): Promise<RunningS3> {
  const host = options.host ?? '127.0.0.1';
  const requested = options.port ?? 0;
  const temporary = options.dataDir === undefined;
  const directory = options.dataDir ?? mkdtempSync(join(tmpdir(), 'streamlens-s3-'));
  mkdirSync(directory, { recursive: true });
  const server = new S3rver({
    address: host,
    port: requested,
    directory,
    silent: true,
    // SigV4 is not verified by s3rver (it accepts the key, not the signature).
    allowMismatchedSignatures: true,
    // Path-style only: the emulator has no DNS for <bucket>.localhost.
    vhostBuckets: false,
    configureBuckets: (options.buckets ?? []).map((name) => ({ name })),
  });
  let address: AddressInfo;
  try {
    address = await server.run();
  } catch (err) {
    if (temporary) rmSync(directory, { recursive: true, force: true });
    throw new EmulatorPortError('s3rver', requested, err);
  }
  return {
    name: 's3rver',
    host,
    port: address.port,
    endpoint: `http://${host}:${address.port}`,
    close: async () => {
      await server.close();
      if (temporary) rmSync(directory, { recursive: true, force: true });
    },
  };
}
