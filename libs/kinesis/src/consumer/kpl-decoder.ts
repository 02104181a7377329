// Consumer flow: base64 → (this file) KPL aggregate → user records → decode → enrich → store.
// A small proto2 reader for exactly the KPL AggregatedRecord message (SEMANTICS.md, "KPL
// aggregation"): one pass, no copies (user record data are views of the input), one MD5.
// Chosen over aws-kinesis-agg's deaggregateSync by measurement (apps/consumer/bench/deaggregate.bench.ts):
// that one decodes with protobufjs, re-encodes every user record to base64 and reports
// through callbacks, so the caller decodes the base64 again.
import { hash } from 'node:crypto';
import { CorruptAggregateError } from '@streamlens/schemas';
import { KPL_FORMAT } from '../producer/constants';

/** One user record of a KPL aggregate, as stored in it. */
export interface AggregatedUserRecord {
  readonly partitionKey: string;
  readonly explicitHashKey?: string;
  /** A view of the aggregate's bytes (not a copy). */
  readonly data: Uint8Array;
}

const MAGIC = KPL_FORMAT.magic;
const FRAME_BYTES = MAGIC.length + KPL_FORMAT.checksumBytes;

// Wire types of protobuf.
const VARINT = 0;
const FIXED64 = 1;
const LENGTH_DELIMITED = 2;
const FIXED32 = 5;

/**
 * True when `bytes` start with the KPL magic number F3 89 9A C2.
 *
 * @example
 * ```ts
 * if (isAggregated(bytes)) for (const r of decodeAggregatedRecord(bytes)) use(r.data);
 * ```
 */
export function isAggregated(bytes: Uint8Array): boolean {
  return (
    bytes.length >= MAGIC.length &&
    bytes[0] === MAGIC[0] &&
    bytes[1] === MAGIC[1] &&
    bytes[2] === MAGIC[2] &&
    bytes[3] === MAGIC[3]
  );
}

/** Cursor over a protobuf message inside a larger buffer. */
class Reader {
  pos: number;

  constructor(
    readonly buf: Uint8Array,
    start: number,
    readonly end: number,
  ) {
    this.pos = start;
  }

  /** A varint up to 2^53 (indices and lengths; larger values cannot be valid here). */
  varint(): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new CorruptAggregateError(`truncated varint at byte ${this.pos}`);
      const b = this.buf[this.pos++] as number;
      value += (b & 0x7f) * scale;
      if (b < 0x80) {
        if (!Number.isSafeInteger(value)) throw new CorruptAggregateError(`varint too large at byte ${this.pos}`);
        return value;
      }
      scale *= 128;
    }
    throw new CorruptAggregateError(`varint longer than 10 bytes at byte ${this.pos}`);
  }

  /** Start of a length-delimited field's payload; advances past it. */
  lengthDelimited(): number {
    const length = this.varint();
    const start = this.pos;
    if (length > this.end - start)
      throw new CorruptAggregateError(`field of ${length} bytes at byte ${start} runs past its message`);
    this.pos = start + length;
    return start;
  }

  skip(wireType: number, field: number): void {
    if (wireType === VARINT) this.varint();
    else if (wireType === LENGTH_DELIMITED) this.lengthDelimited();
    else if (wireType === FIXED64 || wireType === FIXED32) {
      this.pos += wireType === FIXED64 ? 8 : 4;
      if (this.pos > this.end) throw new CorruptAggregateError(`truncated fixed-width field ${field}`);
    } else throw new CorruptAggregateError(`unsupported wire type ${wireType} of field ${field}`);
  }
}

interface RawRecord {
  pkIndex: number;
  ehkIndex: number | undefined;
  dataStart: number;
  dataEnd: number;
}

// Record { required uint64 partition_key_index = 1; optional uint64 explicit_hash_key_index = 2;
//          required bytes data = 3; repeated Tag tags = 4; }
function readRecord(r: Reader, start: number, end: number, index: number): RawRecord {
  const m = new Reader(r.buf, start, end);
  let pkIndex = -1;
  let ehkIndex: number | undefined;
  let dataStart = -1;
  let dataEnd = -1;
  while (m.pos < end) {
    const key = m.varint();
    const field = Math.floor(key / 8);
    const wire = key & 7;
    if (field === 1 && wire === VARINT) pkIndex = m.varint();
    else if (field === 2 && wire === VARINT) ehkIndex = m.varint();
    else if (field === 3 && wire === LENGTH_DELIMITED) {
      dataStart = m.lengthDelimited();
      dataEnd = m.pos;
    } else m.skip(wire, field);
  }
  if (pkIndex < 0) throw new CorruptAggregateError(`user record ${index} has no partition_key_index`);
  if (dataStart < 0) throw new CorruptAggregateError(`user record ${index} has no data`);
  return { pkIndex, ehkIndex, dataStart, dataEnd };
}

function utf8(buf: Uint8Array, start: number, end: number): string {
  return Buffer.from(buf.buffer, buf.byteOffset + start, end - start).toString('utf8');
}

function verifyChecksum(bytes: Uint8Array): void {
  const protoEnd = bytes.length - KPL_FORMAT.checksumBytes;
  const actual = hash('md5', bytes.subarray(MAGIC.length, protoEnd), 'buffer');
  for (let i = 0; i < KPL_FORMAT.checksumBytes; i++) {
    if (actual[i] !== bytes[protoEnd + i])
      throw new CorruptAggregateError('MD5 checksum does not match the protobuf message');
  }
}

/**
 * Decodes a KPL aggregated record (magic + protobuf AggregatedRecord + MD5) into its user
 * records, in order (index = sub-sequence number). The MD5 is verified first.
 *
 * @throws CorruptAggregateError (a poison error) when the magic is missing, the checksum does
 * not match, the protobuf is malformed or a record names a key-table entry that does not exist.
 * @example
 * ```ts
 * decodeAggregatedRecord(encodeAggregatedRecord([{ partitionKey: 'a', data }]))[0].data; // data
 * ```
 */
export function decodeAggregatedRecord(bytes: Uint8Array): AggregatedUserRecord[] {
  if (!isAggregated(bytes)) throw new CorruptAggregateError('missing the KPL magic number F3 89 9A C2');
  if (bytes.length < FRAME_BYTES)
    throw new CorruptAggregateError(`${bytes.length} bytes is shorter than magic + MD5 (${FRAME_BYTES})`);
  verifyChecksum(bytes);
  const end = bytes.length - KPL_FORMAT.checksumBytes;
  const r = new Reader(bytes, MAGIC.length, end);
  const partitionKeys: string[] = [];
  const hashKeys: string[] = [];
  const raw: RawRecord[] = [];
  while (r.pos < end) {
    const key = r.varint();
    const field = Math.floor(key / 8);
    const wire = key & 7;
    if (wire === LENGTH_DELIMITED && field >= 1 && field <= 3) {
      const start = r.lengthDelimited();
      if (field === 1) partitionKeys.push(utf8(bytes, start, r.pos));
      else if (field === 2) hashKeys.push(utf8(bytes, start, r.pos));
      else raw.push(readRecord(r, start, r.pos, raw.length));
    } else r.skip(wire, field);
  }
  return raw.map((rec, i) => {
    const partitionKey = partitionKeys[rec.pkIndex];
    if (partitionKey === undefined)
      throw new CorruptAggregateError(`user record ${i} names partition key ${rec.pkIndex} of ${partitionKeys.length}`);
    const data = bytes.subarray(rec.dataStart, rec.dataEnd);
    if (rec.ehkIndex === undefined) return { partitionKey, data };
    const explicitHashKey = hashKeys[rec.ehkIndex];
    if (explicitHashKey === undefined)
      throw new CorruptAggregateError(`user record ${i} names explicit hash key ${rec.ehkIndex} of ${hashKeys.length}`);
    return { partitionKey, explicitHashKey, data };
  });
}
