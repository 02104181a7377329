// Consumer flow: (this file) event record → base64 → deaggregate → decodePost → enrichPost →
// store → respond. One pass over the batch; pure (no I/O): poison becomes quarantine records,
// anything else that goes wrong for a record becomes an "unexpected" failure of its parent.
// Event records are not trusted either (hand-written or replayed events reach the function too):
// one without the shape Lambda gives it is quarantined under its batch's shard and its position
// in the batch, since it may carry no usable shard or sequence number of its own.
import { enrichPost } from '@streamlens/analytics';
import { decodeAggregatedRecord, eventRecordBytes, isAggregated } from '@streamlens/kinesis';
import type { QuarantinedRecord } from '@streamlens/repositories';
import {
  CorruptAggregateError,
  decodePost,
  isPoisonRecordError,
  POISON_REASONS,
  type DecodeOptions,
  type EnrichedPost,
  type Lineage,
} from '@streamlens/schemas';
import type { KinesisStreamRecord } from 'aws-lambda';
import { readEnvelope, UNKNOWN_SHARD, type Envelope } from './event-envelope';
import { ShardIdReader } from './shard-id';

const EMPTY = new Uint8Array(0);
const SEQUENCE_NUMBER = /^\d{1,129}$/;
const encoder = new TextEncoder();
/**
 * The smallest valid post is about this many bytes of JSON: an aggregate whose user records are
 * smaller on average cannot be mostly posts, and quarantining each of them would turn one Kinesis
 * record into up to ~250,000 quarantine writes. It is quarantined whole instead.
 */
export const MIN_POST_BYTES = 100;

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
  /** The last readable sequence number, to place a malformed record after it. */
  private lastSequence: string | undefined;

  constructor(
    private readonly ctx: DecodeContext,
    /** The batch's shard (from its first readable eventID), for records that name none. */
    private readonly batchShard: string,
    /** The first readable sequence number of the batch, for a malformed first record. */
    private readonly firstSequence: string | undefined,
  ) {
    this.decodeOptions = { maxBytes: ctx.maxRecordBytes };
    this.quarantinedAt = ctx.ingestedAt.toISOString();
  }

  record(r: KinesisStreamRecord, position: number): void {
    const envelope = readEnvelope(r, this.shards);
    if (!envelope.ok) {
      this.malformed(r, position, envelope.field, envelope.detail);
      return;
    }
    const { sequenceNumber, arrivedAt } = envelope.value;
    this.lastSequence = sequenceNumber;
    try {
      if (arrivedAt > this.newestArrivalMs) this.newestArrivalMs = arrivedAt;
      let bytes;
      try {
        bytes = eventRecordBytes(r);
      } catch (err) {
        // No bytes to decode, on every redelivery: poison. No payload is stored; errorDetails
        // says what the event held instead.
        if (!isPoisonRecordError(err)) throw err;
        this.userRecords++;
        this.quarantine(EMPTY, envelope.value, undefined, err.reason, err.message);
        return;
      }
      if (!isAggregated(bytes)) {
        this.userRecords++;
        this.userRecord(bytes, envelope.value, undefined);
        return;
      }
      this.aggregate(bytes, envelope.value);
    } catch (error) {
      this.unexpected.push({ sequenceNumber, error });
    }
  }

  private aggregate(bytes: Uint8Array, at: Envelope): void {
    let subRecords;
    try {
      subRecords = decodeAggregatedRecord(bytes);
      if (subRecords.length > 1 && subRecords.length * MIN_POST_BYTES > bytes.length)
        throw new CorruptAggregateError(
          `${subRecords.length} user records in ${bytes.length} bytes (under ${MIN_POST_BYTES} bytes each, smaller than any post)`,
        );
    } catch (err) {
      if (!isPoisonRecordError(err)) throw err;
      this.quarantine(bytes, at, undefined, err.reason, err.message);
      return;
    }
    this.userRecords += subRecords.length;
    for (let i = 0; i < subRecords.length; i++) this.userRecord((subRecords[i] as { data: Uint8Array }).data, at, i);
  }

  // Quarantines an event record Lambda would never send, under the batch's shard, its own
  // sequence number if readable (else the nearest readable one) and its position in the batch:
  // a key derived from what it has, the same for a redelivered batch.
  private malformed(r: unknown, position: number, field: string, detail: string): void {
    this.userRecords++;
    const shardId = this.batchShard;
    const own: unknown = (r as { kinesis?: { sequenceNumber?: unknown } } | null)?.kinesis?.sequenceNumber;
    const sequenceNumber =
      typeof own === 'string' && SEQUENCE_NUMBER.test(own) ? own : (this.lastSequence ?? this.firstSequence ?? '0');
    let payload: Uint8Array;
    try {
      payload = encoder.encode(JSON.stringify(r) ?? String(r));
    } catch {
      payload = encoder.encode(String(r));
    }
    this.poison.push({
      shardId,
      sequenceNumber,
      eventPosition: position,
      arrivedAt: 0,
      quarantinedAt: this.quarantinedAt,
      reason: POISON_REASONS.MALFORMED_EVENT_RECORD,
      errorDetails: `Kinesis event record #${position} of the batch: ${field} ${detail}`,
      payload,
    });
  }

  private userRecord(bytes: Uint8Array, at: Envelope, sub: number | undefined): void {
    const { shardId, sequenceNumber, arrivedAt } = at;
    try {
      let post;
      try {
        post = decodePost(bytes, this.decodeOptions);
      } catch (err) {
        if (!isPoisonRecordError(err)) throw err;
        this.quarantine(bytes, at, sub, err.reason, err.message);
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

  private quarantine(
    payload: Uint8Array,
    at: Envelope,
    sub: number | undefined,
    reason: string,
    errorDetails: string,
  ): void {
    const base = {
      shardId: at.shardId,
      sequenceNumber: at.sequenceNumber,
      arrivedAt: at.arrivedAt,
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
  const probe = new ShardIdReader();
  let batchShard = UNKNOWN_SHARD;
  let firstSequence: string | undefined;
  for (const r of records) {
    const envelope = readEnvelope(r, probe);
    if (envelope.ok) {
      batchShard = envelope.value.shardId;
      firstSequence = envelope.value.sequenceNumber;
      break;
    }
  }
  const decoder = new BatchDecoder(ctx, batchShard, firstSequence);
  for (let i = 0; i < records.length; i++) decoder.record(records[i] as KinesisStreamRecord, i);
  return decoder;
}
