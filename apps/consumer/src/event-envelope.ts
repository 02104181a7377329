// Consumer flow: (this file) the envelope of a Lambda Kinesis event record — shard, sequence
// number, arrival — read defensively: a hand-written or replayed event can lack any of them, and
// a TypeError there would fail the whole batch on every redelivery.
import { arrivalMillis } from '@streamlens/kinesis';
import type { KinesisStreamRecord } from 'aws-lambda';
import type { ShardIdReader } from './shard-id';

/** Where a record is in the stream. */
export interface Envelope {
  readonly shardId: string;
  readonly sequenceNumber: string;
  /** Approximate arrival, epoch ms. */
  readonly arrivedAt: number;
}

/** Shard id of quarantined records of a batch in which no record names its shard. */
export const UNKNOWN_SHARD = 'unknown-shard';

/** Kinesis shard ids: 1–128 characters of [a-zA-Z0-9_.-] (the API's ShardId pattern). */
const SHARD_ID = /^[A-Za-z0-9_.-]{1,128}$/;
const SEQUENCE_NUMBER = /^\d{1,129}$/;

/** The outcome of {@link readEnvelope}. */
export type EnvelopeResult =
  | { readonly ok: true; readonly value: Envelope }
  | { readonly ok: false; readonly field: string; readonly detail: string };

function describe(value: unknown): string {
  if (value === undefined) return 'is missing';
  if (value === null) return 'is null';
  if (typeof value === 'string')
    return value.length <= 40 ? `is ${JSON.stringify(value)}` : `is a string of ${value.length} characters`;
  if (typeof value === 'number') return `is ${value}`;
  const kind = Array.isArray(value) ? 'array' : typeof value;
  return `is ${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads shard (from `eventID`), sequence number and arrival time of an event record, or names the
 * first field that is not what Lambda sends.
 *
 * @example
 * ```ts
 * const e = readEnvelope(record, new ShardIdReader());
 * if (!e.ok) quarantine(`${e.field} ${e.detail}`);
 * ```
 */
export function readEnvelope(r: KinesisStreamRecord, shards: ShardIdReader): EnvelopeResult {
  if (!isObject(r)) return { ok: false, field: 'record', detail: `${describe(r)}, expected an object` };
  const k: unknown = r.kinesis;
  if (!isObject(k)) return { ok: false, field: 'kinesis', detail: `${describe(k)}, expected an object` };
  const eventID: unknown = r.eventID;
  if (typeof eventID !== 'string')
    return { ok: false, field: 'eventID', detail: `${describe(eventID)}, expected "<shardId>:<sequenceNumber>"` };
  let shardId: string;
  try {
    shardId = shards.of(eventID);
  } catch {
    shardId = '';
  }
  if (!SHARD_ID.test(shardId))
    return { ok: false, field: 'eventID', detail: `${describe(eventID)}, expected "<shardId>:<sequenceNumber>"` };
  const sequenceNumber: unknown = k['sequenceNumber'];
  if (typeof sequenceNumber !== 'string' || !SEQUENCE_NUMBER.test(sequenceNumber))
    return {
      ok: false,
      field: 'kinesis.sequenceNumber',
      detail: `${describe(sequenceNumber)}, expected 1–129 decimal digits`,
    };
  const arrival: unknown = k['approximateArrivalTimestamp'];
  if (typeof arrival !== 'number' || !Number.isFinite(arrival) || arrival < 0)
    return {
      ok: false,
      field: 'kinesis.approximateArrivalTimestamp',
      detail: `${describe(arrival)}, expected epoch seconds`,
    };
  return { ok: true, value: { shardId, sequenceNumber, arrivedAt: arrivalMillis(arrival) } };
}
