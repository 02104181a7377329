// Bad input sweep, consumer: hostile stream records (oversized, deeply nested, not UTF-8,
// prototype-pollution keys, out-of-range numbers, wrong types, BOM, NUL, control characters or
// blanks in identifiers, corrupt aggregates, event records without data) are each quarantined
// with a reason; the batch reports no failure, the post stored before the batch is unchanged
// and Object.prototype stays clean.
import { InMemoryPostsRepository, InMemoryQuarantineRepository } from '@streamlens/repositories/testing';
import type { SocialPost } from '@streamlens/schemas';
import type { KinesisStreamRecord } from 'aws-lambda';
import { encodeAggregatedRecord } from '@streamlens/kinesis';
import { makeSocialPost } from '@streamlens/testing';
import { makeRecordProcessor } from '../../src/record-processor';
import { RecordingLogger, RecordingMetrics } from '../helpers/fakes';
import { SHARD_ID, aggregateRecord, kinesisEvent, kinesisRecord, postRecord, seq } from '../helpers/records';

const NOW = Date.UTC(2025, 0, 15, 12, 0, 1, 0);
const DEPTH = 100_000;
const MAX_RECORD_BYTES = 256 * 1024;

// Every post-shaped hostile record reuses the stored post's id with a LATER editedAt: were it
// accepted, it would replace the stored version, so "unchanged" really tests something.
const STORED: SocialPost = makeSocialPost({ postId: 'stored-1', createdAt: '2025-01-15T11:00:00Z' }, 5);
const NEWER = { ...STORED, editedAt: '2025-01-15T11:59:00Z', text: 'hijacked #pwned' };

const utf8 = (s: string) => Buffer.from(s, 'utf8');
const bytes = (...b: number[]) => Buffer.from(b);
const KPL_MAGIC = [0xf3, 0x89, 0x9a, 0xc2];

/** JSON text of the newer version with `extra` spliced in as raw members (real own keys). */
function newerWith(extra: string): string {
  return `${JSON.stringify(NEWER).slice(0, -1)},${extra}}`;
}

/** JSON text of the newer version with dotted `path` replaced by raw JSON `value`. */
function newerWithRaw(path: string, value: string): string {
  const copy = JSON.parse(JSON.stringify(NEWER)) as Record<string, unknown>;
  const [head, tail] = path.split('.') as [string, string | undefined];
  if (tail === undefined) copy[head] = '@@RAW@@';
  else copy[head] = { ...((copy[head] as object | undefined) ?? {}), [tail]: '@@RAW@@' };
  return JSON.stringify(copy).replace('"@@RAW@@"', value);
}

interface HostileCase {
  readonly name: string;
  /** The record's bytes; for a case that breaks the event record, what quarantine stores. */
  readonly payload: () => Uint8Array;
  /** Breaks the Lambda event record itself after it is built around payload(). */
  readonly breakRecord?: (kinesis: Record<string, unknown>) => void;
  readonly reason: string;
  readonly details: RegExp;
}

/** The Lambda event record of a case. */
function caseRecord(
  c: HostileCase,
  sequenceNumber: string,
  options: { partitionKey?: string } = {},
): KinesisStreamRecord {
  const record = kinesisRecord(c.payload(), sequenceNumber, options);
  c.breakRecord?.(record.kinesis as unknown as Record<string, unknown>);
  return record;
}

const NO_BYTES = () => new Uint8Array(0);

const CASES: HostileCase[] = [
  {
    name: 'record over the size limit',
    payload: () => utf8(newerWithRaw('text', JSON.stringify('x'.repeat(MAX_RECORD_BYTES)))),
    reason: 'too-large',
    details: /262144/,
  },
  { name: 'empty payload', payload: () => new Uint8Array(0), reason: 'not-json', details: /JSON/ },
  { name: 'whitespace payload', payload: () => utf8(' \n\t'), reason: 'not-json', details: /JSON/ },
  { name: `${DEPTH} unclosed [`, payload: () => utf8('['.repeat(DEPTH)), reason: 'not-json', details: /JSON/ },
  {
    name: `${DEPTH} nested arrays, closed`,
    payload: () => utf8(`${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`),
    reason: 'schema-violation',
    details: /expected object, got array/,
  },
  // 50,000 levels: 100,000 would not fit under the record limit.
  {
    name: `${DEPTH / 2} nested objects, closed`,
    payload: () => utf8(`${'{"":'.repeat(DEPTH / 2)}1${'}'.repeat(DEPTH / 2)}`),
    reason: 'schema-violation',
    details: /postId/,
  },
  {
    name: `${DEPTH} nested arrays as the author`,
    payload: () => utf8(newerWithRaw('author', `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`)),
    reason: 'schema-violation',
    details: /author/,
  },
  {
    name: 'invalid UTF-8: lone 0xFF',
    payload: () => Buffer.concat([utf8(newerWith('"x":"')), bytes(0xff), utf8('"}')]),
    reason: 'not-utf8',
    details: /UTF-8/,
  },
  {
    name: 'invalid UTF-8: overlong NUL C0 80',
    payload: () => bytes(0x22, 0xc0, 0x80, 0x22),
    reason: 'not-utf8',
    details: /UTF-8/,
  },
  {
    name: 'invalid UTF-8: encoded surrogate ED A0 80',
    payload: () => bytes(0x22, 0xed, 0xa0, 0x80, 0x22),
    reason: 'not-utf8',
    details: /UTF-8/,
  },
  {
    name: 'invalid UTF-8: truncated at the end',
    payload: () => Buffer.concat([utf8('{"text":"'), bytes(0xe2, 0x82)]),
    reason: 'not-utf8',
    details: /UTF-8/,
  },
  {
    name: 'two BOMs before a post (the decoder strips one)',
    payload: () => Buffer.concat([bytes(0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf), utf8(JSON.stringify(NEWER))]),
    reason: 'not-json',
    details: /JSON/,
  },
  {
    name: 'raw NUL byte between members',
    payload: () => utf8(newerWith('\u0000"x":1')),
    reason: 'not-json',
    details: /JSON/,
  },
  { name: 'NUL bytes only', payload: () => new Uint8Array(16), reason: 'not-json', details: /JSON/ },
  {
    name: 'top-level __proto__',
    payload: () => utf8(newerWith('"__proto__":{"polluted":true}')),
    reason: 'schema-violation',
    details: /__proto__: forbidden key/,
  },
  {
    name: 'top-level constructor',
    payload: () => utf8(newerWith('"constructor":{"prototype":{"polluted":true}}')),
    reason: 'schema-violation',
    details: /constructor: forbidden key/,
  },
  {
    name: 'top-level prototype',
    payload: () => utf8(newerWith('"prototype":{"polluted":true}')),
    reason: 'schema-violation',
    details: /prototype: forbidden key/,
  },
  {
    name: '__proto__ inside author',
    payload: () =>
      utf8(newerWithRaw('author', `{"id":"${STORED.author.id}","handle":"h","__proto__":{"polluted":true}}`)),
    reason: 'schema-violation',
    details: /author\.__proto__: forbidden key/,
  },
  {
    name: 'constructor inside engagement',
    payload: () => utf8(newerWithRaw('engagement', '{"likes":1,"constructor":{"prototype":{"polluted":true}}}')),
    reason: 'schema-violation',
    details: /engagement\.constructor: forbidden key/,
  },
  {
    name: 'engagement.likes 1e309',
    payload: () => utf8(newerWithRaw('engagement', '{"likes":1e309}')),
    reason: 'schema-violation',
    details: /engagement\.likes.*Infinity/,
  },
  {
    name: 'engagement.likes -1',
    payload: () => utf8(newerWithRaw('engagement', '{"likes":-1}')),
    reason: 'schema-violation',
    details: /engagement\.likes.*-1/,
  },
  {
    name: 'engagement.likes 2^53+1',
    payload: () => utf8(newerWithRaw('engagement', '{"likes":9007199254740993}')),
    reason: 'schema-violation',
    details: /engagement\.likes/,
  },
  {
    name: 'engagement.reposts "NaN"',
    payload: () => utf8(newerWithRaw('engagement', '{"reposts":"NaN"}')),
    reason: 'schema-violation',
    details: /engagement\.reposts.*"NaN"/,
  },
  {
    name: 'bare NaN literal',
    payload: () => utf8(newerWithRaw('engagement', '{"likes":NaN}')),
    reason: 'not-json',
    details: /JSON/,
  },
  {
    name: 'schemaVersion 2',
    payload: () => utf8(newerWithRaw('schemaVersion', '2')),
    reason: 'unknown-version',
    details: /2/,
  },
  {
    name: 'schemaVersion 2^53+1',
    payload: () => utf8(newerWithRaw('schemaVersion', '9007199254740993')),
    reason: 'unknown-version',
    details: /9007199254740992/,
  },
  {
    name: 'schemaVersion 1e309',
    payload: () => utf8(newerWithRaw('schemaVersion', '1e309')),
    reason: 'schema-violation',
    details: /schemaVersion.*Infinity/,
  },
  {
    name: 'schemaVersion "1"',
    payload: () => utf8(newerWithRaw('schemaVersion', '"1"')),
    reason: 'schema-violation',
    details: /schemaVersion/,
  },
  {
    name: 'editedAt as a number',
    payload: () => utf8(newerWithRaw('editedAt', '1736942340000')),
    reason: 'schema-violation',
    details: /editedAt/,
  },
  {
    name: 'author as an array',
    payload: () => utf8(newerWithRaw('author', '[]')),
    reason: 'schema-violation',
    details: /author.*array/,
  },
  {
    name: 'author null',
    payload: () => utf8(newerWithRaw('author', 'null')),
    reason: 'schema-violation',
    details: /author.*null/,
  },
  {
    name: 'text as a number',
    payload: () => utf8(newerWithRaw('text', '42')),
    reason: 'schema-violation',
    details: /text.*42/,
  },
  { name: 'payload null', payload: () => utf8('null'), reason: 'schema-violation', details: /null/ },
  {
    name: 'payload an array of the post',
    payload: () => utf8(`[${JSON.stringify(NEWER)}]`),
    reason: 'schema-violation',
    details: /array/,
  },
  { name: 'payload a string', payload: () => utf8('"post"'), reason: 'schema-violation', details: /"post"/ },
  { name: 'payload {}', payload: () => utf8('{}'), reason: 'schema-violation', details: /postId/ },
  {
    name: 'postId of 200,000 characters',
    payload: () => utf8(newerWithRaw('postId', JSON.stringify('p'.repeat(200_000)))),
    reason: 'schema-violation',
    details: /postId.*200000/,
  },
  {
    name: 'a 200,000-character key in place of the handle',
    payload: () => utf8(newerWithRaw('author', `{"id":"a",${JSON.stringify('h'.repeat(200_000))}:"x"}`)),
    reason: 'schema-violation',
    details: /author\.handle/,
  },
  // Identifiers must be printable and not blank: each of these would otherwise be stored
  // (the handle cases as a newer version of the stored post, the id cases as a new key).
  {
    name: 'postId with an escaped NUL',
    payload: () => utf8(newerWithRaw('postId', JSON.stringify(`${STORED.postId}\u0000`))),
    reason: 'schema-violation',
    details: /postId: must not contain control characters \(found U\+0000 at index 8\)/,
  },
  {
    name: 'postId with an ANSI escape',
    payload: () => utf8(newerWithRaw('postId', JSON.stringify('\u001b[2Kstored-1'))),
    reason: 'schema-violation',
    details: /postId: must not contain control characters \(found U\+001B at index 0\)/,
  },
  {
    name: 'postId of spaces only',
    payload: () => utf8(newerWithRaw('postId', '"   "')),
    reason: 'schema-violation',
    details: /postId: must not be blank/,
  },
  {
    name: 'author.handle with an escaped NUL',
    payload: () => utf8(newerWithRaw('author', `{"id":"${STORED.author.id}","handle":"adm\\u0000in"}`)),
    reason: 'schema-violation',
    details: /author\.handle: must not contain control characters \(found U\+0000 at index 3\)/,
  },
  {
    name: 'author.handle of spaces and a tab',
    payload: () => utf8(newerWithRaw('author', `{"id":"${STORED.author.id}","handle":" \\t "}`)),
    reason: 'schema-violation',
    details: /author\.handle: must not contain control characters \(found U\+0009 at index 1\)/,
  },
  {
    name: 'author.handle of spaces only',
    payload: () => utf8(newerWithRaw('author', `{"id":"${STORED.author.id}","handle":"   "}`)),
    reason: 'schema-violation',
    details: /author\.handle: must not be blank/,
  },
  {
    name: 'author.handle of Unicode spaces only',
    payload: () => utf8(newerWithRaw('author', `{"id":"${STORED.author.id}","handle":"\\u3000\\u00a0"}`)),
    reason: 'schema-violation',
    details: /author\.handle: must not be blank/,
  },
  // A record without base64 data has no bytes to decode, on every redelivery: poison, not a retry.
  {
    name: 'event record without data',
    payload: NO_BYTES,
    breakRecord: (k) => delete k['data'],
    reason: 'missing-data',
    details: /kinesis\.data is missing, expected a base64 string/,
  },
  {
    name: 'event record with data null',
    payload: NO_BYTES,
    breakRecord: (k) => (k['data'] = null),
    reason: 'missing-data',
    details: /kinesis\.data is null, expected a base64 string/,
  },
  {
    name: 'event record with data a number',
    payload: NO_BYTES,
    breakRecord: (k) => (k['data'] = 42),
    reason: 'missing-data',
    details: /kinesis\.data is a number, expected a base64 string/,
  },
  {
    name: 'event record with data a Buffer-like object',
    payload: NO_BYTES,
    breakRecord: (k) => (k['data'] = { type: 'Buffer', data: [123, 125] }),
    reason: 'missing-data',
    details: /kinesis\.data is an object, expected a base64 string/,
  },
  // Lenient base64 decoding would silently drop or remap these characters and store other bytes.
  {
    name: 'data that is not base64 (a "!" inside)',
    payload: NO_BYTES,
    breakRecord: (k) => (k['data'] = 'eyJh!IjoxfQ=='),
    reason: 'not-base64',
    details: /kinesis\.data is not base64: character "!" \(U\+0021\) at offset 4/,
  },
  {
    name: 'data in base64url',
    payload: NO_BYTES,
    breakRecord: (k) => (k['data'] = Buffer.from(utf8(JSON.stringify(NEWER))).toString('base64url')),
    reason: 'not-base64',
    details: /kinesis\.data is not base64/,
  },
  {
    name: 'data with a line break',
    payload: NO_BYTES,
    breakRecord: (k) => (k['data'] = 'eyJhIjox\nfQ=='),
    reason: 'not-base64',
    details: /character "\\n" \(U\+000A\) at offset 8/,
  },
  {
    name: 'KPL magic followed by garbage',
    payload: () => bytes(...KPL_MAGIC, 0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, ...new Array<number>(16).fill(0)),
    reason: 'corrupt-aggregate',
    details: /./,
  },
  { name: 'KPL magic only', payload: () => bytes(...KPL_MAGIC), reason: 'corrupt-aggregate', details: /./ },
];

function setup() {
  const posts = new InMemoryPostsRepository({ ttlDays: 30 });
  const quarantine = new InMemoryQuarantineRepository({ ttlDays: 30 });
  const process = makeRecordProcessor({
    posts,
    quarantine,
    clock: () => NOW,
    logger: new RecordingLogger(),
    metrics: new RecordingMetrics(),
  });
  return { posts, quarantine, process };
}

/** Sets up the repositories with STORED written through the processor itself. */
async function seeded() {
  const deps = setup();
  const response = await deps.process(kinesisEvent([postRecord(STORED, seq(1))]));
  expect(response).toEqual({ batchItemFailures: [] });
  return { ...deps, before: structuredClone(deps.posts.snapshot()) };
}

describe('record processor: hostile input sweep', () => {
  afterEach(() => {
    // assess (every case): nothing polluted the shared prototype
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it.each(CASES)('quarantines $name as $reason', async (hostile) => {
    const { payload, reason, details } = hostile;
    // prepare
    const { posts, quarantine, process, before } = await seeded();
    const data = payload();
    const record = caseRecord(hostile, seq(2), { partitionKey: STORED.postId });

    // act
    const response = await process(kinesisEvent([record]));

    // assess
    expect(response).toEqual({ batchItemFailures: [] });
    const parked = await quarantine.listAll();
    expect(parked).toHaveLength(1);
    expect(parked[0]).toMatchObject({
      shardId: SHARD_ID,
      sequenceNumber: seq(2),
      reason,
      payloadBytes: data.byteLength,
    });
    expect(parked[0]?.errorDetails).toMatch(details);
    expect(posts.snapshot()).toEqual(before);
    expect((await posts.getPost(STORED.postId))?.post).toEqual(STORED);
  });

  it('quarantines every hostile sub-record of one KPL aggregate with its index, and stores the valid one', async () => {
    // prepare
    const { posts, quarantine, process, before } = await seeded();
    const other = makeSocialPost({ postId: 'other-1' }, 9);
    const subs = [
      utf8(newerWith('"__proto__":{"polluted":true}')),
      utf8('['.repeat(DEPTH)),
      utf8(JSON.stringify(other)),
      bytes(0xff),
      utf8(newerWithRaw('engagement', '{"likes":1e309}')),
    ];

    // act
    const response = await process(kinesisEvent([aggregateRecord(subs, seq(2))]));

    // assess
    expect(response).toEqual({ batchItemFailures: [] });
    const parked = await quarantine.listAll();
    expect(parked.map((r) => [r.subSequenceNumber, r.reason])).toEqual([
      [0, 'schema-violation'],
      [1, 'not-json'],
      [3, 'not-utf8'],
      [4, 'schema-violation'],
    ]);
    expect((await posts.getPost(STORED.postId))?.post).toEqual(STORED);
    expect((await posts.getPost(other.postId))?.post).toEqual(other);
    expect(posts.snapshot()).toEqual(expect.arrayContaining(before));
  });

  it('quarantines a whole batch of hostile records at once, one entry each, with no failure', async () => {
    // prepare
    const { posts, quarantine, process, before } = await seeded();
    const records = CASES.map((c, i) => caseRecord(c, seq(10 + i)));

    // act
    const response = await process(kinesisEvent(records));

    // assess
    expect(response).toEqual({ batchItemFailures: [] });
    const parked = await quarantine.listAll();
    expect(parked.map((r) => [r.sequenceNumber, r.reason])).toEqual(CASES.map((c, i) => [seq(10 + i), c.reason]));
    expect(posts.snapshot()).toEqual(before);
  });

  it('quarantines as one corrupt aggregate a KPL record of user records too small to be posts', async () => {
    // prepare: 2,000 empty user records in one aggregate (each would be its own quarantine write)
    const { posts, quarantine, process, before } = await seeded();
    const record = aggregateRecord(
      Array.from({ length: 2_000 }, () => new Uint8Array(0)),
      seq(2),
    );
    // act
    const response = await process(kinesisEvent([record]));
    // assess
    expect(response).toEqual({ batchItemFailures: [] });
    const parked = await quarantine.listAll();
    expect(parked).toHaveLength(1);
    expect(parked[0]).toMatchObject({ sequenceNumber: seq(2), reason: 'corrupt-aggregate' });
    expect(parked[0]?.subSequenceNumber).toBeUndefined();
    expect(parked[0]?.errorDetails).toMatch(/2000 user records in \d+ bytes/);
    expect(posts.snapshot()).toEqual(before);
  });

  it('stores a valid post inside an aggregate whose partition keys are huge', async () => {
    // prepare: a 1 MB partition key in the aggregate's key table and in the event record
    const { posts, process } = await seeded();
    const other = makeSocialPost({ postId: 'huge-key' }, 11);
    const aggregate = encodeAggregatedRecord([
      { partitionKey: 'k'.repeat(1_000_000), data: utf8(JSON.stringify(other)) },
    ]);
    const record = kinesisRecord(aggregate, seq(2), { partitionKey: 'p'.repeat(1_000_000) });
    // act
    const response = await process(kinesisEvent([record]));
    // assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect((await posts.getPost('huge-key'))?.post).toEqual(other);
  });
});

/** Breaks the envelope of an event record (what Lambda itself puts around the data). */
interface EnvelopeCase {
  readonly name: string;
  readonly broken: (record: Record<string, unknown>, kinesis: Record<string, unknown>) => unknown;
  /** The record's own sequence number is still readable. */
  readonly ownSequence: boolean;
  readonly details: string;
}

const ENVELOPE_CASES: EnvelopeCase[] = [
  { name: 'the record is null', broken: () => null, ownSequence: false, details: 'record is null, expected an object' },
  { name: 'the record is a number', broken: () => 7, ownSequence: false, details: 'record is 7, expected an object' },
  {
    name: 'the record is an array',
    broken: () => [],
    ownSequence: false,
    details: 'record is an array, expected an object',
  },
  {
    name: 'kinesis is missing',
    broken: (r) => ({ ...r, kinesis: undefined }),
    ownSequence: false,
    details: 'kinesis is missing, expected an object',
  },
  {
    name: 'kinesis is null',
    broken: (r) => ({ ...r, kinesis: null }),
    ownSequence: false,
    details: 'kinesis is null, expected an object',
  },
  {
    name: 'kinesis is an array',
    broken: (r) => ({ ...r, kinesis: [] }),
    ownSequence: false,
    details: 'kinesis is an array, expected an object',
  },
  {
    name: 'kinesis is a number',
    broken: (r) => ({ ...r, kinesis: 12 }),
    ownSequence: false,
    details: 'kinesis is 12, expected an object',
  },
  {
    name: 'eventID is missing',
    broken: (r) => ({ ...r, eventID: undefined }),
    ownSequence: true,
    details: 'eventID is missing, expected "<shardId>:<sequenceNumber>"',
  },
  {
    name: 'eventID has no shard',
    broken: (r) => ({ ...r, eventID: ':123' }),
    ownSequence: true,
    details: 'eventID is ":123", expected "<shardId>:<sequenceNumber>"',
  },
  {
    name: 'eventID has a 3,000-character shard (over a key limit once stored)',
    broken: (r) => ({ ...r, eventID: `${'s'.repeat(3000)}:1` }),
    ownSequence: true,
    details: 'eventID is a string of 3002 characters, expected "<shardId>:<sequenceNumber>"',
  },
  {
    name: 'sequenceNumber is missing',
    broken: (r, k) => ({ ...r, kinesis: { ...k, sequenceNumber: undefined } }),
    ownSequence: false,
    details: 'kinesis.sequenceNumber is missing, expected 1–129 decimal digits',
  },
  {
    name: 'sequenceNumber is not digits',
    broken: (r, k) => ({ ...r, kinesis: { ...k, sequenceNumber: '12e4' } }),
    ownSequence: false,
    details: 'kinesis.sequenceNumber is "12e4", expected 1–129 decimal digits',
  },
  {
    name: 'sequenceNumber has 130 digits',
    broken: (r, k) => ({ ...r, kinesis: { ...k, sequenceNumber: '9'.repeat(130) } }),
    ownSequence: false,
    details: 'kinesis.sequenceNumber is a string of 130 characters, expected 1–129 decimal digits',
  },
  {
    name: 'approximateArrivalTimestamp is missing',
    broken: (r, k) => ({ ...r, kinesis: { ...k, approximateArrivalTimestamp: undefined } }),
    ownSequence: true,
    details: 'kinesis.approximateArrivalTimestamp is missing, expected epoch seconds',
  },
  {
    name: 'approximateArrivalTimestamp is a string',
    broken: (r, k) => ({ ...r, kinesis: { ...k, approximateArrivalTimestamp: '1700000000' } }),
    ownSequence: true,
    details: 'kinesis.approximateArrivalTimestamp is "1700000000", expected epoch seconds',
  },
  {
    name: 'approximateArrivalTimestamp is NaN',
    broken: (r, k) => ({ ...r, kinesis: { ...k, approximateArrivalTimestamp: Number.NaN } }),
    ownSequence: true,
    details: 'kinesis.approximateArrivalTimestamp is NaN, expected epoch seconds',
  },
  {
    name: 'approximateArrivalTimestamp is negative',
    broken: (r, k) => ({ ...r, kinesis: { ...k, approximateArrivalTimestamp: -1 } }),
    ownSequence: true,
    details: 'kinesis.approximateArrivalTimestamp is -1, expected epoch seconds',
  },
];

describe('record processor: malformed event records', () => {
  it.each(ENVELOPE_CASES)(
    "quarantines a record whose $name under its batch's shard and position, and stores its neighbours",
    async ({ broken, ownSequence, details }) => {
      // prepare: a valid post before and after the broken record
      const { posts, quarantine, process, before } = await seeded();
      const first = makeSocialPost({ postId: 'first' }, 21);
      const last = makeSocialPost({ postId: 'last' }, 22);
      const good = postRecord(STORED, seq(3));
      const record = broken(
        good as unknown as Record<string, unknown>,
        good.kinesis as unknown as Record<string, unknown>,
      );
      const event = kinesisEvent([postRecord(first, seq(2)), record as KinesisStreamRecord, postRecord(last, seq(4))]);
      // act
      const response = await process(event);
      // assess
      expect(response).toEqual({ batchItemFailures: [] });
      expect((await posts.getPost('first'))?.post).toEqual(first);
      expect((await posts.getPost('last'))?.post).toEqual(last);
      expect((await posts.getPost(STORED.postId))?.post).toEqual(STORED);
      const parked = await quarantine.listAll();
      expect(parked).toHaveLength(1);
      expect(parked[0]).toMatchObject({
        shardId: SHARD_ID,
        sequenceNumber: ownSequence ? seq(3) : seq(2),
        eventPosition: 1,
        reason: 'malformed-event-record',
        errorDetails: `Kinesis event record #1 of the batch: ${details}`,
      });
      expect(posts.snapshot()).toEqual(expect.arrayContaining(before));
    },
  );

  it('quarantines a batch in which no record names its shard under "unknown-shard", one entry per record', async () => {
    // prepare
    const { quarantine, process } = setup();
    const records = [null, { eventID: 'x' }, 5].map((r) => r as unknown as KinesisStreamRecord);
    // act
    const response = await process(kinesisEvent(records));
    // assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect((await quarantine.listAll()).map((r) => [r.shardId, r.sequenceNumber, r.eventPosition])).toEqual([
      ['unknown-shard', '0', 0],
      ['unknown-shard', '0', 1],
      ['unknown-shard', '0', 2],
    ]);
  });
});
