import { CorruptAggregateError, isPoisonRecordError } from '@streamlens/schemas';
import { deaggregateSync } from 'aws-kinesis-agg';
import fc from 'fast-check';
import {
  arrivalMillis,
  decodeAggregatedRecord,
  decodeBase64Strict,
  deaggregate,
  deaggregateBytes,
  encodeAggregatedRecord,
  isAggregated,
} from '../../src';
import { eventRecord, frame, protobufAggregate, protobufOf } from './helpers/aggregates';

const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');
const PARENT = {
  partitionKey: 'parent-pk',
  sequenceNumber: '49590338271490256608559692538361571095921575989136588898',
  arrivedAt: 1_700_000_000_123,
};

describe('deaggregateBytes', () => {
  it('passes a plain record through as one user record without a sub-sequence number', () => {
    // prepare
    const bytes = utf8('{"postId":"p1"}');
    // act
    const users = deaggregateBytes(bytes, PARENT);
    // assess
    expect(users).toEqual([
      { data: bytes, partitionKey: 'parent-pk', sequenceNumber: PARENT.sequenceNumber, arrivedAt: PARENT.arrivedAt },
    ]);
    expect(users[0]).not.toHaveProperty('subSequenceNumber');
  });

  it('splits an aggregate from the producer into user records with keys, parent sequence and sub-sequence numbers', () => {
    // prepare
    const bytes = encodeAggregatedRecord([
      { partitionKey: 'a', data: utf8('first') },
      { partitionKey: 'b', explicitHashKey: '170141183460469231731687303715884105728', data: utf8('second') },
      { partitionKey: 'a', data: utf8('third ✓') },
    ]);
    // act
    const users = deaggregateBytes(bytes, PARENT);
    // assess
    expect(users.map((u) => ({ ...u, data: text(u.data) }))).toEqual([
      {
        data: 'first',
        partitionKey: 'a',
        sequenceNumber: PARENT.sequenceNumber,
        subSequenceNumber: 0,
        arrivedAt: PARENT.arrivedAt,
      },
      {
        data: 'second',
        partitionKey: 'b',
        explicitHashKey: '170141183460469231731687303715884105728',
        sequenceNumber: PARENT.sequenceNumber,
        subSequenceNumber: 1,
        arrivedAt: PARENT.arrivedAt,
      },
      {
        data: 'third ✓',
        partitionKey: 'a',
        sequenceNumber: PARENT.sequenceNumber,
        subSequenceNumber: 2,
        arrivedAt: PARENT.arrivedAt,
      },
    ]);
  });

  it('reads aggregates written by protobufjs, skipping the tags field it does not use', () => {
    // prepare
    const bytes = protobufAggregate({
      partition_key_table: ['k0', 'ключ'],
      records: [
        { partition_key_index: 1, data: utf8('x'), tags: [{ key: 'env', value: 'test' }] },
        { partition_key_index: 0, data: new Uint8Array(0) },
      ],
    });
    // act
    const users = decodeAggregatedRecord(bytes);
    // assess
    expect(users.map((u) => [u.partitionKey, text(u.data)])).toEqual([
      ['ключ', 'x'],
      ['k0', ''],
    ]);
  });

  it('returns no user records for an aggregate without records', () => {
    expect(deaggregateBytes(protobufAggregate({ partition_key_table: [], records: [] }), PARENT)).toEqual([]);
  });

  it('agrees with aws-kinesis-agg deaggregateSync on random aggregates', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            partitionKey: fc.string({ minLength: 1, maxLength: 20 }),
            data: fc.uint8Array({ maxLength: 300 }),
          }),
          { minLength: 1, maxLength: 30 },
        ),
        (entries) => {
          // prepare
          const record = eventRecord(encodeAggregatedRecord(entries), PARENT.sequenceNumber);
          let theirs: { partitionKey: string; subSequenceNumber: number; data: string }[] = [];
          deaggregateSync(record.kinesis, true, (err, users) => {
            if (err) throw err;
            theirs = users ?? [];
          });
          // act
          const ours = deaggregate(record);
          // assess
          expect(
            ours.map((u) => [u.partitionKey, u.subSequenceNumber, Buffer.from(u.data).toString('base64')]),
          ).toEqual(theirs.map((u) => [u.partitionKey, u.subSequenceNumber, u.data]));
        },
      ),
      { numRuns: 100 },
    );
  });

  it.each([
    {
      name: 'checksum mismatch',
      bytes: () => flipLastByte(encodeAggregatedRecord([{ partitionKey: 'a', data: utf8('x') }])),
      detail: /MD5/,
    },
    { name: 'magic only', bytes: () => Uint8Array.of(0xf3, 0x89, 0x9a, 0xc2), detail: /shorter than magic/ },
    {
      name: 'truncated protobuf (valid MD5)',
      bytes: () =>
        frame(
          protobufOf({
            partition_key_table: ['a'],
            records: [{ partition_key_index: 0, data: utf8('hello') }],
          }).subarray(0, 6),
        ),
      detail: /runs past|truncated/,
    },
    {
      name: 'partition key index out of range',
      bytes: () =>
        protobufAggregate({ partition_key_table: ['a'], records: [{ partition_key_index: 3, data: utf8('x') }] }),
      detail: /partition key 3 of 1/,
    },
    {
      name: 'explicit hash key index out of range',
      bytes: () =>
        protobufAggregate({
          partition_key_table: ['a'],
          records: [{ partition_key_index: 0, explicit_hash_key_index: 0, data: utf8('x') }],
        }),
      detail: /explicit hash key 0 of 0/,
    },
    {
      name: 'record without data',
      bytes: () => frame(Uint8Array.of(0x0a, 0x01, 0x61, 0x1a, 0x02, 0x08, 0x00)),
      detail: /no data/,
    },
    {
      name: 'record without partition key index',
      bytes: () => frame(Uint8Array.of(0x0a, 0x01, 0x61, 0x1a, 0x03, 0x1a, 0x01, 0x78)),
      detail: /no partition_key_index/,
    },
    { name: 'group wire type', bytes: () => frame(Uint8Array.of(0x0b)), detail: /wire type 3/ },
    {
      name: 'endless varint',
      bytes: () => frame(Uint8Array.of(0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01)),
      detail: /varint/,
    },
  ])('rejects a corrupt aggregate ($name) with a poison CorruptAggregateError', ({ bytes, detail }) => {
    // prepare
    const input = bytes();
    // act
    let thrown: unknown;
    try {
      deaggregateBytes(input, PARENT);
    } catch (err) {
      thrown = err;
    }
    // assess
    expect(thrown).toBeInstanceOf(CorruptAggregateError);
    expect(isPoisonRecordError(thrown) && thrown.reason).toBe('corrupt-aggregate');
    expect((thrown as Error).message).toMatch(detail);
  });
});

describe('deaggregate (Lambda event record)', () => {
  it('decodes base64 and converts the arrival time from seconds to milliseconds', () => {
    // prepare
    const record = eventRecord(utf8('plain'), '123', { partitionKey: 'pk-1', arrivedAtMs: 1_545_084_650_987 });
    // act
    const [user] = deaggregate(record);
    // assess
    expect(user && text(user.data)).toBe('plain');
    expect(user).toMatchObject({ partitionKey: 'pk-1', sequenceNumber: '123', arrivedAt: 1_545_084_650_987 });
  });

  it.each([
    ['missing', undefined, 'is missing'],
    ['null', null, 'is null'],
    ['a number', 42, 'is a number'],
    ['an object', { type: 'Buffer', data: [123] }, 'is an object'],
    ['an array', ['a'], 'is an array'],
    ['a boolean', true, 'is a boolean'],
  ])('throws MissingRecordDataError (poison) when data is %s', (_, data, detail) => {
    // prepare
    const record = eventRecord(utf8('plain'), '123');
    (record.kinesis as { data?: unknown }).data = data;
    // act
    let thrown: unknown;
    try {
      deaggregate(record);
    } catch (err) {
      thrown = err;
    }
    // assess
    expect(isPoisonRecordError(thrown) && thrown.reason).toBe('missing-data');
    expect((thrown as Error).message).toBe(`Kinesis event record: kinesis.data ${detail}, expected a base64 string`);
  });

  it.each([
    ['an invalid character', 'eyJh!IjoxfQ==', 'character "!" (U+0021) at offset 4'],
    ['whitespace', 'eyJh IjoxfQ==', 'character " " (U+0020) at offset 4'],
    ['base64url characters', 'eyJh-_oxfQ==', 'character "-" (U+002D) at offset 4'],
    ['a length that is not a multiple of 4', 'eyJhIjoxfQ', 'length 10 is not a multiple of 4'],
    ['padding inside', 'ey==IjoxfQ==', 'character "=" before the end at offset 2'],
    ['a non-ASCII character', 'eyJhIjoxfQ\u00e9=', 'character "é" (U+00E9) at offset 10'],
  ])('throws NotBase64Error (poison) for data with %s (lenient decoding would drop it silently)', (_, data, detail) => {
    // prepare
    const record = eventRecord(utf8('plain'), '123');
    (record.kinesis as { data?: unknown }).data = data;
    // act / assess
    expect(() => deaggregate(record)).toThrow(`Kinesis event record: kinesis.data is not base64: ${detail}`);
    expect(() => deaggregate(record)).toThrow(expect.objectContaining({ reason: 'not-base64' }));
  });

  it('decodes every strict base64 string to the bytes it encodes, empty included', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(Buffer.from(decodeBase64Strict(Buffer.from(bytes).toString('base64')))).toEqual(Buffer.from(bytes));
      }),
    );
  });

  it.each([
    ['missing', undefined, 'is missing'],
    ['null', null, 'is null'],
    ['a number', 7, 'is a number'],
    ['an array', [], 'is an array'],
    ['a string', 'x', 'is a string'],
  ])('throws MalformedEventRecordError (poison) when kinesis is %s', (_, kinesis, detail) => {
    // prepare
    const record = { ...eventRecord(utf8('plain'), '123'), kinesis } as never;
    // act / assess
    expect(() => deaggregate(record)).toThrow(`Kinesis event record: kinesis ${detail}, expected an object`);
    expect(() => deaggregate(record)).toThrow(expect.objectContaining({ reason: 'malformed-event-record' }));
  });

  it('rounds float seconds to the exact millisecond', () => {
    expect(arrivalMillis(1545084650.987)).toBe(1545084650987);
    expect(arrivalMillis(1700000000.001)).toBe(1700000000001);
  });
});

describe('isAggregated', () => {
  it.each([
    [Uint8Array.of(0xf3, 0x89, 0x9a, 0xc2), true],
    [Uint8Array.of(0xf3, 0x89, 0x9a), false],
    [utf8('{"a":1}'), false],
    [new Uint8Array(0), false],
  ])('%p → %p', (bytes, expected) => {
    expect(isAggregated(bytes)).toBe(expected);
  });
});

function flipLastByte(bytes: Uint8Array): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[copy.length - 1] = (copy[copy.length - 1] as number) ^ 0xff;
  return copy;
}
