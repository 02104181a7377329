// In-memory trends repository: same keys, serialisation and range rule as DynamoTrendsRepository.
import type { WindowAggregate } from '@streamlens/schemas';
import { checkTtlDays } from '../time-keys';
import { compareWindows, windowFromItem, windowItem, windowRange } from '../trend-items';
import type { TrendsRepository } from '../trends-repository';
import { InMemoryTable } from './in-memory-table';

/**
 * Trends in memory.
 *
 * @example
 * ```ts
 * const trends = new InMemoryTrendsRepository({ ttlDays: 90 });
 * ```
 */
export class InMemoryTrendsRepository implements TrendsRepository {
  readonly table = new InMemoryTable('in-memory-trends');
  private readonly ttlDays: number;

  constructor(options: { ttlDays: number }) {
    this.ttlDays = checkTtlDays(options.ttlDays);
  }

  async putWindow(row: WindowAggregate): Promise<void> {
    const item = windowItem(row, this.ttlDays);
    this.table.put(item, `${item['pk']}/${item['sk']}`);
  }

  async queryWindows(from: Date, to: Date): Promise<WindowAggregate[]> {
    const { days, fromSk, toSk } = windowRange(from, to);
    return days
      .flatMap((pk) => this.table.query(pk, { skFrom: fromSk, skTo: toSk }).items.map(windowFromItem))
      .sort(compareWindows);
  }
}
