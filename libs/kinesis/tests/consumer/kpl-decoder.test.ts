// The KPL decoder on hand-written protobuf: what other producers may legally send (fields and
// wire types this decoder does not use, which protobuf readers must skip) and every way an
// aggregate can be corrupt, each with its exact error. A decoder that misreads either loses
// user records or poisons a good aggregate.
import { CorruptAggregateError, isPoisonRecordError } from '@streamlens/schemas';
import { AggregateBuilder, decodeAggregatedRecord, deaggregateBytes, isAggregated } from '../../src';
import { frame } from './helpers/aggregates';

const MAGIC = [0xf3, 0x89, 0x9a, 0xc2];
const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');
const bytes = (...parts: (number | number[])[]) => Uint8Array.from(parts.flat());

// Protobuf keys: (field number << 3) | wire type.
const key = (field: number, wire: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7) => (field << 3) | wire;
const PK_TABLE_A = [key(1, 2), 1, 0x61]; // partition_key_table: 'a'
const record = (...fields: number[][]) => [key(3, 2), fields.flat().length, ...fields.flat()];
const PK_INDEX_0 = [key(1, 0), 0];
const DATA_X = [key(3, 2), 1, 0x78];

function corruption(input: Uint8Array): CorruptAggregateError {
  try {
    decodeAggregatedRecord(input);
  } catch (err) {
    expect(err).toBeInstanceOf(CorruptAggregateError);
    expect(isPoisonRecordError(err) && err.reason).toBe('corrupt-aggregate');
    return err as CorruptAggregateError;
  }
  throw new Error('decoded a corrupt aggregate without an error');
}

describe('decodeAggregatedRecord on what other producers may send', () => {
  it('skips unknown fields of every wire type, and known field numbers with a wrong wire type, at both levels', () => {
    // prepare: a conforming reader must skip what it does not know (proto2 forward compatibility)
    const proto = bytes(
      [key(4, 0), 0x96, 0x01], // unknown varint (150, two bytes)
      [key(5, 1), 1, 2, 3, 4, 5, 6, 7, 8], // unknown fixed64
      [key(7, 2), 2, 0xaa, 0xbb], // unknown length-delimited
      [key(0, 2), 3, 0x08, 0x00, 0x00], // field 0 (not a valid field number): not a record
      [key(1, 0), 5], // partition_key_table as a varint: not a key
      [key(3, 0), 1], // records as a varint: not a record
      PK_TABLE_A,
      [key(1, 2), 1, 0x62], // partition_key_table: 'b'
      record(
        [key(1, 2), 1, 0x00], // partition_key_index as bytes: skipped
        [key(1, 0), 1], // partition_key_index 1 → 'b'
        [key(3, 0), 9], // data as a varint: skipped
        [key(2, 2), 0], // explicit_hash_key_index as bytes: skipped
        [key(6, 1), 1, 2, 3, 4, 5, 6, 7, 8], // unknown fixed64 inside the record
        DATA_X,
        [key(6, 5), 1, 2, 3, 4], // unknown fixed32, ending exactly at the record's end
      ),
      [key(6, 5), 9, 9, 9, 9], // unknown fixed32, ending exactly at the message's end
    );
    // act
    const users = decodeAggregatedRecord(frame(proto));
    // assess
    expect(users.map((u) => ({ ...u, data: text(u.data) }))).toEqual([{ partitionKey: 'b', data: 'x' }]);
    expect(users[0]).not.toHaveProperty('explicitHashKey');
  });

  it('reads varints up to 2^53 − 1 and an explicit hash key table', () => {
    // prepare: 2^53 − 1 as a varint (an unknown field's value), then a record using the hash key table
    const maxSafe = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f];
    const proto = bytes(
      [key(4, 0), ...maxSafe],
      PK_TABLE_A,
      [key(2, 2), 2, 0x34, 0x32], // explicit_hash_key_table: '42'
      record(PK_INDEX_0, [key(2, 0), 0], DATA_X),
    );
    // act
    const users = decodeAggregatedRecord(frame(proto));
    // assess
    expect(users.map((u) => ({ ...u, data: text(u.data) }))).toEqual([
      { partitionKey: 'a', explicitHashKey: '42', data: 'x' },
    ]);
  });

  it('reads an aggregate that is a view into a larger buffer (as a base64-decoded Lambda record is)', () => {
    // prepare
    const aggregate = frame(bytes([key(1, 2), 2, 0x6b, 0x31], record(PK_INDEX_0, [key(3, 2), 2, 0x68, 0x69])));
    const padded = Buffer.concat([Buffer.from('padding before'), aggregate, Buffer.from('after')]);
    const view = padded.subarray(14, 14 + aggregate.length);
    // act
    const [user] = decodeAggregatedRecord(view);
    // assess
    expect(user && [user.partitionKey, text(user.data)]).toEqual(['k1', 'hi']);
  });

  it('decodes the empty aggregate (magic + MD5 of nothing) to no records', () => {
    expect(decodeAggregatedRecord(frame(new Uint8Array(0)))).toEqual([]);
  });
});

describe('decodeAggregatedRecord on corrupt aggregates', () => {
  it.each([
    {
      name: 'no magic',
      input: () => Buffer.from('{"postId":"p-1","text":"hello"}'),
      message: 'missing the KPL magic number F3 89 9A C2',
    },
    {
      name: 'last magic byte wrong',
      input: () => Uint8Array.from([...MAGIC.slice(0, 3), 0xc3, ...frame(new Uint8Array(0)).subarray(4)]),
      message: 'missing the KPL magic number F3 89 9A C2',
    },
    {
      name: 'magic + 15 bytes',
      input: () => bytes(MAGIC, new Array(15).fill(0)),
      message: '19 bytes is shorter than magic + MD5 (20)',
    },
    { name: 'truncated varint', input: () => frame(bytes([key(4, 0), 0x80])), message: 'truncated varint at byte 6' },
    {
      name: 'varint of 2^63',
      input: () => frame(bytes([key(4, 0), 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01])),
      message: 'varint too large at byte 15',
    },
    {
      name: 'varint of 2^53',
      input: () => frame(bytes([key(4, 0), 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x10])),
      message: 'varint too large at byte 13',
    },
    {
      name: 'varint longer than 10 bytes',
      input: () => frame(bytes([key(4, 0)], new Array(10).fill(0xff), [0x01])),
      message: 'varint longer than 10 bytes at byte 15',
    },
    {
      name: 'length past the message',
      input: () => frame(bytes([key(1, 2), 5, 0x61])),
      message: 'field of 5 bytes at byte 6 runs past its message',
    },
    {
      name: 'length past the record',
      input: () => frame(bytes(PK_TABLE_A, [key(3, 2), 3, key(3, 2), 2, 0x78])),
      message: 'field of 2 bytes at byte 11 runs past its message',
    },
    {
      name: 'truncated fixed64',
      input: () => frame(bytes([key(5, 1), 1, 2, 3, 4])),
      message: 'truncated fixed-width field 5',
    },
    {
      name: 'truncated fixed32',
      input: () => frame(bytes([key(6, 5), 1, 2, 3])),
      message: 'truncated fixed-width field 6',
    },
    {
      name: 'start-group wire type',
      input: () => frame(bytes([key(1, 3)])),
      message: 'unsupported wire type 3 of field 1',
    },
    {
      name: 'end-group wire type',
      input: () => frame(bytes([key(2, 4)])),
      message: 'unsupported wire type 4 of field 2',
    },
    { name: 'wire type 6', input: () => frame(bytes([key(9, 6)])), message: 'unsupported wire type 6 of field 9' },
    {
      name: 'wire type 7 inside a record',
      input: () => frame(bytes(PK_TABLE_A, record(PK_INDEX_0, [key(4, 7)], DATA_X))),
      message: 'unsupported wire type 7 of field 4',
    },
    {
      name: 'second record without a partition key index (two keys in the table)',
      input: () => frame(bytes(PK_TABLE_A, PK_TABLE_A, record(PK_INDEX_0, DATA_X), record(DATA_X))),
      message: 'user record 1 has no partition_key_index',
    },
    {
      name: 'second record without data',
      input: () => frame(bytes(PK_TABLE_A, record(PK_INDEX_0, DATA_X), record(PK_INDEX_0))),
      message: 'user record 1 has no data',
    },
    {
      name: 'second record naming a missing key',
      input: () => frame(bytes(PK_TABLE_A, record(PK_INDEX_0, DATA_X), record([key(1, 0), 1], DATA_X))),
      message: 'user record 1 names partition key 1 of 1',
    },
    {
      name: 'second record naming a missing hash key',
      input: () =>
        frame(
          bytes(
            PK_TABLE_A,
            [key(2, 2), 1, 0x31],
            record(PK_INDEX_0, DATA_X),
            record(PK_INDEX_0, [key(2, 0), 1], DATA_X),
          ),
        ),
      message: 'user record 1 names explicit hash key 1 of 1',
    },
  ])('$name: CorruptAggregateError "$message"', ({ input, message }) => {
    expect(corruption(input()).message).toBe(`KPL aggregated record is corrupt: ${message}`);
  });

  it.each([0, 7, 15])('notices a changed MD5 byte %d', (index) => {
    // prepare
    const aggregate = frame(bytes(PK_TABLE_A, record(PK_INDEX_0, DATA_X)));
    aggregate[aggregate.length - 16 + index] = (aggregate[aggregate.length - 16 + index] as number) ^ 0x01;
    // act / assess
    expect(corruption(aggregate).message).toBe(
      'KPL aggregated record is corrupt: MD5 checksum does not match the protobuf message',
    );
  });

  it('notices a changed protobuf byte under an intact MD5', () => {
    // prepare
    const aggregate = frame(bytes(PK_TABLE_A, record(PK_INDEX_0, DATA_X)));
    aggregate[aggregate.length - 17] = 0x79; // 'x' → 'y'
    // act / assess
    expect(corruption(aggregate).message).toBe(
      'KPL aggregated record is corrupt: MD5 checksum does not match the protobuf message',
    );
  });
});

describe('isAggregated', () => {
  it.each([0, 1, 2, 3])('is false when magic byte %d differs', (index) => {
    // prepare
    const input = Uint8Array.from([...MAGIC, 0x0a, 0x00]);
    input[index] = (input[index] as number) ^ 0x10;
    // act / assess
    expect(isAggregated(input)).toBe(false);
    expect(isAggregated(Uint8Array.from([...MAGIC, 0x0a, 0x00]))).toBe(true);
  });
});

describe('our producer to our decoder', () => {
  it('counts what the builder holds, and gives only records built with an explicit hash key one', () => {
    // prepare
    const builder = new AggregateBuilder();
    const counts: number[] = [builder.count];
    for (const entry of [
      { partitionKey: 'a', data: Buffer.from('1') },
      { partitionKey: 'b', explicitHashKey: '99', data: Buffer.from('2') },
      { partitionKey: 'a', data: Buffer.from('3') },
    ]) {
      builder.add(entry);
      counts.push(builder.count);
    }
    // act
    const users = deaggregateBytes(builder.encode(), { partitionKey: 'p', sequenceNumber: '1', arrivedAt: 5 });
    // assess
    expect(counts).toEqual([0, 1, 2, 3]);
    expect(users.map((u) => Object.hasOwn(u, 'explicitHashKey'))).toEqual([false, true, false]);
    expect(users.map((u) => [u.partitionKey, u.explicitHashKey, text(u.data), u.subSequenceNumber])).toEqual([
      ['a', undefined, '1', 0],
      ['b', '99', '2', 1],
      ['a', undefined, '3', 2],
    ]);
  });
});
