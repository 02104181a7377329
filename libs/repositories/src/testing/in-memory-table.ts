// A tiny in-memory pk/sk table with DynamoDB's query paging semantics (a full page returns a
// cursor even when nothing follows), so fakes page exactly like the real repositories.
import { estimateItemSize, MAX_ITEM_BYTES } from '../item-size';
import { ItemTooLargeError, type ItemKey } from '../errors';

/** Options of {@link InMemoryTable.query}. */
export interface InMemoryQuery {
  readonly descending?: boolean;
  readonly limit?: number;
  readonly exclusiveStartSk?: string;
  /** Inclusive sort-key bounds. */
  readonly skFrom?: string;
  readonly skTo?: string;
}

/** In-memory items by partition and sort key; stored and returned as copies. */
export class InMemoryTable {
  private readonly partitions = new Map<string, Map<string, Record<string, unknown>>>();

  constructor(readonly tableName: string) {}

  /** Stores a copy; rejects items over 400 KB like DynamoDB. */
  put(item: Record<string, unknown>, ownerId: string): void {
    const key = { pk: String(item['pk']), sk: String(item['sk']) };
    const size = estimateItemSize(item);
    if (size > MAX_ITEM_BYTES) throw new ItemTooLargeError(this.tableName, key, ownerId, size, MAX_ITEM_BYTES);
    let part = this.partitions.get(key.pk);
    if (!part) this.partitions.set(key.pk, (part = new Map()));
    part.set(key.sk, structuredClone(item));
  }

  get(key: ItemKey): Record<string, unknown> | undefined {
    const item = this.partitions.get(key.pk)?.get(key.sk);
    return item ? structuredClone(item) : undefined;
  }

  delete(key: ItemKey): void {
    this.partitions.get(key.pk)?.delete(key.sk);
  }

  /** Items of a partition in sort-key order, with DynamoDB's Limit/LastEvaluatedKey behaviour. */
  query(pk: string, q: InMemoryQuery = {}): { items: Record<string, unknown>[]; lastSk?: string } {
    let sks = [...(this.partitions.get(pk)?.keys() ?? [])].sort();
    if (q.skFrom !== undefined) sks = sks.filter((sk) => sk >= (q.skFrom as string));
    if (q.skTo !== undefined) sks = sks.filter((sk) => sk <= (q.skTo as string));
    if (q.descending) sks.reverse();
    if (q.exclusiveStartSk !== undefined) {
      const start = q.exclusiveStartSk;
      sks = sks.filter((sk) => (q.descending ? sk < start : sk > start));
    }
    const page = q.limit !== undefined ? sks.slice(0, q.limit) : sks;
    const items = page.map((sk) => this.get({ pk, sk }) as Record<string, unknown>);
    const full = q.limit !== undefined && page.length === q.limit;
    return full ? { items, lastSk: page[page.length - 1] as string } : { items };
  }

  /** Every item, ordered by partition then sort key. */
  scan(): Record<string, unknown>[] {
    return [...this.partitions.keys()].sort().flatMap((pk) => this.query(pk).items);
  }

  /** Number of stored items (all partitions). */
  get size(): number {
    return [...this.partitions.values()].reduce((n, p) => n + p.size, 0);
  }
}
