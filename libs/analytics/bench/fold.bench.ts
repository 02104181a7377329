// Fold benchmark: 100,000 posts over 50,000 distinct hashtags (Zipf-distributed, every tag
// used at least once) folded into one window state; prints medians of records/s and state size.
// Also folds in batches with a JSON round trip of the state in between, as Lambda does.
// Run: npx tsx --tsconfig tsconfig.base.json libs/analytics/bench/fold.bench.ts
// (the @streamlens/* aliases live in tsconfig.base.json; there is no root tsconfig.json)
import { toWindowAggregate } from '../src/aggregate';
import { restoreWindowState } from '../src/restore';
import type { FoldInput, WindowState } from '../src/window-state';
import { emptyWindowState, foldPost, windowStateJsonBytes } from '../src/window-state';

const POSTS = 100_000;
const DISTINCT = 50_000;
const ZIPF_S = 1.1;
const RUNS = 7;
const LAMBDA_BATCH = 1_000;

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

function foldInLambdaBatches(inputs: readonly FoldInput[]): WindowState {
  let state = emptyWindowState();
  for (let i = 0; i < inputs.length; i += LAMBDA_BATCH) {
    state = restoreWindowState(JSON.parse(JSON.stringify(state)));
    for (let j = i; j < Math.min(i + LAMBDA_BATCH, inputs.length); j += 1) foldPost(state, inputs[j] as FoldInput);
  }
  return state;
}

function timed<T>(fn: () => T): [T, number] {
  const start = process.hrtime.bigint();
  const result = fn();
  return [result, Number(process.hrtime.bigint() - start) / 1e9];
}

function main(): void {
  const inputs = makeInputs();
  const occurrences = inputs.reduce((n, p) => n + p.hashtags.length, 0);
  const distinct = new Set(inputs.flatMap((p) => p.hashtags)).size;
  const plain: number[] = [];
  const batched: number[] = [];
  let state = emptyWindowState();
  for (let run = 0; run < RUNS + 1; run += 1) {
    const [s, seconds] = timed(() => foldAll(inputs));
    const [, batchedSeconds] = timed(() => foldInLambdaBatches(inputs));
    if (run === 0) continue; // warm-up
    plain.push(POSTS / seconds);
    batched.push(POSTS / batchedSeconds);
    state = s;
  }
  const [row, rowSeconds] = timed(() => toWindowAggregate(state, { windowStart: 'a', windowEnd: 'b', shardId: 's', part: 0 }));
  const top = Object.entries(row.hashtags).slice(0, 3);
  console.log(`node ${process.version}; ${POSTS} posts, ${occurrences} hashtag occurrences, ${distinct} distinct (Zipf s=${ZIPF_S}); K=${state.hashtagCapacity}; median of ${RUNS}`);
  console.log(`fold, one state:                      ${Math.round(median(plain)).toLocaleString('en')} records/s`);
  console.log(`fold, JSON round trip every ${LAMBDA_BATCH}:    ${Math.round(median(batched)).toLocaleString('en')} records/s`);
  console.log(`state JSON: ${windowStateJsonBytes(state).toLocaleString('en')} bytes; evictions ${state.evictions}; error bound ${row.hashtagErrorBound} (N/K = ${Math.round(occurrences / state.hashtagCapacity)})`);
  console.log(`toWindowAggregate: ${(rowSeconds * 1000).toFixed(1)} ms; row JSON ${Buffer.byteLength(JSON.stringify(row)).toLocaleString('en')} bytes; top 3: ${JSON.stringify(top)}`);
}

main();
