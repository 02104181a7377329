// Trends repository on DynamoDB: day-partitioned window rows.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TABLE_SPECS } from '@streamlens/tables';
import type { WindowAggregate } from '@streamlens/schemas';
import { batchWrite, putEntry } from './batch-writer';
import { queryDayRange } from './day-range-query';
import { UnprocessedItemsError } from './errors';
import { documentClient, type DynamoRepositoryOptions } from './repository-options';
import { resolveRetry, type ResolvedRetry } from './retry-policy';
import { checkTtlDays } from './time-keys';
import { compareWindows, windowFromItem, windowItem, windowRange } from './trend-items';
import type { TrendsRepository } from './trends-repository';

/** Options of {@link DynamoTrendsRepository}. */
export interface DynamoTrendsRepositoryOptions extends DynamoRepositoryOptions {
  /** Rows expire this many days after their window end. */
  readonly ttlDays: number;
}

/**
 * Trends on DynamoDB.
 *
 * @example
 * ```ts
 * const trends = new DynamoTrendsRepository({ client, tableName, ttlDays: 90 });
 * await trends.putWindow(row);
 * const rows = await trends.queryWindows(new Date(Date.now() - 3_600_000), new Date());
 * ```
 */
export class DynamoTrendsRepository implements TrendsRepository {
  private readonly doc: DynamoDBDocumentClient;
  private readonly retry: ResolvedRetry;
  private readonly ttlDays: number;

  constructor(private readonly options: DynamoTrendsRepositoryOptions) {
    this.doc = documentClient(options);
    this.retry = resolveRetry(options.retry);
    this.ttlDays = checkTtlDays(options.ttlDays);
  }

  async putWindow(row: WindowAggregate): Promise<void> {
    const item = windowItem(row, this.ttlDays);
    const id = `${item['pk']}/${item['sk']}`;
    const outcome = await batchWrite(this.doc, this.options.tableName, [putEntry(id, item)], {
      retry: this.retry,
      spec: TABLE_SPECS.trends,
      ...(this.options.capacity ? { capacity: this.options.capacity } : {}),
    });
    const rejected = outcome.rejected[0];
    if (rejected) throw rejected.error;
    if (outcome.giveUp) {
      throw new UnprocessedItemsError(
        this.options.tableName,
        [id],
        outcome.unwritten.map((e) => e.key),
        outcome.giveUp,
        { writtenIds: [], skippedIds: [], rejected: [] },
      );
    }
  }

  async queryWindows(from: Date, to: Date): Promise<WindowAggregate[]> {
    const items = await queryDayRange(
      this.doc,
      this.options.tableName,
      windowRange(from, to),
      this.retry,
      this.options.capacity,
    );
    return items.map(windowFromItem).sort(compareWindows);
  }
}
