// Fold benchmark: 100,000 posts over 50,000 distinct hashtags (Zipf-distributed, every tag
// used at least once) folded into one window state; prints medians of records/s and state size.
// Also folds in batches with a JSON round trip of the state in between, as Lambda does, folds
// with 10 % duplicate records, and times the seen-set (post-id dedupe) on its own: hashing,
// serialise (merge + encode) and restore (decode + check) at 20,000 and 100,000 ids.
// Writes bench-results/fold.json.
// Run: npm run bench -- fold
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { toWindowAggregate } from '../src/aggregate';
import { hashPostId } from '../src/post-id-hash';
import { restoreWindowState } from '../src/restore';
import type { FoldInput, WindowState } from '../src/window-state';
import { emptyWindowState, foldPost, serialiseWindowState, windowStateJsonBytes } from '../src/window-state';

const POSTS = 100_000;
const DISTINCT = 50_000;
const ZIPF_S = 1.1;
const RUNS = 7;
const LAMBDA_BATCH = 1_000;
const DUPLICATE_SHARE = 0.1;
const SEEN_SIZES = [20_000, 100_000] as const;

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeInputs(): FoldInput[] {
  const rand = seeded(7);
  const vocabulary = Array.from({ length: DISTINCT }, (_, r) => (r % 7 === 0 ? `tendência${r}` : `tag${r}`));
  const cdf: number[] = [];
  let sum = 0;
  for (let r = 1; r <= DISTINCT; r += 1) cdf.push((sum += 1 / r ** ZIPF_S));
  const zipf = () => {
    const x = rand() * sum;
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return vocabulary[lo] as string;
  };
  const langs = ['en', 'pt-BR', 'es', 'ja', 'de', 'fr', 'und'];
  return Array.from({ length: POSTS }, (_, i) => {
    const tags = [zipf(), ...(rand() < 0.5 ? [zipf()] : [])];
    if (i < DISTINCT) tags.push(vocabulary[(i * 7919) % DISTINCT] as string); // every tag at least once
    return {
      postId: `post-${(i * 2_654_435_761) >>> 0}-${i}`,
      hashtags: tags,
      sentimentScore: Math.round(rand() * 10 - 5),
      language: langs[Math.floor(rand() * langs.length)] as string,
      arrivedAt: 1_714_560_000_000 + i,
    };
  });
}

function median(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
}

function foldAll(inputs: readonly FoldInput[]): WindowState {
  const state = emptyWindowState();
  for (const input of inputs) foldPost(state, input);
  return state;
}

/**
 * Folds in invokes of LAMBDA_BATCH with the state through JSON in between. `withoutSeenSet`
 * drops the seen-set at each invoke (as a state of the version before dedupe would restore):
 * the baseline cost of the trend state alone.
 */
function foldInLambdaBatches(inputs: readonly FoldInput[], withoutSeenSet = false): WindowState {
  let state = emptyWindowState();
  for (let i = 0; i < inputs.length; i += LAMBDA_BATCH) {
    const raw = JSON.parse(JSON.stringify(serialiseWindowState(state))) as Partial<WindowState>;
    if (withoutSeenSet) delete raw.seenPostIds;
    state = restoreWindowState(raw);
    for (let j = i; j < Math.min(i + LAMBDA_BATCH, inputs.length); j += 1) foldPost(state, inputs[j] as FoldInput);
  }
  return state;
}

function timed<T>(fn: () => T): [T, number] {
  const start = process.hrtime.bigint();
  const result = fn();
  return [result, Number(process.hrtime.bigint() - start) / 1e9];
}

/** `inputs` with every tenth record followed, 1–50 records later, by a copy of an earlier one. */
function withDuplicates(inputs: readonly FoldInput[]): FoldInput[] {
  const rand = seeded(11);
  const out: FoldInput[] = [];
  for (const input of inputs) {
    out.push(input);
    if (rand() < DUPLICATE_SHARE) out.push(out[Math.max(0, out.length - 1 - Math.floor(rand() * 50))] as FoldInput);
  }
  return out;
}

/**
 * Seen-set costs at `size` ids: serialise from scratch (one sort of all ids), restore with a
 * cold and a warm decode cache, and one Lambda-sized invoke on top (restore + fold 1,000 new
 * posts + serialise), cold and warm.
 */
function seenSetCosts(inputs: readonly FoldInput[], size: number) {
  const ids = inputs.slice(0, size);
  const next = inputs.slice(0, LAMBDA_BATCH).map((input, i) => ({ ...input, postId: `next-${i}` }));
  const other = serialiseWindowState(foldAll(inputs.slice(0, 10)));
  const evictCache = () => restoreWindowState(JSON.parse(JSON.stringify(other)));
  const costs = {
    serialise: [] as number[],
    coldRestore: [] as number[],
    warmRestore: [] as number[],
    coldInvoke: [] as number[],
    warmInvoke: [] as number[],
  };
  const invoke = (raw: unknown) => {
    const s = restoreWindowState(raw);
    for (const input of next) foldPost(s, input);
    return serialiseWindowState(s);
  };
  let json = '';
  for (let run = 0; run < RUNS + 1; run += 1) {
    const state = foldAll(ids);
    const [, serialiseSeconds] = timed(() => serialiseWindowState(state));
    json = JSON.stringify(state);
    evictCache();
    const [, coldRestore] = timed(() => restoreWindowState(JSON.parse(json)));
    const [, warmRestore] = timed(() => restoreWindowState(JSON.parse(json)));
    evictCache();
    const [, coldInvoke] = timed(() => invoke(JSON.parse(json)));
    restoreWindowState(JSON.parse(json));
    const [, warmInvoke] = timed(() => invoke(JSON.parse(json)));
    if (run === 0) continue;
    costs.serialise.push(serialiseSeconds * 1000);
    costs.coldRestore.push(coldRestore * 1000);
    costs.warmRestore.push(warmRestore * 1000);
    costs.coldInvoke.push(coldInvoke * 1000);
    costs.warmInvoke.push(warmInvoke * 1000);
  }
  const state = JSON.parse(json) as WindowState;
  const seenBytes = Buffer.byteLength(JSON.stringify(state.seenPostIds));
  return {
    ids: size,
    seenPostIdsJsonBytes: seenBytes,
    bytesPerPost: seenBytes / size,
    stateJsonBytes: Buffer.byteLength(json),
    /** Milliseconds, JSON.parse of the state included in restore and invoke. */
    serialiseAllMs: median(costs.serialise),
    restoreColdMs: median(costs.coldRestore),
    restoreWarmMs: median(costs.warmRestore),
    invokeOf1000ColdMs: median(costs.coldInvoke),
    invokeOf1000WarmMs: median(costs.warmInvoke),
  };
}

function hashNsPerId(inputs: readonly FoldInput[]): number {
  const runs: number[] = [];
  let sink = 0;
  for (let run = 0; run < RUNS + 1; run += 1) {
    const [, seconds] = timed(() => {
      for (const input of inputs) sink += hashPostId(input.postId);
    });
    if (run > 0) runs.push((seconds * 1e9) / inputs.length);
  }
  if (sink < 0) console.log(sink);
  return median(runs);
}

function main(): void {
  const inputs = makeInputs();
  const duplicated = withDuplicates(inputs);
  const occurrences = inputs.reduce((n, p) => n + p.hashtags.length, 0);
  const distinct = new Set(inputs.flatMap((p) => p.hashtags)).size;
  const plain: number[] = [];
  const batched: number[] = [];
  const batchedBaseline: number[] = [];
  const withDups: number[] = [];
  let state = emptyWindowState();
  for (let run = 0; run < RUNS + 1; run += 1) {
    const [s, seconds] = timed(() => foldAll(inputs));
    const [, batchedSeconds] = timed(() => foldInLambdaBatches(inputs));
    const [, baselineSeconds] = timed(() => foldInLambdaBatches(inputs, true));
    const [d, dupSeconds] = timed(() => foldAll(duplicated));
    if (d.postCount !== POSTS || d.duplicates !== duplicated.length - POSTS)
      throw new Error(`dedupe miscounted: ${d.postCount} posts, ${d.duplicates} duplicates`);
    if (run === 0) continue; // warm-up
    plain.push(POSTS / seconds);
    batched.push(POSTS / batchedSeconds);
    batchedBaseline.push(POSTS / baselineSeconds);
    withDups.push(duplicated.length / dupSeconds);
    state = s;
  }
  const [row, rowSeconds] = timed(() =>
    toWindowAggregate(state, { windowStart: 'a', windowEnd: 'b', shardId: 's', part: 0 }),
  );
  const top = Object.entries(row.hashtags).slice(0, 3);
  const stateBytes = windowStateJsonBytes(state);
  const stateBytesWithoutSeen = Buffer.byteLength(JSON.stringify({ ...state, seenPostIds: '' }));
  const seen = SEEN_SIZES.map((n) => seenSetCosts(inputs, n));
  const hashNs = hashNsPerId(inputs);
  const f = (n: number) => Math.round(n).toLocaleString('en');
  console.log(
    `node ${process.version}; ${POSTS} posts, ${occurrences} hashtag occurrences, ${distinct} distinct (Zipf s=${ZIPF_S}); K=${state.hashtagCapacity}; median of ${RUNS}`,
  );
  console.log(`fold, one state:                      ${f(median(plain))} records/s`);
  console.log(
    `fold, JSON round trip every ${LAMBDA_BATCH}:    ${f(median(batched))} records/s (${f(median(batchedBaseline))} with the seen-set dropped at each invoke)`,
  );
  console.log(`fold, ${duplicated.length - POSTS} duplicate records mixed in: ${f(median(withDups))} records/s`);
  console.log(
    `state JSON: ${f(stateBytes)} bytes (${f(stateBytesWithoutSeen)} without the seen-set); evictions ${state.evictions}; error bound ${row.hashtagErrorBound} (N/K = ${Math.round(occurrences / state.hashtagCapacity)})`,
  );
  console.log(
    `toWindowAggregate: ${(rowSeconds * 1000).toFixed(1)} ms; row JSON ${f(Buffer.byteLength(JSON.stringify(row)))} bytes; top 3: ${JSON.stringify(top)}`,
  );
  console.log(`hashPostId: ${hashNs.toFixed(0)} ns/id`);
  const ms = (x: number) => `${x.toFixed(2)} ms`;
  for (const c of seen) {
    console.log(
      `seen-set of ${f(c.ids)} ids: ${f(c.seenPostIdsJsonBytes)} bytes of JSON (${c.bytesPerPost.toFixed(2)} B/post); serialise all at once ${ms(c.serialiseAllMs)}`,
    );
    console.log(
      `  restore (JSON.parse included): cold ${ms(c.restoreColdMs)}, warm ${ms(c.restoreWarmMs)}; invoke of ${LAMBDA_BATCH} new posts (restore + fold + serialise): cold ${ms(c.invokeOf1000ColdMs)}, warm ${ms(c.invokeOf1000WarmMs)}`,
    );
  }
  const result = {
    generatedAt: new Date().toISOString(),
    command: 'npm run bench -- fold',
    node: process.version,
    posts: POSTS,
    distinctHashtags: distinct,
    runs: RUNS,
    foldRecordsPerSecond: Math.round(median(plain)),
    foldJsonRoundTripRecordsPerSecond: Math.round(median(batched)),
    foldJsonRoundTripWithoutSeenSetRecordsPerSecond: Math.round(median(batchedBaseline)),
    foldWithDuplicatesRecordsPerSecond: Math.round(median(withDups)),
    duplicateRecords: duplicated.length - POSTS,
    stateBytes,
    stateBytesWithoutSeenSet: stateBytesWithoutSeen,
    hashNsPerId: hashNs,
    seenSet: seen,
  };
  const out = resolve(__dirname, '../../../bench-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'fold.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`wrote ${join(out, 'fold.json')}`);
}

main();
