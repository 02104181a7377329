// On-failure destination in an S3 bucket, as Lambda writes it: one JSON object per failed batch
// holding the failure record and the whole invocation event (`payload`), under
// aws/lambda/<mapping id>/<shard id>/YYYY/MM/DD/<timestamp>-<uuid>. A redrive reads the records
// from the payload, so it works after the stream's retention has dropped them.
import { randomUUID } from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { EsmStoreError } from './errors';
import type { FailedInvocation, FailureDestination, FailureRecord, StoredFailureRecord } from './types';

/** Options of {@link S3FailureDestination}. */
export interface S3FailureDestinationOptions {
  readonly client: S3Client;
  readonly bucket: string;
  /** Identifies the mapping in the object keys (AWS uses the mapping's UUID). */
  readonly mappingId: string;
}

/**
 * Failure records written to an S3 bucket, with the invocation event.
 *
 * @example
 * ```ts
 * const dest = new S3FailureDestination({ client: makeS3Client(s3.endpoint), bucket: 'failures', mappingId: 'consumer' });
 * (await dest.list()).map((r) => JSON.parse(r.payload ?? '{}').Records.length);
 * ```
 */
export class S3FailureDestination<F extends FailureRecord = FailureRecord> implements FailureDestination {
  constructor(private readonly o: S3FailureDestinationOptions) {}

  /** Key prefix of this mapping's objects. */
  get prefix(): string {
    return `aws/lambda/${this.o.mappingId}/`;
  }

  async send(record: FailureRecord, invocation?: FailedInvocation): Promise<void> {
    const stored: StoredFailureRecord = {
      ...record,
      ...(invocation ? { payload: JSON.stringify(invocation.event) } : {}),
    };
    await this.o.client.send(
      new PutObjectCommand({
        Bucket: this.o.bucket,
        Key: objectKey(this.prefix, shardOf(record), record.timestamp),
        Body: JSON.stringify(stored),
        ContentType: 'application/json',
      }),
    );
  }

  /** Every record of this mapping, oldest first (keys sort by time within a shard). */
  async list(): Promise<StoredFailureRecord<F>[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.o.client.send(
        new ListObjectsV2Command({ Bucket: this.o.bucket, Prefix: this.prefix, ContinuationToken: token }),
      );
      keys.push(...(page.Contents ?? []).flatMap((o) => (o.Key ? [o.Key] : [])));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    const records: StoredFailureRecord<F>[] = [];
    for (const key of keys) {
      const object = await this.o.client.send(new GetObjectCommand({ Bucket: this.o.bucket, Key: key }));
      const text = (await object.Body?.transformToString()) ?? '';
      try {
        records.push(JSON.parse(text) as StoredFailureRecord<F>);
      } catch (err) {
        throw new EsmStoreError(
          `s3://${this.o.bucket}/${key}`,
          `is not a JSON failure record: ${(err as Error).message}`,
        );
      }
    }
    return records.sort((a, b) => a.timestamp.localeCompare(b.timestamp));
  }
}

function shardOf(record: FailureRecord): string {
  return 'KinesisBatchInfo' in record ? record.KinesisBatchInfo.shardId : record.DDBStreamBatchInfo.shardId;
}

/** aws/lambda/<mapping>/<shard>/YYYY/MM/DD/YYYY-MM-DDTHH.MM.SS-<uuid>, as Lambda names them. */
function objectKey(prefix: string, shardId: string, timestamp: string): string {
  const t = new Date(timestamp);
  const iso = (Number.isNaN(t.getTime()) ? new Date() : t).toISOString();
  const [date, time] = [iso.slice(0, 10), iso.slice(11, 19).replace(/:/g, '.')];
  return `${prefix}${shardId}/${date.replace(/-/g, '/')}/${date}T${time}-${randomUUID()}`;
}
