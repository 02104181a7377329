// Every post the schema accepts is storable (#16 defect 1, as a property): records generated at
// the boundaries of every field — lengths in UTF-16 units, code points and UTF-8 bytes, hashtags
// just under and over the indexable size (and far over: a 2,045-character tag), thousands of
// hashtags, long mentions, language tags, instants at the ends of the range with any offset and
// precision, counters at the safe-integer limit — go through the record processor into real
// dynalite. Each one is either rejected by the schema (quarantined as schema-violation) or stored
// exactly as decoded with an exact hashtag index; no record fails, none is lost.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable, makeDynamoClient, startDynalite, type RunningEmulator } from '@streamlens/emulators';
import { DynamoPostsReader, DynamoPostsWriter, DynamoQuarantineRepository } from '@streamlens/repositories';
import { auditPostsIndex } from '@streamlens/repositories/testing';
import { validateSocialPost } from '@streamlens/schemas';
import { TABLE_SPECS } from '@streamlens/tables';
import fc from 'fast-check';
import { makeRecordProcessor } from '../../src/record-processor';
import { RecordingLogger, RecordingMetrics } from '../helpers/fakes';
import { kinesisEvent, kinesisRecord, seq } from '../helpers/records';

jest.setTimeout(300_000);

let dynalite: RunningEmulator;
let client: DynamoDBClient;
let tableSeq = 0;

beforeAll(async () => {
  dynalite = await startDynalite();
  client = makeDynamoClient(dynalite.endpoint);
});

afterAll(async () => {
  client?.destroy();
  await dynalite?.close();
});

// One character per width class: 1 UTF-16 unit of 1, 2 or 3 UTF-8 bytes, or 2 units (one code
// point) of 4 bytes.
const WIDTHS = { ascii: 'a', latin: 'é', cjk: '日', astral: '😀' } as const;
type Width = keyof typeof WIDTHS;
const widthArb = fc.constantFrom<Width>('ascii', 'latin', 'cjk', 'astral');

/** A string of exactly `units` UTF-16 units, starting with a unique `tag`, filled with `width`. */
function ofUnits(tag: string, units: number, width: Width): string {
  let s = tag;
  const c = WIDTHS[width];
  while (s.length + c.length <= units) s += c;
  while (s.length < units) s += 'a';
  return s.slice(0, Math.max(units, 0));
}

/** Lengths at a limit: the minimum, just under, at (mostly), and now and then just over. */
const around = (max: number) =>
  fc.oneof({ arbitrary: fc.constantFrom(1, max - 1, max), weight: 12 }, { arbitrary: fc.constant(max + 1), weight: 1 });

/** A valid value mostly, an invalid one now and then. */
const mostly = <T>(valid: readonly T[], invalid: readonly T[]) =>
  fc.oneof({ arbitrary: fc.constantFrom(...valid), weight: 12 }, { arbitrary: fc.constantFrom(...invalid), weight: 1 });

// Hashtags by UTF-8 size around the indexable limit (100 bytes), far over it, and many at once.
const hashtagArb = fc.oneof(
  fc.constantFrom(99, 100, 101).map((n) => `#${'a'.repeat(n)}`),
  fc.constantFrom(49, 50, 51).map((n) => `#${'é'.repeat(n)}`),
  fc.constantFrom(33, 34).map((n) => `#${'日'.repeat(n)}`),
  fc.constant(`#${'a'.repeat(2045)}`),
  fc.constant('#Café #CAFE\u0301 #東京 #i\u0307stanbul'),
  fc.integer({ min: 150, max: 1600 }).map((n) => Array.from({ length: n }, (_, i) => `#t${i}`).join(' ')),
);

const instantArb = fc.constantFrom(
  '0000-01-01T00:00:00Z',
  '0000-01-01T23:59:59.999999999+23:59',
  '9999-12-31T23:59:59.999999999Z',
  '9999-12-31T00:00:00-23:59',
  '2025-01-15T12:00:00.000600+00:00',
  '2025-01-15T12:00:00.1+01:00',
  '2025-02-29T00:00:00Z',
);

const postArb = (n: number) =>
  fc
    .record({
      idUnits: around(128),
      idWidth: widthArb,
      authorUnits: around(128),
      authorWidth: widthArb,
      handleUnits: around(64),
      handleWidth: widthArb,
      textUnits: mostly([0, 9_999, 10_000], [10_001]),
      textWidth: widthArb,
      hashtags: hashtagArb,
      mention: fc.constantFrom('', '@ana', `@${'m'.repeat(60)}`),
      lang: fc.constantFrom(
        undefined,
        'en',
        'zh-Hant-TW',
        'abc-12345678-12345678-12345678-1234',
        'abc-12345678-12345678-12345678-12345',
      ),
      createdAt: instantArb,
      // Mostly absent or the same instant; an instant before createdAt is rejected.
      editedAt: fc.oneof(
        { arbitrary: fc.constant<string | undefined>(undefined), weight: 4 },
        { arbitrary: fc.constant<string | undefined>('same'), weight: 4 },
        { arbitrary: instantArb, weight: 1 },
      ),
      likes: mostly([undefined, 0, Number.MAX_SAFE_INTEGER], [Number.MAX_SAFE_INTEGER + 1]),
    })
    .map((r) => {
      // One UTF-16 unit, unique per record: ids stay distinct at every length, even 1.
      const prefix = String.fromCharCode(0x4e00 + (n % 20_000));
      const head = `${r.hashtags} ${r.mention} `;
      const text = r.textUnits === 0 ? '' : head + ofUnits('', Math.max(0, r.textUnits - head.length), r.textWidth);
      return {
        schemaVersion: 1,
        postId: ofUnits(prefix, r.idUnits, r.idWidth),
        source: 'x',
        author: {
          id: ofUnits(prefix, r.authorUnits, r.authorWidth),
          handle: ofUnits('h', r.handleUnits, r.handleWidth),
        },
        text: r.textUnits === 0 ? '' : text.slice(0, r.textUnits),
        ...(r.lang === undefined ? {} : { lang: r.lang }),
        createdAt: r.createdAt,
        ...(r.editedAt === undefined ? {} : { editedAt: r.editedAt === 'same' ? r.createdAt : r.editedAt }),
        ...(r.likes === undefined ? {} : { engagement: { likes: r.likes } }),
      };
    });

let runs = 0;

it('stores every post the schema accepts and quarantines every one it rejects, against dynalite', async () => {
  const stats = { stored: 0, rejected: 0 };
  await fc.assert(
    fc.asyncProperty(
      fc
        .array(fc.integer(), { minLength: 1, maxLength: 4 })
        .chain((ns) => fc.tuple(...ns.map((_, i) => postArb(runs * 10 + i)))),
      async (posts) => {
        runs += 1;
        // prepare
        const postsTable = `bound-${++tableSeq}-posts`;
        const quarantineTable = `bound-${tableSeq}-q`;
        await ensureTable(client, postsTable, TABLE_SPECS.posts);
        await ensureTable(client, quarantineTable, TABLE_SPECS.quarantine);
        const quarantine = new DynamoQuarantineRepository({ client, tableName: quarantineTable, ttlDays: 30 });
        const process = makeRecordProcessor({
          posts: new DynamoPostsWriter({ client, tableName: postsTable, ttlDays: 30 }),
          quarantine,
          clock: () => Date.UTC(2025, 0, 15, 12),
          logger: new RecordingLogger(),
          metrics: new RecordingMetrics(),
        });
        const records = posts.map((p, i) => kinesisRecord(new TextEncoder().encode(JSON.stringify(p)), seq(i + 1)));
        // act
        const response = await process(kinesisEvent(records));
        // assess
        expect(response).toEqual({ batchItemFailures: [] });
        const parked = new Map((await quarantine.listAll()).map((q) => [q.sequenceNumber, q]));
        const reader = new DynamoPostsReader({ client, tableName: postsTable, consistentReads: true });
        for (const [i, p] of posts.entries()) {
          const verdict = validateSocialPost(p);
          if (verdict.ok) {
            expect((await reader.getPost(p.postId))?.post).toEqual(verdict.value);
            expect(parked.has(seq(i + 1))).toBe(false);
            stats.stored += 1;
          } else {
            expect(parked.get(seq(i + 1))).toMatchObject({ reason: 'schema-violation' });
            expect(parked.get(seq(i + 1))?.errorDetails).toContain(verdict.issues[0]?.path);
            stats.rejected += 1;
          }
        }
        const audit = await auditPostsIndex(client, postsTable);
        expect([...audit.staleEntries, ...audit.missingEntries, ...audit.emptyGroups]).toEqual([]);
      },
    ),
    { numRuns: Number(process.env['BOUNDARY_RUNS'] ?? 40), seed: Number(process.env['BOUNDARY_SEED'] ?? 16) },
  );
  // Both outcomes happened: the generator really sits on the boundaries.
  expect(stats.stored).toBeGreaterThan(5);
  expect(stats.rejected).toBeGreaterThan(5);
});
