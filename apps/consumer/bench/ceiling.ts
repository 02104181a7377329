// Variant C of consumer.bench.ts: the storage ceiling. The items variant A stored (post items
// and hashtag index items, already built) are written again to an empty table with plain
// BatchWriteItem calls of 25, several in flight, as fast as dynalite takes them.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';

/** Reads every item of a table (untimed preparation of the ceiling run). */
export async function scanAll(client: DynamoDBClient, tableName: string): Promise<Record<string, unknown>[]> {
  const doc = DynamoDBDocumentClient.from(client);
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await doc.send(
      new ScanCommand({ TableName: tableName, ...(start ? { ExclusiveStartKey: start } : {}) }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Writes `items` with BatchWriteItem (25 per call, `concurrency` calls in flight), retrying UnprocessedItems. */
export async function writeAll(
  client: DynamoDBClient,
  tableName: string,
  items: readonly Record<string, unknown>[],
  concurrency: number,
): Promise<void> {
  const doc = DynamoDBDocumentClient.from(client);
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < chunks.length) {
      let requests = (chunks[next++] as Record<string, unknown>[]).map((Item) => ({ PutRequest: { Item } }));
      while (requests.length > 0) {
        const out = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
        requests = (out.UnprocessedItems?.[tableName] ?? []) as typeof requests;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
