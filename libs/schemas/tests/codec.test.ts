import { decodePost, encodePost, postVersionKey } from '../src/codec';
import {
  NotJsonError,
  NotUtf8Error,
  POISON_REASONS,
  PoisonRecordError,
  SchemaViolationError,
  TooLargeError,
  UnknownVersionError,
} from '../src/errors';
import { DEFAULT_MAX_RECORD_BYTES } from '../src/limits';
import { makePost } from './helpers/post-factory';

const utf8 = (s: string) => new TextEncoder().encode(s);

function thrownBy(act: () => unknown): unknown {
  try {
    act();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

describe('decodePost / encodePost', () => {
  it('round-trips a post through bytes', () => {
    // prepare
    const post = makePost({ text: 'olá 🌍 #café', editedAt: '2024-05-01T12:00:01Z', engagement: { likes: 2 } });
    // act
    const back = decodePost(encodePost(post));
    // assess
    expect(back).toEqual(post);
  });

  it('encodes only known fields, in a fixed order', () => {
    // prepare
    const post = { ...makePost(), debug: 'secret' } as ReturnType<typeof makePost>;
    // act
    const json = new TextDecoder().decode(encodePost(post));
    // assess
    expect(json).toBe(
      '{"schemaVersion":1,"postId":"post-1","source":"x","author":{"id":"u-1","handle":"alice"},' +
        '"text":"Loving #serverless on @aws today https://example.com","createdAt":"2024-05-01T12:00:00Z","lang":"en"}',
    );
  });

  it('refuses to encode an invalid post', () => {
    expect(() => encodePost(makePost({ postId: '' }))).toThrow(SchemaViolationError);
  });

  it('accepts a UTF-8 byte-order mark', () => {
    // prepare
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...encodePost(makePost())]);
    // act / assess
    expect(decodePost(bytes)).toEqual(makePost());
  });
});

describe('decodePost errors', () => {
  it.each([
    ['a lone continuation byte', [0x7b, 0x80], 1],
    ['an overlong encoding', [0x22, 0xc0, 0xae, 0x22], 1],
    ['an encoded surrogate', [0x22, 0x61, 0xed, 0xa0, 0x80, 0x22], 2],
    ['a truncated sequence', [0x22, 0xe2, 0x82], 1],
    ['a code point past U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
  ])('NotUtf8Error for %s, naming the offset', (_label, bytes, offset) => {
    // act
    const err = thrownBy(() => decodePost(new Uint8Array(bytes)));
    // assess
    expect(err).toBeInstanceOf(NotUtf8Error);
    expect(err).toMatchObject({ reason: POISON_REASONS.NOT_UTF8, byteOffset: offset, name: 'NotUtf8Error' });
  });

  it.each(['', '{', '{"a":1} x', 'NaN', "{'a':1}"])('NotJsonError for %j', (text) => {
    // act
    const err = thrownBy(() => decodePost(utf8(text)));
    // assess
    expect(err).toBeInstanceOf(NotJsonError);
    expect(err).toMatchObject({ reason: 'not-json' });
    expect((err as Error).message).toMatch(/^record is not JSON: /);
  });

  it('TooLargeError past maxBytes, before any decoding', () => {
    // prepare: bytes that are not even UTF-8, to show the size check comes first
    const bytes = new Uint8Array(11).fill(0xff);
    // act
    const err = thrownBy(() => decodePost(bytes, { maxBytes: 10 }));
    // assess
    expect(err).toBeInstanceOf(TooLargeError);
    expect(err).toMatchObject({ reason: 'too-large', byteLength: 11, maxBytes: 10 });
    expect((err as Error).message).toBe('record is 11 bytes, more than the maximum of 10');
  });

  it('defaults maxBytes to 256 KiB, far above any valid post', () => {
    // prepare
    const bytes = new Uint8Array(DEFAULT_MAX_RECORD_BYTES + 1).fill(0x20);
    // act / assess
    expect(DEFAULT_MAX_RECORD_BYTES).toBe(262_144);
    expect(thrownBy(() => decodePost(bytes))).toBeInstanceOf(TooLargeError);
  });

  it('rejects a nonsensical maxBytes with a RangeError, not a poison error', () => {
    expect(() => decodePost(utf8('{}'), { maxBytes: 0 })).toThrow(RangeError);
  });

  it('UnknownVersionError for a newer schema version, with a clear message', () => {
    // prepare
    const bytes = utf8(JSON.stringify({ ...makePost(), schemaVersion: 2, newField: true }));
    // act
    const err = thrownBy(() => decodePost(bytes));
    // assess
    expect(err).toBeInstanceOf(UnknownVersionError);
    expect(err).toMatchObject({ reason: 'unknown-version', schemaVersion: 2, maxSupported: 1 });
    expect((err as Error).message).toBe('schema version 2 is newer than this build understands (max 1)');
  });

  it.each([0, '1', null, 1.5])('SchemaViolationError for schemaVersion %j', (schemaVersion) => {
    // act
    const err = thrownBy(() => decodePost(utf8(JSON.stringify({ ...makePost(), schemaVersion }))));
    // assess
    expect(err).toBeInstanceOf(SchemaViolationError);
    expect((err as SchemaViolationError).issues.map((i) => i.path)).toEqual(['schemaVersion']);
  });

  it('SchemaViolationError lists all issues with paths', () => {
    // prepare
    const bytes = utf8(JSON.stringify({ ...makePost(), author: { handle: '' }, engagement: { likes: -1 } }));
    // act
    const err = thrownBy(() => decodePost(bytes)) as SchemaViolationError;
    // assess
    expect(err).toBeInstanceOf(PoisonRecordError);
    expect(err.reason).toBe('schema-violation');
    expect(err.issues).toEqual([
      { path: 'author.id', message: 'expected non-empty string, got nothing (required)' },
      { path: 'author.handle', message: 'expected non-empty string, got ""' },
      { path: 'engagement.likes', message: 'expected non-negative safe integer, got -1' },
    ]);
    expect(err.message).toContain('author.handle: expected non-empty string');
  });

  it('caps the issues spelled out in the message but keeps them all', () => {
    // prepare: twelve problems
    const bad = {
      schemaVersion: 1,
      author: {},
      engagement: { likes: -1, reposts: -1, replies: -1 },
      lang: '?',
      editedAt: 1,
    };
    // act
    const err = thrownBy(() => decodePost(utf8(JSON.stringify(bad)))) as SchemaViolationError;
    // assess
    expect(err.issues.length).toBe(11);
    expect(err.message).toMatch(/; and 1 more$/);
  });
});

describe('postVersionKey', () => {
  it('normalises editedAt ?? createdAt to fixed-width UTC', () => {
    expect(postVersionKey(makePost({ createdAt: '2024-05-01T12:00:00+02:00' }))).toBe('2024-05-01T10:00:00.000000000Z');
    expect(postVersionKey(makePost({ editedAt: '2024-05-01T12:00:00.5Z' }))).toBe('2024-05-01T12:00:00.500000000Z');
  });

  it('orders as strings the way the instants order, across offsets', () => {
    // prepare: 09:59:59.999 UTC written with +05:00 vs 10:00:00 UTC written with Z
    const earlier = postVersionKey(makePost({ createdAt: '2024-05-01T14:59:59.999+05:00' }));
    const later = postVersionKey(makePost({ createdAt: '2024-05-01T10:00:00Z' }));
    // assess
    expect(earlier < later).toBe(true);
    expect('2024-05-01T14:59:59.999+05:00' < '2024-05-01T10:00:00Z').toBe(false);
  });

  it('throws a SchemaViolationError naming the field for an unvalidated, invalid post', () => {
    expect(() => postVersionKey(makePost({ editedAt: 'soon' }))).toThrow('editedAt: expected ISO 8601');
  });
});
