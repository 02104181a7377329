// Pure pieces: item equality and size, change description, shard iterators, StreamSpecification.
import {
  decodeShardIterator,
  describeChange,
  encodeShardIterator,
  itemSizeBytes,
  numberSizeBytes,
  parseStreamSpecification,
  sameItem,
  StreamsValidationError,
} from '../src';

describe('item size (SizeBytes)', () => {
  // Expected sizes are dynalite's formula, which its authors fitted to the service's consumed capacity.
  it.each([
    ['0', 1],
    ['1', 2],
    ['12', 2],
    ['123', 3],
    ['1234', 3],
    ['-1', 3],
    ['1.5', 3],
    ['-12.5', 4],
    ['100', 2],
    ['10', 2],
    ['0.1', 2],
    ['0.001', 2],
    ['1e5', 2],
    ['12345678901234567890123456789012345678', 20],
  ])('counts number %s as %i bytes', (n, bytes) => {
    expect(numberSizeBytes(n)).toBe(bytes);
  });

  it('counts names and strings in UTF-8 bytes and nested documents with their overhead', () => {
    expect(itemSizeBytes({ é: { S: 'ü' } })).toBe(4);
    expect(itemSizeBytes({ b: { B: Buffer.from('hello').toString('base64') } })).toBe(6);
    expect(itemSizeBytes({ l: { L: [{ S: 'ab' }, { BOOL: true }] } })).toBe(1 + 3 + (1 + 2) + (1 + 1));
    expect(itemSizeBytes({ m: { M: { k: { NULL: true } } } })).toBe(1 + 3 + 1 + (1 + 1));
    expect(itemSizeBytes({ s: { SS: ['a', 'bc'] } })).toBe(1 + 3);
  });
});

describe('sameItem', () => {
  it('treats sets as sets and everything else by value', () => {
    expect(sameItem({ s: { SS: ['a', 'b'] } }, { s: { SS: ['b', 'a'] } })).toBe(true);
    expect(sameItem({ s: { SS: ['a', 'b'] } }, { s: { SS: ['a', 'c'] } })).toBe(false);
    expect(sameItem({ l: { L: [{ S: 'a' }, { S: 'b' }] } }, { l: { L: [{ S: 'b' }, { S: 'a' }] } })).toBe(false);
    expect(sameItem({ n: { N: '1' } }, { n: { S: '1' } })).toBe(false);
    expect(sameItem({ a: { S: 'x' } }, { a: { S: 'x' }, b: { S: 'y' } })).toBe(false);
    expect(sameItem(undefined, undefined)).toBe(true);
  });
});

describe('describeChange', () => {
  it('names the event from the images and drops what the view type excludes', () => {
    const keySchema = [{ AttributeName: 'pk', KeyType: 'HASH' }] as const;
    const before = { pk: { S: 'k' }, v: { N: '1' } };
    const after = { pk: { S: 'k' }, v: { N: '2' } };

    const modify = describeChange({ keySchema, viewType: 'OLD_IMAGE', oldItem: before, newItem: after });

    expect(modify).toEqual({
      eventName: 'MODIFY',
      keys: { pk: { S: 'k' } },
      oldImage: before,
      newImage: undefined,
      sizeBytes: 3 + 6, // keys (pk k) + old image (pk k, v 1)
      viewType: 'OLD_IMAGE',
    });
    expect(describeChange({ keySchema, viewType: 'KEYS_ONLY', oldItem: before })?.eventName).toBe('REMOVE');
    expect(describeChange({ keySchema, viewType: 'KEYS_ONLY', oldItem: before, newItem: before })).toBeUndefined();
  });
});

describe('shard iterators', () => {
  it('round-trip and reject anything else', () => {
    const position = {
      streamArn: 'arn:aws:dynamodb:r:1:table/t/stream/l',
      shardId: 'shardId-1',
      after: 42n,
      issuedAtMs: 7,
    };

    expect(decodeShardIterator(encodeShardIterator(position))).toEqual(position);
    for (const bad of [
      '',
      'x',
      'arn|2|abc',
      'arn|1|not-base64-json',
      42,
      `arn|1|${Buffer.from('{"s":1}').toString('base64url')}`,
    ]) {
      expect(() => decodeShardIterator(bad)).toThrow(StreamsValidationError);
    }
  });
});

describe('parseStreamSpecification', () => {
  it('accepts the four view types and a plain disable', () => {
    expect(parseStreamSpecification({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' })).toEqual({
      enabled: true,
      viewType: 'NEW_AND_OLD_IMAGES',
    });
    expect(parseStreamSpecification({ StreamEnabled: false })).toEqual({ enabled: false });
  });

  it.each([
    [null, /must be an object/],
    [{}, /StreamEnabled is required/],
    [{ StreamEnabled: 'yes' }, /StreamEnabled is required and must be a boolean, got "yes"/],
    [
      { StreamEnabled: true, StreamViewType: 'new_image' },
      /one of KEYS_ONLY, NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES .*"new_image"/,
    ],
  ])('rejects %j naming the field', (spec, message) => {
    expect(() => parseStreamSpecification(spec)).toThrow(message);
  });
});
