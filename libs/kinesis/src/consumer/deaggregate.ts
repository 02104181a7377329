// Consumer flow: Lambda's Kinesis record → (this file) user records → decode → enrich → store.
import { MalformedEventRecordError, MissingRecordDataError } from '@streamlens/schemas';
import type { KinesisStreamRecord } from 'aws-lambda';
import { decodeBase64Strict } from './base64';
import { decodeAggregatedRecord, isAggregated } from './kpl-decoder';

/** A user record: a plain Kinesis record, or one record out of a KPL aggregate. */
export interface DeaggregatedRecord {
  /** The record's payload (for aggregates, a view of the parent's bytes). */
  readonly data: Uint8Array;
  readonly partitionKey: string;
  /** Only for sub-records that carried an explicit hash key. */
  readonly explicitHashKey?: string;
  /** The PARENT Kinesis record's sequence number: what checkpoints and failure reports use. */
  readonly sequenceNumber: string;
  /** Index inside the aggregate; absent for plain records. */
  readonly subSequenceNumber?: number;
  /** Kinesis approximate arrival time of the parent, epoch milliseconds. */
  readonly arrivedAt: number;
}

/** The parent record's position and metadata, shared by its user records. */
export interface ParentRecord {
  readonly partitionKey: string;
  readonly sequenceNumber: string;
  /** Epoch milliseconds. */
  readonly arrivedAt: number;
}

/**
 * Lambda gives `approximateArrivalTimestamp` in seconds with a millisecond fraction; this
 * returns whole epoch milliseconds.
 *
 * @example
 * ```ts
 * arrivalMillis(1545084650.987); // 1545084650987
 * ```
 */
export function arrivalMillis(approximateArrivalTimestamp: number): number {
  return Math.round(approximateArrivalTimestamp * 1000);
}

/**
 * Splits already-decoded record bytes into user records: a KPL aggregate yields one per
 * sub-record (data are views of `bytes`), anything else passes through as one record.
 *
 * @throws CorruptAggregateError (poison) when `bytes` carry the KPL magic but are corrupt;
 * the whole aggregate is poison then.
 * @example
 * ```ts
 * const users = deaggregateBytes(bytes, { partitionKey, sequenceNumber, arrivedAt });
 * ```
 */
export function deaggregateBytes(bytes: Uint8Array, parent: ParentRecord): DeaggregatedRecord[] {
  const { sequenceNumber, arrivedAt } = parent;
  if (!isAggregated(bytes)) return [{ data: bytes, partitionKey: parent.partitionKey, sequenceNumber, arrivedAt }];
  return decodeAggregatedRecord(bytes).map((r, subSequenceNumber) =>
    r.explicitHashKey === undefined
      ? { data: r.data, partitionKey: r.partitionKey, sequenceNumber, subSequenceNumber, arrivedAt }
      : {
          data: r.data,
          partitionKey: r.partitionKey,
          explicitHashKey: r.explicitHashKey,
          sequenceNumber,
          subSequenceNumber,
          arrivedAt,
        },
  );
}

/**
 * The bytes of a Lambda Kinesis event record (`kinesis.data`, decoded as strict base64).
 *
 * @throws MalformedEventRecordError when the record or its `kinesis` is not an object,
 * MissingRecordDataError when `data` is not a string, NotBase64Error when it is not strict
 * base64 (all poison: a hand-written or replayed event can be like that, and a TypeError would
 * look like a bug and get the batch retried until the record expires).
 * @example
 * ```ts
 * const bytes = eventRecordBytes(event.Records[0]);
 * ```
 */
export function eventRecordBytes(record: KinesisStreamRecord): Buffer {
  const kinesis: unknown = (record as { kinesis?: unknown } | null | undefined)?.kinesis;
  if (typeof kinesis !== 'object' || kinesis === null || Array.isArray(kinesis))
    throw new MalformedEventRecordError('kinesis', `${describeData(kinesis)}, expected an object`);
  const data: unknown = (kinesis as { data?: unknown }).data;
  if (typeof data !== 'string') throw new MissingRecordDataError(describeData(data));
  return decodeBase64Strict(data);
}

function describeData(data: unknown): string {
  if (data === undefined) return 'is missing';
  if (data === null) return 'is null';
  const kind = Array.isArray(data) ? 'array' : typeof data;
  return `is ${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;
}

/**
 * Decodes a Lambda Kinesis event record (base64) and deaggregates it.
 *
 * @throws CorruptAggregateError for a corrupt KPL aggregate, MissingRecordDataError for a record
 * without `data` (both poison).
 * @example
 * ```ts
 * for (const user of deaggregate(event.Records[0])) decodePost(user.data);
 * ```
 */
export function deaggregate(record: KinesisStreamRecord): DeaggregatedRecord[] {
  const k = record.kinesis;
  return deaggregateBytes(eventRecordBytes(record), {
    partitionKey: k.partitionKey,
    sequenceNumber: k.sequenceNumber,
    arrivedAt: arrivalMillis(k.approximateArrivalTimestamp),
  });
}
