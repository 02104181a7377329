// Consumer flow: (this file) base64 → deaggregate → decodePost → enrichPost → store → respond.
// One pass over the batch; pure (no I/O): poison becomes quarantine records, anything else that
// goes wrong for a record becomes an "unexpected" failure of that record's parent.
import { enrichPost } from '@streamlens/analytics';
import { arrivalMillis, decodeAggregatedRecord, eventRecordBytes, isAggregated } from '@streamlens/kinesis';
import type { QuarantinedRecord } from '@streamlens/repositories';
import {
  decodePost,
  isPoisonRecordError,
  type DecodeOptions,
  type EnrichedPost,
  type Lineage,
} from '@streamlens/schemas';
import type { KinesisStreamRecord } from 'aws-lambda';
import { ShardIdReader } from './shard-id';

const EMPTY = new Uint8Array(0);

/** A record that failed for a reason other than poison (a bug, a malformed event). */
export interface UnexpectedFailure {
  /** Parent sequence number (what the failure report names). */
  readonly sequenceNumber: string;
  readonly subSequenceNumber?: number;
  readonly error: unknown;
}

/** The batch after decoding and enrichment. */
export interface DecodedBatch {
  /** Valid posts in stream order. */
  readonly posts: EnrichedPost[];
  /** payloads[i] is the user record that became posts[i] (quarantined if the store rejects it). */
  readonly payloads: Uint8Array[];
  readonly poison: QuarantinedRecord[];
  readonly unexpected: UnexpectedFailure[];
  readonly userRecords: number;
  /** Latest approximate arrival of the batch, epoch ms (0 for an empty batch). */
  readonly newestArrivalMs: number;
}

/** Per-batch settings of {@link decodeRecords}. */
export interface DecodeContext {
  /** Processing time, stored with every post (`ingestedAt`) and quarantined record. */
  readonly ingestedAt: Date;
  readonly maxRecordBytes: number;
}

class BatchDecoder {
  readonly posts: EnrichedPost[] = [];
  readonly payloads: Uint8Array[] = [];
  readonly poison: QuarantinedRecord[] = [];
  readonly unexpected: UnexpectedFailure[] = [];
  userRecords = 0;
  newestArrivalMs = 0;
  private readonly shards = new ShardIdReader();
  private readonly decodeOptions: DecodeOptions;
  private readonly quarantinedAt: string;

  constructor(private readonly ctx: DecodeContext) {
    this.decodeOptions = { maxBytes: ctx.maxRecordBytes };
    this.quarantinedAt = ctx.ingestedAt.toISOString();
  }

  record(r: KinesisStreamRecord): void {
    const k = r.kinesis;
    const sequenceNumber = k.sequenceNumber;
    try {
      const shardId = this.shards.of(r.eventID);
      const arrivedAt = arrivalMillis(k.approximateArrivalTimestamp);
      if (arrivedAt > this.newestArrivalMs) this.newestArrivalMs = arrivedAt;
      let bytes;
      try {
        bytes = eventRecordBytes(r);
      } catch (err) {
        // No bytes to decode, on every redelivery: poison. No payload is stored; errorDetails
        // says what the event held instead.
        if (!isPoisonRecordError(err)) throw err;
        this.userRecords++;
        this.quarantine(EMPTY, shardId, sequenceNumber, undefined, arrivedAt, err.reason, err.message);
        return;
      }
      if (!isAggregated(bytes)) {
        this.userRecords++;
        this.userRecord(bytes, shardId, sequenceNumber, undefined, arrivedAt);
        return;
      }
      let subRecords;
      try {
        subRecords = decodeAggregatedRecord(bytes);
      } catch (err) {
        if (!isPoisonRecordError(err)) throw err;
        this.quarantine(bytes, shardId, sequenceNumber, undefined, arrivedAt, err.reason, err.message);
        return;
      }
      this.userRecords += subRecords.length;
      for (let i = 0; i < subRecords.length; i++)
        this.userRecord((subRecords[i] as { data: Uint8Array }).data, shardId, sequenceNumber, i, arrivedAt);
    } catch (error) {
      this.unexpected.push({ sequenceNumber, error });
    }
  }

  private userRecord(
    bytes: Uint8Array,
    shardId: string,
    sequenceNumber: string,
    sub: number | undefined,
    arrivedAt: number,
  ): void {
    try {
      let post;
      try {
        post = decodePost(bytes, this.decodeOptions);
      } catch (err) {
        if (!isPoisonRecordError(err)) throw err;
        this.quarantine(bytes, shardId, sequenceNumber, sub, arrivedAt, err.reason, err.message);
        return;
      }
      const lineage: Lineage =
        sub === undefined
          ? { shardId, sequenceNumber, arrivedAt }
          : { shardId, sequenceNumber, subSequenceNumber: sub, arrivedAt };
      this.posts.push(enrichPost(post, lineage, this.ctx.ingestedAt));
      this.payloads.push(bytes);
    } catch (error) {
      // A bug on one sub-record fails only its parent; earlier sub-records stay decoded (their
      // writes are idempotent, and the parent is re-delivered anyway).
      this.unexpected.push(
        sub === undefined ? { sequenceNumber, error } : { sequenceNumber, subSequenceNumber: sub, error },
      );
    }
  }

  quarantine(
    payload: Uint8Array,
    shardId: string,
    sequenceNumber: string,
    sub: number | undefined,
    arrivedAt: number,
    reason: string,
    errorDetails: string,
  ): void {
    const base = {
      shardId,
      sequenceNumber,
      arrivedAt,
      quarantinedAt: this.quarantinedAt,
      reason,
      errorDetails,
      payload,
    };
    this.poison.push(sub === undefined ? base : { ...base, subSequenceNumber: sub });
  }
}

/**
 * Decodes, validates and enriches every record of a batch in one pass.
 *
 * @example
 * ```ts
 * const decoded = decodeRecords(event.Records, { ingestedAt: new Date(), maxRecordBytes: 1_048_576 });
 * await posts.putPosts(decoded.posts);
 * ```
 */
export function decodeRecords(records: readonly KinesisStreamRecord[], ctx: DecodeContext): DecodedBatch {
  const decoder = new BatchDecoder(ctx);
  for (let i = 0; i < records.length; i++) decoder.record(records[i] as KinesisStreamRecord);
  return decoder;
}
