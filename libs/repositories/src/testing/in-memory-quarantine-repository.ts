// In-memory quarantine: same keys, caps and paging as DynamoQuarantineRepository.
import { decodeCursor, encodeCursor, resolveLimit, type Page } from '../cursor';
import {
  compareQuarantined,
  quarantinedFromItem,
  quarantineId,
  quarantineItem,
  quarantinePartition,
  type QuarantinedRecord,
  type StoredQuarantinedRecord,
} from '../quarantine-items';
import type { QuarantineListQuery, QuarantineRepository } from '../quarantine-repository';
import { checkTtlDays } from '../time-keys';
import { InMemoryTable } from './in-memory-table';

/**
 * Quarantine in memory.
 *
 * @example
 * ```ts
 * const q = new InMemoryQuarantineRepository({ ttlDays: 14 });
 * ```
 */
export class InMemoryQuarantineRepository implements QuarantineRepository {
  readonly table = new InMemoryTable('in-memory-quarantine');
  private readonly ttlDays: number;

  constructor(options: { ttlDays: number }) {
    this.ttlDays = checkTtlDays(options.ttlDays);
  }

  async quarantine(records: readonly QuarantinedRecord[]): Promise<void> {
    const items = records.map((r) => ({ id: quarantineId(r), item: quarantineItem(r, this.ttlDays) }));
    for (const { id, item } of items) this.table.put(item, id);
  }

  async list(query: QuarantineListQuery = {}): Promise<Page<StoredQuarantinedRecord>> {
    const limit = resolveLimit(query.limit, 100, 1000);
    const pk = query.shardId !== undefined ? quarantinePartition(query.shardId) : undefined;
    const start = query.cursor !== undefined ? decodeCursor(query.cursor, pk) : undefined;
    if (pk !== undefined) {
      const out = this.table.query(pk, { limit, ...(start ? { exclusiveStartSk: start.sk } : {}) });
      const items = out.items.map(quarantinedFromItem);
      return out.lastSk !== undefined ? { items, cursor: encodeCursor({ pk, sk: out.lastSk }) } : { items };
    }
    const all = this.table.scan();
    const from = start ? all.findIndex((i) => i['pk'] === start.pk && i['sk'] === start.sk) + 1 : 0;
    const page = all.slice(from, from + limit);
    const last = page[page.length - 1];
    const items = page.map(quarantinedFromItem);
    return page.length === limit && last
      ? { items, cursor: encodeCursor({ pk: String(last['pk']), sk: String(last['sk']) }) }
      : { items };
  }

  async listAll(): Promise<StoredQuarantinedRecord[]> {
    return this.table.scan().map(quarantinedFromItem).sort(compareQuarantined);
  }
}
