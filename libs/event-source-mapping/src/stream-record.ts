// A record as the mapping carries it, whatever stream it came from: what batching, lanes,
// checkpoints, bisect, retries and windows need, plus its Lambda event element built once at
// read time (its size decides how many records fit under the 6 MB payload cap).

/**
 * A record of one shard as the mapping carries it. A source (see {@link StreamSource}) builds
 * it; the mapping never looks inside `eventRecord`.
 *
 * @typeParam E - the shape of the event element (`KinesisEventRecord` for Kinesis).
 */
export interface StreamRecord<E = unknown> {
  readonly shardId: string;
  /**
   * The record's sequence number, a decimal string (compared as BigInt). It is the checkpoint
   * position and the `itemIdentifier` a function reports in `batchItemFailures`.
   */
  readonly sequenceNumber: string;
  /**
   * Records with equal lane keys keep their order under ParallelizationFactor > 1 (Kinesis: the
   * partition key; DynamoDB Streams: the item's key).
   */
  readonly laneKey: string;
  /** When the stream stamped the record, epoch ms: tumbling windows, record age, IteratorAge. */
  readonly arrivalMs: number;
  /** The element of `Records` this record becomes. */
  readonly eventRecord: E;
  /** UTF-8 bytes of `JSON.stringify(eventRecord)`. */
  readonly eventBytes: number;
}

/** What every event record of a mapping shares. */
export interface EventRecordContext {
  readonly streamArn: string;
  readonly region: string;
  readonly invokeIdentityArn: string;
}
