// Measures the posts writer (conditional update per post + grouped hashtag index) against the
// two per-hashtag-item strategies it replaced (per-tag-alternatives.ts), on dynalite, with the
// DynamoDB units each one consumes per post (ReturnConsumedCapacity TOTAL) and its calls.
// Run: npm run bench -- repositories [--posts N] [--batches 500] [--sweep 100,500,2000,5000]
//        [--realistic-posts 20000] [--realistic-batch 1000]
// "realistic" (always run first, the #21 target): the synthetic stream as produced (2 % edits of
// recent posts), batches of --realistic-batch posts, every 20th batch delivered twice (a retried
// invoke); units per stored post (distinct post ids) against the targets ≤ 1.3 WCU, ≤ 0.5 RCU.
// --sweep measures the chosen writer's units per new post at each batch size (one round, insert
// only): the index pages' share falls as a batch holds more posts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ensureTable, makeDynamoClient, startDynalite } from '@streamlens/emulators';
import { enrichPost } from '@streamlens/analytics';
import { SyntheticSocialStream } from '@streamlens/kinesis';
import type { EnrichedPost } from '@streamlens/schemas';
import { TABLE_SPECS } from '@streamlens/tables';
import { CapacityMeter, DynamoPostsWriter } from '../src';
import { putPerTag, type PerTagStrategy } from './per-tag-alternatives';

const ROOT = resolve(__dirname, '../../..');
type Candidate = 'grouped (chosen)' | PerTagStrategy;
const CANDIDATES: Candidate[] = ['grouped (chosen)', 'read-then-write', 'conditional-put'];

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

/** Realistic posts (the producer's synthetic stream), enriched as the consumer does. */
function workload(n: number, editRate = 0): EnrichedPost[] {
  const stream = new SyntheticSocialStream({ seed: 1, editRate });
  const start = Date.UTC(2025, 0, 15, 12);
  const out: EnrichedPost[] = [];
  for (let i = 0; out.length < n; i++) {
    const r = stream.next(start + i * 5);
    if (!r.post) continue;
    const lineage = { shardId: 'shardId-000000000000', sequenceNumber: String(10_000 + i), arrivedAt: start + i * 5 };
    out.push(enrichPost(r.post, lineage, new Date(start + 60_000)));
  }
  return out;
}

/** An edit of every post: one minute later, one hashtag dropped, one added. */
function edits(posts: readonly EnrichedPost[]): EnrichedPost[] {
  return posts.map((e) => ({
    ...e,
    post: { ...e.post, editedAt: new Date(Date.parse(e.post.createdAt) + 60_000).toISOString() },
    hashtags: [...e.hashtags.slice(1), 'edited'],
  }));
}

interface SweepResult {
  readonly batch: number;
  readonly writeUnitsPerPost: number;
  readonly readUnitsPerPost: number;
  readonly requestsPerPost: number;
}

/** Units per new post of the chosen writer at each batch size. */
async function sweep(
  client: ReturnType<typeof makeDynamoClient>,
  posts: readonly EnrichedPost[],
  sizes: readonly number[],
): Promise<SweepResult[]> {
  const out: SweepResult[] = [];
  for (const batch of sizes) {
    const tableName = `sweep-${batch}`;
    await ensureTable(client, tableName, TABLE_SPECS.posts);
    const meter = new CapacityMeter();
    const writer = new DynamoPostsWriter({ client, tableName, ttlDays: 30, capacity: meter });
    for (let i = 0; i < posts.length; i += batch) await writer.putPosts(posts.slice(i, i + batch));
    const used = meter.snapshot();
    const r = {
      batch,
      writeUnitsPerPost: Number((used.writeUnits / posts.length).toFixed(3)),
      readUnitsPerPost: Number((used.readUnits / posts.length).toFixed(3)),
      requestsPerPost: Number((used.requests / posts.length).toFixed(3)),
    };
    console.log(
      `sweep batch ${String(batch).padStart(5)}: ${r.writeUnitsPerPost.toFixed(3)} WCU/post  ${r.readUnitsPerPost.toFixed(3)} RCU/post  ${r.requestsPerPost.toFixed(3)} requests/post`,
    );
    out.push(r);
  }
  return out;
}

/** The #21 §2 targets, per stored post. */
const TARGET = { writeUnitsPerPost: 1.3, readUnitsPerPost: 0.5 } as const;

interface RealisticResult {
  readonly batch: number;
  readonly records: number;
  readonly storedPosts: number;
  readonly edits: number;
  readonly redeliveredBatches: number;
  readonly writeUnitsPerStoredPost: number;
  readonly readUnitsPerStoredPost: number;
  readonly requestsPerStoredPost: number;
  readonly meetsTarget: boolean;
}

/** The chosen writer on the stream as produced: new posts, edits, redelivered batches. */
async function realistic(
  client: ReturnType<typeof makeDynamoClient>,
  total: number,
  batch: number,
): Promise<RealisticResult> {
  const input = workload(total, 0.02);
  const tableName = `realistic-${batch}`;
  await ensureTable(client, tableName, TABLE_SPECS.posts);
  const meter = new CapacityMeter();
  const writer = new DynamoPostsWriter({ client, tableName, ttlDays: 30, capacity: meter });
  let redelivered = 0;
  for (let i = 0, n = 0; i < input.length; i += batch, n++) {
    const slice = input.slice(i, i + batch);
    await writer.putPosts(slice);
    if (n % 20 === 19) {
      redelivered += 1;
      await writer.putPosts(slice);
    }
  }
  const used = meter.snapshot();
  const stored = new Set(input.map((e) => e.post.postId)).size;
  const per = (x: number) => Number((x / stored).toFixed(3));
  const r: RealisticResult = {
    batch,
    records: input.length,
    storedPosts: stored,
    edits: input.length - stored,
    redeliveredBatches: redelivered,
    writeUnitsPerStoredPost: per(used.writeUnits),
    readUnitsPerStoredPost: per(used.readUnits),
    requestsPerStoredPost: per(used.requests),
    meetsTarget:
      used.writeUnits / stored <= TARGET.writeUnitsPerPost && used.readUnits / stored <= TARGET.readUnitsPerPost,
  };
  console.log(
    `realistic, batches of ${batch}: ${r.records} records (${r.edits} edits, ${redelivered} batches delivered twice) → ${stored} posts: ${r.writeUnitsPerStoredPost.toFixed(3)} WCU and ${r.readUnitsPerStoredPost.toFixed(3)} RCU per stored post (targets ≤ ${TARGET.writeUnitsPerPost}, ≤ ${TARGET.readUnitsPerPost}: ${r.meetsTarget ? 'met' : 'NOT met'}), ${r.requestsPerStoredPost.toFixed(3)} requests`,
  );
  return r;
}

interface PhaseResult {
  readonly candidate: Candidate;
  readonly batch: number;
  readonly phase: string;
  readonly postsPerSecond: number;
  readonly calls: number;
  readonly writeUnitsPerPost: number;
  readonly readUnitsPerPost: number;
}

async function main(): Promise<void> {
  const total = Number(flag('posts', '3000'));
  const batches = flag('batches', flag('batch', '500')).split(',').filter(Boolean).map(Number);
  const sweepSizes = flag('sweep', '').split(',').filter(Boolean).map(Number);
  const realisticBatches = flag('realistic-batch', '1000').split(',').filter(Boolean).map(Number);
  const realisticPosts = Number(flag('realistic-posts', '20000'));
  const dynalite = await startDynalite();
  const client = makeDynamoClient(dynalite.endpoint);
  const real: RealisticResult[] = [];
  for (const batch of realisticBatches) real.push(await realistic(client, realisticPosts, batch));
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const posts = workload(total);
  const edited = edits(posts);
  const tags = posts.reduce((n, e) => n + new Set(e.hashtags).size, 0);
  console.log(
    `${total} posts (${(tags / total).toFixed(2)} hashtags each), batches of ${batches.join(', ')}, dynalite in-process, Node ${process.version}`,
  );
  const results: PhaseResult[] = [];
  let tableSeq = 0;
  // --posts 0 skips the comparison (the realistic run and the sweep only).
  for (const batch of total > 0 ? batches : []) {
    // Two interleaved rounds per candidate; figures are the faster round's.
    for (const round of [1, 2]) {
      for (const candidate of CANDIDATES) {
        const tableName = `bench-${++tableSeq}`;
        await ensureTable(client, tableName, TABLE_SPECS.posts);
        for (const [phase, input] of [
          ['insert new', posts],
          ['replay same', posts],
          ['newer edits', edited],
          ['replay older', posts],
        ] as const) {
          const meter = new CapacityMeter();
          const writer = new DynamoPostsWriter({ client, tableName, ttlDays: 30, capacity: meter });
          const started = process.hrtime.bigint();
          for (let i = 0; i < input.length; i += batch) {
            const slice = input.slice(i, i + batch);
            if (candidate === 'grouped (chosen)') await writer.putPosts(slice);
            else await putPerTag(candidate, doc, tableName, slice, meter);
          }
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          const used = meter.snapshot();
          const r: PhaseResult = {
            candidate,
            batch,
            phase,
            postsPerSecond: Math.round(input.length / (ms / 1000)),
            calls: used.requests,
            writeUnitsPerPost: Number((used.writeUnits / input.length).toFixed(3)),
            readUnitsPerPost: Number((used.readUnits / input.length).toFixed(3)),
          };
          const prior = results.findIndex((x) => x.candidate === candidate && x.batch === batch && x.phase === phase);
          if (prior < 0) results.push(r);
          else if ((results[prior] as PhaseResult).postsPerSecond < r.postsPerSecond) results[prior] = r;
          console.log(
            `round ${round} batch ${String(batch).padStart(4)} ${candidate.padEnd(16)} ${phase.padEnd(12)} ${String(r.postsPerSecond).padStart(6)} posts/s ${String(r.calls).padStart(6)} calls  ${r.writeUnitsPerPost.toFixed(3)} WCU/post  ${r.readUnitsPerPost.toFixed(3)} RCU/post`,
          );
        }
      }
    }
  }
  const swept = sweepSizes.length > 0 ? await sweep(client, posts, sweepSizes) : [];
  client.destroy();
  await dynalite.close();
  mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
  writeFileSync(
    join(ROOT, 'bench-results/repositories.json'),
    `${JSON.stringify(
      {
        benchmark: 'repositories',
        command: `npm run bench -- repositories --posts ${total} --batches ${batches.join(',')} --realistic-posts ${realisticPosts} --realistic-batch ${realisticBatches.join(',')}${sweepSizes.length > 0 ? ` --sweep ${sweepSizes.join(',')}` : ''}`,
        node: process.version,
        posts: total,
        hashtagsPerPost: total > 0 ? Number((tags / total).toFixed(2)) : null,
        target: TARGET,
        realistic: real,
        results,
        sweep: swept,
        measuredAt: new Date().toISOString(),
      },
      null,
      2,
    )}\n`,
  );
  console.log('wrote bench-results/repositories.json');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
