// Local S3 on-failure destinations: one s3rver for the stack (objects under <data-dir>/s3, or a
// temporary folder), one bucket per mapping whose onFailureTarget is s3, named like the stack's
// other local resources.
import { join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import type { MappingName, StackConfig } from '@streamlens/config';
import { MAPPING_NAMES } from '@streamlens/config';
import { makeS3Client, startS3rver, type RunningS3 } from '@streamlens/emulators';
import {
  S3FailureDestination,
  type KinesisFailureRecord,
  type StoredFailureRecord,
} from '@streamlens/event-source-mapping';

/** Name of a mapping's local failure bucket. */
export function localFailureBucket(stack: string, mapping: MappingName): string {
  return `streamlens-${stack}-${mapping}-failures`.toLowerCase();
}

/** The folder s3rver keeps its objects in under a data dir. */
export function localS3Dir(dataDir: string): string {
  return join(dataDir, 's3');
}

/** The running buckets. */
export interface FailureBuckets {
  readonly s3: RunningS3;
  readonly client: S3Client;
  /** The S3 destination of a mapping, or undefined when its target is not s3. */
  destination(mapping: MappingName): S3FailureDestination | undefined;
  close(): Promise<void>;
}

/**
 * Starts s3rver with the failure buckets, or returns undefined when no mapping sends to S3.
 *
 * @example
 * ```ts
 * const buckets = await startFailureBuckets('dev', config, '.local-data');
 * buckets?.destination('consumer');
 * ```
 */
export async function startFailureBuckets(
  stack: string,
  config: StackConfig,
  dataDir: string | undefined,
): Promise<FailureBuckets | undefined> {
  const toS3 = MAPPING_NAMES.filter((m) => config[m].onFailureDestination && config[m].onFailureTarget === 's3');
  if (toS3.length === 0) return undefined;
  const s3 = await startS3rver({
    ...(dataDir ? { dataDir: localS3Dir(dataDir) } : {}),
    buckets: toS3.map((m) => localFailureBucket(stack, m)),
  });
  const client = makeS3Client(s3.endpoint);
  return {
    s3,
    client,
    destination: (mapping) =>
      toS3.includes(mapping)
        ? new S3FailureDestination({
            client,
            bucket: localFailureBucket(stack, mapping),
            mappingId: `streamlens-${stack}-${mapping}`,
          })
        : undefined,
    close: async () => {
      client.destroy();
      await s3.close();
    },
  };
}

/**
 * The failure records (with their invocation events) a mapping's local bucket holds, read from
 * the data dir through an s3rver of its own (the stack need not run).
 */
export async function readFailureBucket(
  stack: string,
  mapping: MappingName,
  dataDir: string,
): Promise<StoredFailureRecord<KinesisFailureRecord>[]> {
  const bucket = localFailureBucket(stack, mapping);
  const s3 = await startS3rver({ dataDir: localS3Dir(dataDir), buckets: [bucket] });
  const client = makeS3Client(s3.endpoint);
  try {
    return await new S3FailureDestination<KinesisFailureRecord>({
      client,
      bucket,
      mappingId: `streamlens-${stack}-${mapping}`,
    }).list();
  } finally {
    client.destroy();
    await s3.close();
  }
}
