// Replays one on-failure record: takes its records from the invocation event an S3 destination
// stored with it (`payload`), else reads its range back from the stream; invokes the function with
// Lambda Kinesis events of ≤ batchSize records, and honours ReportBatchItemFailures by retrying
// from the lowest failing record a bounded number of times.
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import {
  judgeResponse,
  kinesisEvent,
  type KinesisEventRecord,
  type KinesisStreamRecord,
  type FunctionInvoker,
  type KinesisFailureRecord,
  type StoredFailureRecord,
} from '@streamlens/event-source-mapping';
import { readRange } from './read-range';

/** Options of one redrive. */
export interface RedriveBatchOptions {
  readonly kinesis: KinesisClient;
  readonly streamName: string;
  /** The failure record; with `payload` (an S3 destination's), its records come from there. */
  readonly record: StoredFailureRecord<KinesisFailureRecord>;
  readonly invoker: FunctionInvoker;
  readonly timeoutMs: number;
  readonly batchSize: number;
  /** Invocations per event before its remaining records count as failed (default 3). */
  readonly maxAttempts?: number;
  /** Region of the event records (default us-east-1). */
  readonly region?: string;
  /** invokeIdentityArn of the event records (default arn:aws:iam::000000000000:role/lambda-role). */
  readonly invokeIdentityArn?: string;
}

/** What a redrive did. */
export interface RedriveReport {
  readonly requestId: string;
  readonly shardId: string;
  readonly range: { readonly start: string; readonly end: string };
  /** Records the function processed successfully. */
  readonly replayed: number;
  /** The range could not be read (trimmed past retention, unknown shard/sequence): nothing replayed. */
  readonly expired: boolean;
  /** Why it is expired (the stream's error), when it is. */
  readonly reason?: string;
  /** Records still failing after the attempts ran out. */
  readonly failed: number;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Invokes one event's records until they succeed or attempts run out; returns records processed. */
async function deliver(
  records: readonly KinesisStreamRecord[],
  o: RedriveBatchOptions,
  requestId: string,
): Promise<number> {
  let pending = records;
  let done = 0;
  for (let attempt = 1; attempt <= (o.maxAttempts ?? 3) && pending.length > 0; attempt++) {
    const result = await o.invoker.invoke(kinesisEvent(pending), {
      timeoutMs: o.timeoutMs,
      requestId: `${requestId}-redrive-${attempt}`,
    });
    if (!result.ok) continue;
    const verdict = judgeResponse(
      result.payload,
      pending.map((r) => r.sequenceNumber),
      { reportBatchItemFailures: true, windowed: false },
    );
    if (verdict.kind === 'failed') continue;
    const ok = verdict.kind === 'success' ? pending.length : verdict.failedIndex;
    done += ok;
    pending = pending.slice(ok);
  }
  return done;
}

/**
 * Replays the range of an on-failure record through the function.
 *
 * @example
 * ```ts
 * const report = await redriveBatch({ kinesis, streamName, record, invoker, timeoutMs: 60_000, batchSize: 100 });
 * report.expired ? console.log('gone from retention') : console.log(`${report.replayed} replayed`);
 * ```
 */
export async function redriveBatch(o: RedriveBatchOptions): Promise<RedriveReport> {
  const info = o.record.KinesisBatchInfo;
  const requestId = o.record.requestContext.requestId;
  const base = {
    requestId,
    shardId: info.shardId,
    range: { start: info.startSequenceNumber, end: info.endSequenceNumber },
  };
  const context = {
    streamArn: info.streamArn,
    region: o.region ?? 'us-east-1',
    invokeIdentityArn: o.invokeIdentityArn ?? 'arn:aws:iam::000000000000:role/lambda-role',
  };
  const fromPayload = payloadRecords(o.record);
  const read = fromPayload
    ? { records: fromPayload, unreadable: undefined }
    : await readRange(o.kinesis, {
        streamName: o.streamName,
        shardId: info.shardId,
        startSequenceNumber: info.startSequenceNumber,
        endSequenceNumber: info.endSequenceNumber,
        context,
      });
  if (read.records.length === 0) {
    return {
      ...base,
      replayed: 0,
      expired: true,
      reason: read.unreadable ?? 'no record of the range is left in the stream',
      failed: 0,
    };
  }
  let replayed = 0;
  for (const event of chunks(read.records, Math.max(1, o.batchSize))) replayed += await deliver(event, o, requestId);
  return {
    ...base,
    replayed,
    expired: false,
    ...(read.unreadable ? { reason: read.unreadable } : {}),
    failed: read.records.length - replayed,
  };
}

/**
 * The records of the invocation event an S3 on-failure destination stored with the record (the
 * whole event, as JSON text), or undefined when there is none: the stream is then the only source.
 */
export function payloadRecords(record: StoredFailureRecord<KinesisFailureRecord>): KinesisStreamRecord[] | undefined {
  if (record.payload === undefined) return undefined;
  const event = (typeof record.payload === 'string' ? JSON.parse(record.payload) : record.payload) as {
    Records?: KinesisEventRecord[];
  };
  return (event.Records ?? []).map((eventRecord) => ({
    shardId: record.KinesisBatchInfo.shardId,
    sequenceNumber: eventRecord.kinesis.sequenceNumber,
    laneKey: eventRecord.kinesis.partitionKey,
    partitionKey: eventRecord.kinesis.partitionKey,
    data: Buffer.from(eventRecord.kinesis.data, 'base64'),
    arrivalMs: Math.round(eventRecord.kinesis.approximateArrivalTimestamp * 1000),
    eventRecord,
    eventBytes: Buffer.byteLength(JSON.stringify(eventRecord)),
  }));
}
