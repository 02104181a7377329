// KPL aggregated record encoder: magic F3 89 9A C2 + protobuf AggregatedRecord + MD5 of the protobuf.
// Hand-written protobuf (varints and length-delimited fields only) sized exactly before it is
// written, so building an aggregate is one allocation and one MD5.
import { createHash } from 'node:crypto';
import { KPL_FORMAT } from './constants';

/** A user record as it goes into an aggregate. */
export interface AggregateEntry {
  readonly partitionKey: string;
  readonly explicitHashKey?: string;
  readonly data: Uint8Array;
}

interface EntryRef {
  readonly pkIndex: number;
  readonly ehkIndex: number | undefined;
  readonly data: Uint8Array;
  /** Byte length of the encoded Record message (without its tag and length prefix). */
  readonly innerSize: number;
}

// Field tags: (field number << 3) | wire type 2 (length-delimited) or 0 (varint).
const TAG_PK_TABLE = 0x0a;
const TAG_EHK_TABLE = 0x12;
const TAG_RECORDS = 0x1a;
const TAG_PK_INDEX = 0x08;
const TAG_EHK_INDEX = 0x10;
const TAG_DATA = 0x1a;

const FRAME_BYTES = KPL_FORMAT.magic.length + KPL_FORMAT.checksumBytes;

/** Bytes a non-negative integer takes as a protobuf varint. */
export function varintSize(value: number): number {
  let size = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 128);
    size++;
  }
  return size;
}

function writeVarint(buf: Buffer, offset: number, value: number): number {
  while (value >= 0x80) {
    buf[offset++] = (value & 0x7f) | 0x80;
    value = Math.floor(value / 128);
  }
  buf[offset++] = value;
  return offset;
}

function lengthDelimitedSize(payloadBytes: number): number {
  return 1 + varintSize(payloadBytes) + payloadBytes;
}

/**
 * Accumulates user records into one KPL aggregated record, tracking its exact encoded size.
 *
 * @example
 * ```ts
 * const agg = new AggregateBuilder();
 * if (agg.sizeWith(entry) <= 51_200) agg.add(entry);
 * const bytes = agg.encode();
 * ```
 */
export class AggregateBuilder {
  private readonly pkIndex = new Map<string, number>();
  private readonly ehkIndex = new Map<string, number>();
  private readonly entries: EntryRef[] = [];
  private protoSize = 0;

  /** User records added so far. */
  get count(): number {
    return this.entries.length;
  }

  /** Encoded size in bytes (magic + protobuf + MD5) of what was added so far. */
  get size(): number {
    return FRAME_BYTES + this.protoSize;
  }

  /** Encoded size in bytes if `entry` were added. */
  sizeWith(entry: AggregateEntry): number {
    return FRAME_BYTES + this.protoSize + this.growth(entry).bytes;
  }

  /** Adds a user record. */
  add(entry: AggregateEntry): void {
    const { bytes, pkIndex, ehkIndex, innerSize, newPk, newEhk } = this.growth(entry);
    if (newPk) this.pkIndex.set(entry.partitionKey, pkIndex);
    if (newEhk && entry.explicitHashKey !== undefined) this.ehkIndex.set(entry.explicitHashKey, ehkIndex as number);
    this.entries.push({ pkIndex, ehkIndex, data: entry.data, innerSize });
    this.protoSize += bytes;
  }

  private growth(entry: AggregateEntry) {
    let bytes = 0;
    let pkIndex = this.pkIndex.get(entry.partitionKey);
    const newPk = pkIndex === undefined;
    if (pkIndex === undefined) {
      pkIndex = this.pkIndex.size;
      bytes += lengthDelimitedSize(Buffer.byteLength(entry.partitionKey, 'utf8'));
    }
    let ehkIndex: number | undefined;
    let newEhk = false;
    if (entry.explicitHashKey !== undefined) {
      ehkIndex = this.ehkIndex.get(entry.explicitHashKey);
      if (ehkIndex === undefined) {
        newEhk = true;
        ehkIndex = this.ehkIndex.size;
        bytes += lengthDelimitedSize(entry.explicitHashKey.length);
      }
    }
    const innerSize =
      1 +
      varintSize(pkIndex) +
      (ehkIndex === undefined ? 0 : 1 + varintSize(ehkIndex)) +
      lengthDelimitedSize(entry.data.length);
    bytes += lengthDelimitedSize(innerSize);
    return { bytes, pkIndex, ehkIndex, innerSize, newPk, newEhk };
  }

  /** The aggregated record bytes: magic, protobuf AggregatedRecord, MD5 of the protobuf. */
  encode(): Uint8Array {
    const buf = Buffer.allocUnsafe(this.size);
    buf.set(KPL_FORMAT.magic, 0);
    let off = KPL_FORMAT.magic.length;
    for (const pk of this.pkIndex.keys()) {
      buf[off++] = TAG_PK_TABLE;
      off = writeVarint(buf, off, Buffer.byteLength(pk, 'utf8'));
      off += buf.write(pk, off, 'utf8');
    }
    for (const ehk of this.ehkIndex.keys()) {
      buf[off++] = TAG_EHK_TABLE;
      off = writeVarint(buf, off, ehk.length);
      off += buf.write(ehk, off, 'latin1');
    }
    for (const e of this.entries) {
      buf[off++] = TAG_RECORDS;
      off = writeVarint(buf, off, e.innerSize);
      buf[off++] = TAG_PK_INDEX;
      off = writeVarint(buf, off, e.pkIndex);
      if (e.ehkIndex !== undefined) {
        buf[off++] = TAG_EHK_INDEX;
        off = writeVarint(buf, off, e.ehkIndex);
      }
      buf[off++] = TAG_DATA;
      off = writeVarint(buf, off, e.data.length);
      buf.set(e.data, off);
      off += e.data.length;
    }
    const protoStart = KPL_FORMAT.magic.length;
    createHash('md5').update(buf.subarray(protoStart, off)).digest().copy(buf, off);
    return buf;
  }
}

/**
 * Encodes user records as one KPL aggregated record.
 *
 * @example
 * ```ts
 * const bytes = encodeAggregatedRecord([{ partitionKey: 'a', data: Buffer.from('x') }]);
 * ```
 */
export function encodeAggregatedRecord(entries: readonly AggregateEntry[]): Uint8Array {
  const builder = new AggregateBuilder();
  for (const entry of entries) builder.add(entry);
  return builder.encode();
}
