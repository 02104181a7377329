// Consumer flow: process records → mark transient failures here → the Lambda response.
// Checkpoint rule (SEMANTICS.md, ReportBatchItemFailures): Lambda checkpoints just before the
// lowest listed sequence number and re-delivers it and every later record, so reporting more
// than the lowest failure adds nothing; the response names exactly that one.
import type { KinesisStreamBatchResponse } from 'aws-lambda';
import { parseSequenceNumber } from './sequence-number';

/**
 * Collects the records of one batch that failed transiently and builds the partial-batch
 * response: `{ batchItemFailures: [{ itemIdentifier: <lowest failing sequence number> }] }`,
 * or an empty list when nothing failed. Mark the PARENT sequence number of KPL sub-records:
 * Lambda knows only Kinesis records.
 *
 * @example
 * ```ts
 * const failures = new BatchFailureTracker();
 * failures.markFailed(record.kinesis.sequenceNumber);
 * return failures.response(); // { batchItemFailures: [{ itemIdentifier: '…' }] }
 * ```
 */
export class BatchFailureTracker {
  private lowest: bigint | undefined;
  private lowestText: string | undefined;
  // Only failures are remembered, so the happy path allocates nothing.
  private readonly failed = new Set<string>();

  /**
   * Marks a record as failed (idempotent; any order).
   *
   * @throws InvalidSequenceNumberError when `sequenceNumber` is not 1–129 decimal digits.
   */
  markFailed(sequenceNumber: string): void {
    const value = parseSequenceNumber(sequenceNumber);
    this.failed.add(sequenceNumber);
    if (this.lowest === undefined || value < this.lowest) {
      this.lowest = value;
      this.lowestText = sequenceNumber;
    }
  }

  /** True when at least one record was marked. */
  get hasFailures(): boolean {
    return this.lowest !== undefined;
  }

  /** Distinct records marked (the sub-records of one aggregate count once). */
  get failedCount(): number {
    return this.failed.size;
  }

  /** The lowest failing sequence number as given, or undefined. */
  get lowestFailure(): string | undefined {
    return this.lowestText;
  }

  /**
   * True when Lambda will re-deliver the record: it is at or after the lowest failure.
   *
   * @throws InvalidSequenceNumberError for a malformed sequence number.
   */
  willRetry(sequenceNumber: string): boolean {
    return this.lowest !== undefined && parseSequenceNumber(sequenceNumber) >= this.lowest;
  }

  /** The partial-batch response. */
  response(): KinesisStreamBatchResponse {
    return { batchItemFailures: this.lowestText === undefined ? [] : [{ itemIdentifier: this.lowestText }] };
  }
}
