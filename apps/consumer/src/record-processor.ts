// Consumer flow: Kinesis event → decode/deaggregate/validate/enrich (decode-records) → one
// idempotent putPosts + quarantine of poison (store-posts) → partial-batch response that names
// the lowest failing PARENT sequence number (checkpoint rule) → one EMF flush.
import { BatchFailureTracker } from '@streamlens/kinesis';
import type { QuarantinedRecord } from '@streamlens/repositories';
import type { KinesisStreamBatchResponse, KinesisStreamEvent } from 'aws-lambda';
import { countQuarantined, emptySummary, publishBatchMetrics, type BatchSummary } from './batch-summary';
import { CONSUMER_DEFAULTS } from './config';
import { decodeRecords } from './decode-records';
import type { RecordProcessorDependencies } from './ports';
import { storePosts } from './store-posts';

/**
 * The response: the partial-batch failures. The consumer's mapping never has a tumbling window
 * (libs/config refuses one), so there is no window state to return.
 */
export type RecordProcessorResponse = KinesisStreamBatchResponse;

/** Processes one Lambda Kinesis event. Never rejects: every failure is in the response. */
export type RecordProcessor = (event: KinesisStreamEvent) => Promise<RecordProcessorResponse>;

// Samples of ids/sequences in a log line are capped: a batch of 10,000 failures is one line.
const LOG_SAMPLE = 10;

function describeError(err: unknown): Record<string, unknown> {
  return err instanceof Error ? { errorName: err.name, errorMessage: err.message } : { errorMessage: String(err) };
}

// Marks every record (the tracker reports the lowest); malformed sequence numbers are skipped.
function failWholeBatch(records: KinesisStreamEvent['Records'], failures: BatchFailureTracker): void {
  for (const r of records) {
    try {
      failures.markFailed(r.kinesis.sequenceNumber);
    } catch {
      // not a sequence number Lambda could act on
    }
  }
}

/**
 * Builds the record processor from its dependencies.
 *
 * Failure classes: poison (undecodable, invalid, too large, corrupt aggregate, no `data` in the
 * event record, rejected by the store) is quarantined and NOT reported; transient failures
 * (throttling, 5xx, timeouts, unwritten items, a failed quarantine write, a bug on one record)
 * mark the record's parent sequence number, and the response names the lowest one, so Lambda
 * retries from there.
 *
 * @example
 * ```ts
 * const processRecords = makeRecordProcessor({ posts, quarantine, clock: Date.now, logger, metrics });
 * export const handler = (event: KinesisStreamEvent) => processRecords(event);
 * ```
 */
export function makeRecordProcessor(deps: RecordProcessorDependencies): RecordProcessor {
  const { posts, quarantine, clock, logger, metrics } = deps;
  const maxRecordBytes = deps.maxRecordBytes ?? CONSUMER_DEFAULTS.maxRecordBytes;

  async function quarantineOrFail(
    records: readonly QuarantinedRecord[],
    failures: BatchFailureTracker,
    summary: BatchSummary,
  ): Promise<void> {
    if (records.length === 0) return;
    try {
      await quarantine.quarantine(records);
    } catch (err) {
      // Poison that cannot be parked yet must not be lost: retry its records.
      for (const r of records) failures.markFailed(r.sequenceNumber);
      logger.error('quarantine write failed; records will be retried', {
        count: records.length,
        ...describeError(err),
      });
      return;
    }
    countQuarantined(summary, records);
    for (const r of records.slice(0, LOG_SAMPLE)) {
      logger.warn('record quarantined', {
        reason: r.reason,
        shardId: r.shardId,
        sequenceNumber: r.sequenceNumber,
        subSequenceNumber: r.subSequenceNumber,
        errorDetails: r.errorDetails.slice(0, 500),
      });
    }
    if (records.length > LOG_SAMPLE) logger.warn('more records quarantined', { count: records.length - LOG_SAMPLE });
  }

  async function processBatch(
    event: KinesisStreamEvent,
    startedAt: number,
    failures: BatchFailureTracker,
    summary: BatchSummary,
  ): Promise<void> {
    const ingestedAt = new Date(startedAt);
    const quarantinedAt = ingestedAt.toISOString();
    const decoded = decodeRecords(event.Records, { ingestedAt, maxRecordBytes });
    summary.userRecordsIn = decoded.userRecords;
    summary.newestArrivalMs = decoded.newestArrivalMs;
    for (const u of decoded.unexpected) {
      failures.markFailed(u.sequenceNumber);
      logger.error('record failed unexpectedly; it will be retried', {
        sequenceNumber: u.sequenceNumber,
        subSequenceNumber: u.subSequenceNumber,
        ...describeError(u.error),
        stack: (u.error as Error)?.stack,
      });
    }
    // Poison is parked while the posts are written: the two are independent.
    const [stored] = await Promise.all([
      storePosts(posts, decoded, quarantinedAt),
      quarantineOrFail(decoded.poison, failures, summary),
    ]);
    summary.postsWritten = stored.written;
    summary.postsSkippedAsOlder = stored.skippedAsOlder;
    summary.postsWriteUnits = stored.consumed?.writeUnits ?? 0;
    summary.postsReadUnits = stored.consumed?.readUnits ?? 0;
    for (const s of stored.failedSequences) failures.markFailed(s);
    if (stored.failedSequences.length > 0) {
      logger.error('posts not written; their records will be retried', {
        count: stored.failedIds.length,
        postIds: stored.failedIds.slice(0, LOG_SAMPLE),
        ...describeError(stored.error),
      });
    }
    await quarantineOrFail(stored.rejected, failures, summary);
  }

  return async function processRecords(event: KinesisStreamEvent): Promise<RecordProcessorResponse> {
    const startedAt = clock();
    const records = event.Records ?? [];
    const failures = new BatchFailureTracker();
    const summary = emptySummary(records.length);
    try {
      await processBatch(event, startedAt, failures, summary);
    } catch (err) {
      // A bug outside per-record handling: retry the whole batch rather than crash.
      logger.error('batch failed unexpectedly; it will be retried', {
        ...describeError(err),
        stack: (err as Error)?.stack,
      });
      failWholeBatch(records, failures);
    }
    summary.failures = failures.failedCount;
    const response: RecordProcessorResponse = failures.response();
    try {
      publishBatchMetrics(metrics, summary, startedAt, clock());
      logger.debug('batch processed', {
        ...summary,
        quarantined: Object.fromEntries(summary.quarantined),
        lowestFailure: failures.lowestFailure,
      });
    } catch (err) {
      logger.error('publishing metrics failed', describeError(err));
    }
    return response;
  };
}
