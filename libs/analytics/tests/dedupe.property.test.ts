import fc from 'fast-check';
import { mergeAggregates, toWindowAggregate } from '../src/aggregate';
import { SEEN_POST_ID_BYTES_BOUND, STATE_JSON_BYTES_BOUND } from '../src/limits';
import { restoreWindowState } from '../src/restore';
import type { FoldInput, WindowState } from '../src/window-state';
import {
  emptyWindowState,
  foldPost,
  isPostSeen,
  serialiseWindowState,
  windowStateJsonBytes,
} from '../src/window-state';
import { firstOfEachId, foldAll, key, plain } from './helpers/fold-helpers';

// Records drawn from few ids, so most sequences repeat ids; each record its own version
// (tags, sentiment, language, arrival), as a newer version of a post would be.
const record: fc.Arbitrary<FoldInput> = fc.record({
  postId: fc.integer({ min: 0, max: 40 }).map((n) => `id-${n}`),
  hashtags: fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 3 }),
  sentimentScore: fc.integer({ min: -5, max: 5 }),
  language: fc.constantFrom('en', 'ja', 'pt-BR', 'und'),
  arrivedAt: fc.integer({ min: 0, max: 30_000 }),
});
const records = fc.array(record, { maxLength: 150 });
// Cut points splitting a sequence into invokes.
const withCuts = records.chain((rs) =>
  fc.tuple(fc.constant(rs), fc.uniqueArray(fc.integer({ min: 0, max: rs.length }), { maxLength: 6 })),
);

const distinctIds = (rs: readonly FoldInput[]) => new Set(rs.map((r) => r.postId)).size;
const rowOf = (state: WindowState) => plain(toWindowAggregate(state, key('s', 0)));
/** Lambda's hand-over between invokes: serialise, JSON, restore. */
const handOver = (state: WindowState) => restoreWindowState(JSON.parse(JSON.stringify(serialiseWindowState(state))));

describe('post-id dedupe properties', () => {
  it('folding records with duplicates equals folding the first record of each id; the rest count as duplicates', () => {
    fc.assert(
      fc.property(records, (rs) => {
        // act
        const all = foldAll(rs);
        const firsts = foldAll(firstOfEachId(rs));
        // assess
        const { duplicates, ...row } = rowOf(all);
        const { duplicates: none, ...expected } = rowOf(firsts);
        expect(row).toEqual(expected);
        expect(none).toBe(0);
        expect(duplicates).toBe(rs.length - distinctIds(rs));
        expect(all.postCount).toBe(distinctIds(rs));
        expect(serialiseWindowState(all).seenPostIds).toBe(serialiseWindowState(firsts).seenPostIds);
      }),
      { numRuns: 200 },
    );
  });

  it('splitting the records into invokes (state through serialise, JSON, restore) changes nothing', () => {
    fc.assert(
      fc.property(withCuts, ([rs, cuts]) => {
        // prepare
        const boundaries = new Set(cuts);
        // act
        let state = emptyWindowState();
        rs.forEach((r, i) => {
          if (boundaries.has(i)) state = handOver(state);
          foldPost(state, r);
        });
        // assess
        const once = foldAll(rs);
        expect(rowOf(state)).toEqual(rowOf(once));
        expect(plain(serialiseWindowState(state))).toEqual(plain(serialiseWindowState(once)));
      }),
      { numRuns: 200 },
    );
  });

  it('merging the rows of shards and parts sums their duplicates; a repeated row and a row without the field add nothing', () => {
    const bucketed = records.chain((rs) =>
      fc.tuple(
        fc.constant(rs),
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: rs.length, maxLength: rs.length }),
      ),
    );
    fc.assert(
      fc.property(bucketed, ([rs, buckets]) => {
        // prepare: bucket b = shard (b % 3), part (b / 3); each part dedupes on its own
        const parts = [0, 1, 2, 3, 4, 5].map((b) => rs.filter((_, i) => buckets[i] === b));
        const rows = parts.map((part, b) => toWindowAggregate(foldAll(part), key(`shard-${b % 3}`, Math.floor(b / 3))));
        const { duplicates: _legacy, ...legacy } = toWindowAggregate(foldAll(rs), key('shard-legacy', 0));
        // act
        const merged = mergeAggregates([...rows, ...rows.map((r) => ({ ...r })), legacy]);
        // assess
        const expected = parts.reduce((sum, part) => sum + part.length - distinctIds(part), 0);
        expect(rows.reduce((sum, r) => sum + r.duplicates, 0)).toBe(expected);
        expect(merged.duplicates).toBe(expected);
        expect(merged.postCount).toBe(parts.reduce((sum, part) => sum + distinctIds(part), 0) + distinctIds(rs));
      }),
      { numRuns: 200 },
    );
  });

  it('restore(serialise(state)) round-trips: equal state, same JSON, same ids seen', () => {
    fc.assert(
      fc.property(records, fc.string({ maxLength: 8 }), (rs, probe) => {
        // prepare
        const state = serialiseWindowState(foldAll(rs));
        const json = JSON.stringify(state);
        // act
        const restored = restoreWindowState(JSON.parse(json));
        // assess
        expect(restored).toEqual(state);
        expect(JSON.stringify(serialiseWindowState(restored))).toBe(json);
        for (const id of [...rs.map((r) => r.postId), probe])
          expect(isPostSeen(restored, id)).toBe(isPostSeen(state, id));
      }),
      { numRuns: 200 },
    );
  });

  it('the order of the records does not change postCount, duplicates or the ids seen', () => {
    fc.assert(
      fc.property(
        records.chain((rs) => fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length }))),
        ([rs, shuffled]) => {
          // act
          const a = serialiseWindowState(foldAll(rs));
          const b = serialiseWindowState(foldAll(shuffled));
          // assess
          expect([b.postCount, b.duplicates, b.sentimentCount, b.seenPostIds]).toEqual([
            a.postCount,
            a.duplicates,
            a.sentimentCount,
            a.seenPostIds,
          ]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it(`the seen-set adds at most ${SEEN_POST_ID_BYTES_BOUND} bytes of JSON per distinct post (+ 8), for any ids`, () => {
    const anyId = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 30 }),
      fc.uuid(),
      fc.nat().map((n) => `p${n}`),
    );
    fc.assert(
      fc.property(fc.array(anyId, { maxLength: 400 }), (ids) => {
        // act
        const state = serialiseWindowState(
          foldAll(ids.map((postId) => ({ postId, hashtags: [], sentimentScore: 0, language: 'en', arrivedAt: 0 }))),
        );
        // assess
        const distinct = new Set(ids).size;
        const withoutSeen = Buffer.byteLength(JSON.stringify({ ...state, seenPostIds: '' }));
        expect(state.postCount).toBe(distinct);
        expect(windowStateJsonBytes(state)).toBe(Buffer.byteLength(JSON.stringify(state)));
        expect(windowStateJsonBytes(state) - withoutSeen).toBeLessThanOrEqual(SEEN_POST_ID_BYTES_BOUND * distinct + 8);
        expect(withoutSeen).toBeLessThanOrEqual(STATE_JSON_BYTES_BOUND);
      }),
      { numRuns: 150 },
    );
  });
});
