// Test harness: dynalite on a free loopback port, fresh tables per test from the shared specs.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable, makeDynamoClient, startDynalite, type RunningEmulator } from '@streamlens/emulators';
import { TABLE_SPECS, type TableName } from '@streamlens/tables';
import type { PostsReader, PostsWriter } from '../../src';

export interface LocalDynamo {
  readonly client: DynamoDBClient;
  /** Creates a uniquely named table from the spec of `table` and returns its name. */
  freshTable(table: TableName): Promise<string>;
  close(): Promise<void>;
}

let seq = 0;

export async function startLocalDynamo(): Promise<LocalDynamo> {
  const emulator: RunningEmulator = await startDynalite();
  const client = makeDynamoClient(emulator.endpoint);
  return {
    client,
    freshTable: async (table) => {
      const name = `t${++seq}-${table}`;
      await ensureTable(client, name, TABLE_SPECS[table]);
      return name;
    },
    close: async () => {
      client.destroy();
      await emulator.close();
    },
  };
}

/** Fast retries for tests: tiny backoff, still bounded. */
export const FAST_RETRY = { maxAttempts: 30, maxElapsedMs: 20_000, baseDelayMs: 1, maxDelayMs: 4 } as const;

/** One object with a writer's and a reader's methods (the contract's posts store). */
export function combine(writer: PostsWriter, reader: PostsReader): PostsWriter & PostsReader {
  return {
    putPosts: (posts) => writer.putPosts(posts),
    getPost: (id) => reader.getPost(id),
    recentPostsByHashtag: (tag, query) => reader.recentPostsByHashtag(tag, query),
  };
}
