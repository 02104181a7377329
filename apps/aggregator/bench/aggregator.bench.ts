// Aggregator benchmark: 100,000 posts over 50,000 distinct hashtags (Zipf, every tag used at
// least once) folded into one window state, three ways, medians of several runs:
//   handler — makeWindowHandler invokes of 1,000 records, state through JSON between invokes
//             (as Lambda carries it), final invoke writing the row (in-memory repository);
//   fold path — foldRecords: base64 → deaggregate → decodePost → hashtags/sentiment/language → foldPost;
//   pure fold — foldPost over precomputed fold inputs.
// plus the cost of each stage of the fold path, and the state size with and without the post-id
// seen-set. Writes bench-results/aggregator.json.
// Run: npm run bench -- aggregator [--runs N]
import {
  emptyWindowState,
  foldPost,
  scoreSentiment,
  serialiseWindowState,
  type FoldInput,
} from '@streamlens/analytics';
import { InMemoryTrendsRepository } from '@streamlens/repositories/testing';
import { decodePost, encodePost, type SocialPost } from '@streamlens/schemas';
import { createRng } from '@streamlens/testing';
import type { KinesisStreamRecord } from 'aws-lambda';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { foldRecords } from '../src/fold-records';
import { foldInputOf, hashtagsOf } from '../src/post-features';
import type { KinesisWindowEvent } from '../src/types';
import { makeWindowHandler } from '../src/window-handler';

const POSTS = 100_000;
const DISTINCT = 50_000;
const ZIPF_S = 1.1;
const BATCH = 1_000;
const WINDOW_START = Date.UTC(2024, 4, 1, 10, 0, 0);
const TARGET = { recordsPerSecond: 200_000, stateBytes: 256 * 1024 } as const;
const PHRASES = [
  'Just shipped the new release, great work team',
  'What a terrible day for the commute',
  'Loving the new album, so happy',
  'Not sure about this update',
  'Coffee first, then code',
  'Worst outage ever, really bad',
  'Big news today from the conference',
  'Que jogo incrível hoje',
  '今日はとても良い天気です',
] as const;
const LANGS = ['en', 'en', 'en', 'en', 'en', 'en', 'en', 'pt-BR', 'ja'] as const;

function runsFlag(): number {
  const i = process.argv.indexOf('--runs');
  const n = i >= 0 ? Number(process.argv[i + 1]) : 5;
  if (!Number.isSafeInteger(n) || n < 1)
    throw new RangeError(`--runs must be a positive integer, got ${process.argv[i + 1]}`);
  return n;
}

function makePosts(): SocialPost[] {
  const rng = createRng(7);
  const vocabulary = Array.from({ length: DISTINCT }, (_, r) => (r % 7 === 0 ? `tendência${r}` : `tag${r}`));
  const cdf: number[] = [];
  let sum = 0;
  for (let r = 1; r <= DISTINCT; r += 1) cdf.push((sum += 1 / r ** ZIPF_S));
  const zipf = (): string => {
    const x = rng.next() * sum;
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return vocabulary[lo] as string;
  };
  return Array.from({ length: POSTS }, (_, i) => {
    const tags = [zipf(), ...(rng.chance(0.5) ? [zipf()] : [])];
    if (i < DISTINCT) tags.push(vocabulary[(i * 7919) % DISTINCT] as string); // every tag at least once
    const k = rng.int(0, PHRASES.length - 1);
    const more = LANGS[k] === 'en' ? ` ${PHRASES[rng.int(0, 6)]}` : '';
    return {
      schemaVersion: 1,
      postId: `p${i}`,
      source: 'x',
      author: { id: `u${i % 5000}`, handle: `user_${i % 5000}` },
      text: `${PHRASES[k]}${more} ${tags.map((t) => `#${t}`).join(' ')}`,
      lang: LANGS[k],
      createdAt: '2024-05-01T09:59:00Z',
    } satisfies SocialPost;
  });
}

/** Arrival of post i: 4 posts per millisecond, all inside the 30-second window. */
function arrivalOf(i: number): number {
  return WINDOW_START + (i >> 2);
}

function toRecord(post: SocialPost, i: number): KinesisStreamRecord {
  const sequenceNumber = (49_590_000_000_000_000_000_000_000_000_000_000_000_000_000n + BigInt(i)).toString();
  return {
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey: post.postId,
      sequenceNumber,
      data: Buffer.from(encodePost(post)).toString('base64'),
      approximateArrivalTimestamp: arrivalOf(i) / 1000,
    },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `shardId-000000000000:${sequenceNumber}`,
    eventName: 'aws:kinesis:record',
    invokeIdentityArn: 'arn:aws:iam::000000000000:role/aggregator',
    awsRegion: 'us-east-1',
    eventSourceARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/posts',
  };
}

function windowEvent(
  records: KinesisStreamRecord[],
  state: Record<string, unknown>,
  final: boolean,
): KinesisWindowEvent {
  return {
    Records: records,
    window: { start: new Date(WINDOW_START).toISOString(), end: new Date(WINDOW_START + 30_000).toISOString() },
    state,
    shardId: 'shardId-000000000000',
    eventSourceARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/posts',
    isFinalInvokeForWindow: final,
    isWindowTerminatedEarly: false,
  };
}

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const noMetrics = { addMetric: () => undefined };

/** Invokes the handler as Lambda would: batches, state through JSON, a final invoke. Returns the final state. */
async function throughHandler(records: KinesisStreamRecord[]): Promise<Record<string, unknown>> {
  const handle = makeWindowHandler({
    trends: new InMemoryTrendsRepository({ ttlDays: 1 }),
    metrics: noMetrics,
    logger: silent,
  });
  let state: Record<string, unknown> = {};
  for (let i = 0; i < records.length; i += BATCH) {
    state = JSON.parse(
      JSON.stringify((await handle(windowEvent(records.slice(i, i + BATCH), state, false))).state),
    ) as Record<string, unknown>;
  }
  return (await handle(windowEvent([], state, true))).state;
}

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Runs `fn` once; wall-clock and process-CPU seconds. */
async function measure<T>(fn: () => Promise<T>): Promise<{ value: T; wall: number; cpu: number }> {
  const cpu0 = process.cpuUsage();
  const t = process.hrtime.bigint();
  const value = await fn();
  const wall = seconds(t);
  const cpu = process.cpuUsage(cpu0);
  return { value, wall, cpu: (cpu.user + cpu.system) / 1e6 };
}

function median(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
}

async function main(): Promise<void> {
  const runs = runsFlag();
  const posts = makePosts();
  const records = posts.map(toRecord);
  const inputs: FoldInput[] = posts.map((p, i) => foldInputOf(p, arrivalOf(i)));
  const bytes = records.map((r) => Buffer.from(r.kinesis.data, 'base64'));
  // Warm-up of every path on a slice (JIT), not measured.
  await throughHandler(records.slice(0, 10_000));
  foldRecords(emptyWindowState(), records.slice(0, 10_000));

  // Wall-clock and process-CPU rates: the machine is shared, and CPU time is what one core spends.
  const rate = { handler: [] as number[], foldPath: [] as number[], pureFold: [] as number[] };
  const cpuRate = { handler: [] as number[], foldPath: [] as number[], pureFold: [] as number[] };
  const stageUs = { decode: [] as number[], hashtags: [] as number[], sentiment: [] as number[] };
  let stateBytes = 0;
  let stateBytesWithoutSeenSet = 0;
  let handlerStateBytes = 0;
  for (let run = 0; run < runs; run += 1) {
    let m = await measure(() => throughHandler(records));
    rate.handler.push(POSTS / m.wall);
    cpuRate.handler.push(POSTS / m.cpu);
    handlerStateBytes = Buffer.byteLength(JSON.stringify(m.value));

    m = await measure(async () => {
      const state = emptyWindowState();
      foldRecords(state, records);
      return serialiseWindowState(state) as unknown as Record<string, unknown>;
    });
    rate.foldPath.push(POSTS / m.wall);
    cpuRate.foldPath.push(POSTS / m.cpu);
    stateBytes = Buffer.byteLength(JSON.stringify(m.value));
    stateBytesWithoutSeenSet = Buffer.byteLength(JSON.stringify({ ...m.value, seenPostIds: '' }));

    m = await measure(async () => {
      const pure = emptyWindowState();
      for (const input of inputs) foldPost(pure, input);
      return pure as unknown as Record<string, unknown>;
    });
    rate.pureFold.push(POSTS / m.wall);
    cpuRate.pureFold.push(POSTS / m.cpu);

    let t = process.hrtime.bigint();
    for (const b of bytes) decodePost(b);
    stageUs.decode.push((seconds(t) * 1e6) / POSTS);
    t = process.hrtime.bigint();
    for (const p of posts) hashtagsOf(p.text);
    stageUs.hashtags.push((seconds(t) * 1e6) / POSTS);
    t = process.hrtime.bigint();
    for (const p of posts) scoreSentiment(p.text);
    stageUs.sentiment.push((seconds(t) * 1e6) / POSTS);
  }

  const result = {
    generatedAt: new Date().toISOString(),
    command: `npm run bench -- aggregator --runs ${runs}`,
    node: process.version,
    posts: POSTS,
    distinctHashtags: new Set(inputs.flatMap((i) => i.hashtags)).size,
    meanTextChars: Math.round(posts.reduce((n, p) => n + p.text.length, 0) / POSTS),
    runs,
    /** Through the handler: invokes of 1,000 records, state through JSON, final write. */
    recordsPerSecond: Math.round(median(rate.handler)),
    foldPathRecordsPerSecond: Math.round(median(rate.foldPath)),
    pureFoldRecordsPerSecond: Math.round(median(rate.pureFold)),
    /** Same rates per second of this process's CPU time (user + system). */
    recordsPerCpuSecond: {
      handler: Math.round(median(cpuRate.handler)),
      foldPath: Math.round(median(cpuRate.foldPath)),
      pureFold: Math.round(median(cpuRate.pureFold)),
    },
    loadAverage1m: os.loadavg()[0] ?? 0,
    usPerRecord: {
      handler: 1e6 / median(rate.handler),
      foldPath: 1e6 / median(rate.foldPath),
      pureFold: 1e6 / median(rate.pureFold),
      decode: median(stageUs.decode),
      hashtags: median(stageUs.hashtags),
      sentiment: median(stageUs.sentiment),
    },
    /** State JSON after folding all posts: the trend state plus the post-id seen-set. */
    stateBytes,
    stateBytesWithoutSeenSet,
    seenSetBytesPerPost: (stateBytes - stateBytesWithoutSeenSet) / POSTS,
    handlerStateBytes,
    targets: TARGET,
    met: {
      recordsPerSecond: median(rate.handler) >= TARGET.recordsPerSecond,
      pureFoldRecordsPerSecond: median(rate.pureFold) >= TARGET.recordsPerSecond,
      pureFoldRecordsPerCpuSecond: median(cpuRate.pureFold) >= TARGET.recordsPerSecond,
      stateBytes: stateBytes <= TARGET.stateBytes,
      stateBytesWithoutSeenSet: stateBytesWithoutSeenSet <= TARGET.stateBytes,
    },
  };
  const f = (n: number) => Math.round(n).toLocaleString('en');
  console.log(
    `node ${process.version}; ${f(POSTS)} posts (${result.meanTextChars} chars), ${f(result.distinctHashtags)} distinct hashtags (Zipf s=${ZIPF_S}); median of ${runs}`,
  );
  console.log(
    `handler (1,000/invoke, JSON state):   ${f(result.recordsPerSecond).padStart(9)} records/s  ${result.usPerRecord.handler.toFixed(2).padStart(6)} µs/record`,
  );
  console.log(
    `fold path (decode+extract+fold):      ${f(result.foldPathRecordsPerSecond).padStart(9)} records/s  ${result.usPerRecord.foldPath.toFixed(2).padStart(6)} µs/record`,
  );
  console.log(
    `pure fold (foldPost):                 ${f(result.pureFoldRecordsPerSecond).padStart(9)} records/s  ${result.usPerRecord.pureFold.toFixed(2).padStart(6)} µs/record`,
  );
  console.log(
    `per CPU-second: handler ${f(result.recordsPerCpuSecond.handler)}, fold path ${f(result.recordsPerCpuSecond.foldPath)}, pure fold ${f(result.recordsPerCpuSecond.pureFold)} records/s (load average ${result.loadAverage1m.toFixed(1)})`,
  );
  console.log(
    `stages: decodePost ${result.usPerRecord.decode.toFixed(2)} µs, hashtags (twitter-text) ${result.usPerRecord.hashtags.toFixed(2)} µs, sentiment (AFINN) ${result.usPerRecord.sentiment.toFixed(2)} µs`,
  );
  console.log(
    `state JSON: ${f(stateBytes)} bytes, ${f(stateBytesWithoutSeenSet)} without the seen-set (${result.seenSetBytesPerPost.toFixed(2)} B/post) (target ≤ ${f(TARGET.stateBytes)}); target ${f(TARGET.recordsPerSecond)} records/s: handler ${result.met.recordsPerSecond ? 'met' : 'NOT met'}, pure fold ${result.met.pureFoldRecordsPerSecond ? 'met' : 'NOT met'}`,
  );
  const out = resolve(__dirname, '../../../bench-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'aggregator.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`wrote ${join(out, 'aggregator.json')}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
