// The record Lambda sends to an on-failure destination for a Kinesis batch (AWS's shape).

/** Why the batch was given up. */
export type OnFailureCondition = 'RetryAttemptsExhausted' | 'RecordAgeExceeded';

/** An on-failure destination record for a Kinesis event-source mapping: describes the batch, not its data. */
export interface OnFailureRecord {
  readonly requestContext: {
    readonly requestId: string;
    readonly functionArn: string;
    readonly condition: OnFailureCondition;
    readonly approximateInvokeCount: number;
  };
  readonly responseContext: {
    readonly statusCode: number;
    readonly executedVersion: string;
    /** Present when the last invocation was a function error ("Unhandled"). */
    readonly functionError?: string;
  };
  readonly version: '1.0';
  /** ISO 8601. */
  readonly timestamp: string;
  readonly KinesisBatchInfo: {
    readonly shardId: string;
    readonly startSequenceNumber: string;
    readonly endSequenceNumber: string;
    /** ISO 8601. */
    readonly approximateArrivalOfFirstRecord: string;
    readonly approximateArrivalOfLastRecord: string;
    readonly batchSize: number;
    readonly streamArn: string;
  };
}

/** Local stand-in for the SQS on-failure destination. */
export interface FailureDestinationRepository {
  /** Stores the record (idempotent per requestId). */
  put(record: OnFailureRecord): Promise<void>;
  /** Every stored record, oldest first. */
  list(): Promise<OnFailureRecord[]>;
}
