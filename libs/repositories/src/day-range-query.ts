// One range read over day partitions: every item whose sort key is in [fromSk, toSk] in each
// partition, all pages, consistent reads, bounded retries — shared by the window-keyed tables.
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CapacityMeter } from './capacity';
import type { ResolvedRetry } from './retry-policy';
import { retryOrThrow } from './with-retry';

/** Partitions and inclusive sort-key bounds of a range. */
export interface DayRange {
  readonly days: readonly string[];
  readonly fromSk: string;
  readonly toSk: string;
}

/** Every item of the range, partition by partition in the given order, each in sort-key order (read units counted in `capacity`). */
export async function queryDayRange(
  doc: DynamoDBDocumentClient,
  tableName: string,
  range: DayRange,
  retry: ResolvedRetry,
  capacity?: CapacityMeter,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for (const pk of range.days) {
    let start: Record<string, unknown> | undefined;
    do {
      const out = await retryOrThrow(
        () =>
          doc.send(
            new QueryCommand({
              TableName: tableName,
              KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
              ExpressionAttributeValues: { ':pk': pk, ':from': range.fromSk, ':to': range.toSk },
              ConsistentRead: true,
              ReturnConsumedCapacity: 'TOTAL',
              ...(start ? { ExclusiveStartKey: start } : {}),
            }),
          ),
        retry,
      );
      capacity?.addAnswer('read', out.ConsumedCapacity);
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
  }
  return items;
}
