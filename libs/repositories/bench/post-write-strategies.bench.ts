// Measures the two version-aware post write strategies against dynalite.
// Run (from the workspace root): npx tsx --tsconfig libs/repositories/tsconfig.json libs/repositories/bench/post-write-strategies.bench.ts [posts=3000] [batch=100]
import { DynamoPostsRepository, type PostWriteStrategy } from '../src';
import { TABLE_SPECS } from '@streamlens/tables';
import { ensureTable, makeDynamoClient, startDynalite } from '@streamlens/emulators';
import { makeEnrichedPost, socialPostStream, take } from '@streamlens/testing';

const TOTAL = Number(process.argv[2] ?? 3000);
const BATCH = Number(process.argv[3] ?? 100);

async function main(): Promise<void> {
  const dynalite = await startDynalite();
  const client = makeDynamoClient(dynalite.endpoint);
  let calls = 0;
  client.middlewareStack.add((next) => (args) => ((calls += 1), next(args)), {
    step: 'initialize',
    name: 'countCalls',
  });
  const posts = take(socialPostStream({ seed: 1 }), TOTAL).map((p, i) =>
    makeEnrichedPost(p, { sequenceNumber: String(10_000 + i) }),
  );
  const edits = posts.map((e) => ({
    ...e,
    post: { ...e.post, editedAt: new Date(Date.parse(e.post.createdAt) + 60_000).toISOString() },
  }));
  const tags = posts.reduce((n, e) => n + e.hashtags.length, 0);
  console.log(
    `${TOTAL} posts (${tags} hashtag index items) in batches of ${BATCH}, dynalite in-process, Node ${process.version}`,
  );
  for (const strategy of [
    'read-then-write',
    'conditional-put',
    'read-then-write',
    'conditional-put',
  ] as PostWriteStrategy[]) {
    const tableName = `bench-${strategy}-${Date.now()}`;
    await ensureTable(client, tableName, TABLE_SPECS.posts);
    const repo = new DynamoPostsRepository({ client, tableName, ttlDays: 30, strategy });
    for (const [phase, input] of [
      ['insert new', posts],
      ['replay same', posts],
      ['newer edits', edits],
      ['replay older', posts],
    ] as const) {
      calls = 0;
      const started = process.hrtime.bigint();
      for (let i = 0; i < input.length; i += BATCH) await repo.putPosts(input.slice(i, i + BATCH));
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      console.log(
        `${strategy.padEnd(16)} ${phase.padEnd(12)} ${(input.length / (ms / 1000)).toFixed(0).padStart(6)} posts/s  ${ms.toFixed(0).padStart(6)} ms  ${String(calls).padStart(5)} calls`,
      );
    }
  }
  client.destroy();
  await dynalite.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
