// Measures the posts writer (conditional update per post + grouped hashtag index) against the
// two per-hashtag-item strategies it replaced (per-tag-alternatives.ts), on dynalite, with the
// DynamoDB units each one consumes per post (ReturnConsumedCapacity TOTAL) and its calls.
// Run: npm run bench -- repositories [--posts N] [--batches 500] [--sweep 100,500,2000,5000]
// --sweep measures the chosen writer's units per new post at each batch size (one round, insert
// only): the group items' share falls as a batch holds more posts of the same hashtags.
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
function workload(n: number): EnrichedPost[] {
  const stream = new SyntheticSocialStream({ seed: 1, editRate: 0 });
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
  const dynalite = await startDynalite();
  const client = makeDynamoClient(dynalite.endpoint);
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const posts = workload(total);
  const edited = edits(posts);
  const tags = posts.reduce((n, e) => n + new Set(e.hashtags).size, 0);
  console.log(
    `${total} posts (${(tags / total).toFixed(2)} hashtags each), batches of ${batches.join(', ')}, dynalite in-process, Node ${process.version}`,
  );
  const results: PhaseResult[] = [];
  let tableSeq = 0;
  for (const batch of batches) {
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
        command: `npm run bench -- repositories --posts ${total} --batches ${batches.join(',')}${sweepSizes.length > 0 ? ` --sweep ${sweepSizes.join(',')}` : ''}`,
        node: process.version,
        posts: total,
        hashtagsPerPost: Number((tags / total).toFixed(2)),
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
