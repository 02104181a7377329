// Quarantine on DynamoDB.
import { QueryCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TABLE_SPECS } from '@streamlens/tables';
import { batchWrite, putEntry } from './batch-writer';
import { decodeCursor, encodeCursor, resolveLimit, type Page } from './cursor';
import { UnprocessedItemsError } from './errors';
import { keyOf } from './item-key';
import {
  compareQuarantined,
  quarantinedFromItem,
  quarantineId,
  quarantineItem,
  quarantinePartition,
  type QuarantinedRecord,
  type StoredQuarantinedRecord,
} from './quarantine-items';
import type { QuarantineListQuery, QuarantineRepository } from './quarantine-repository';
import { documentClient, type DynamoRepositoryOptions } from './repository-options';
import { resolveRetry, type ResolvedRetry } from './retry-policy';
import { checkTtlDays } from './time-keys';
import { retryOrThrow } from './with-retry';

/** Options of {@link DynamoQuarantineRepository}. */
export interface DynamoQuarantineRepositoryOptions extends DynamoRepositoryOptions {
  /** Records expire this many days after quarantining. */
  readonly ttlDays: number;
}

/**
 * Quarantine on DynamoDB.
 *
 * @example
 * ```ts
 * const q = new DynamoQuarantineRepository({ client, tableName, ttlDays: 14 });
 * await q.quarantine([{ shardId, sequenceNumber, arrivedAt, quarantinedAt, reason: 'not-json', errorDetails, payload }]);
 * ```
 */
export class DynamoQuarantineRepository implements QuarantineRepository {
  private readonly doc: DynamoDBDocumentClient;
  private readonly retry: ResolvedRetry;
  private readonly ttlDays: number;

  constructor(private readonly options: DynamoQuarantineRepositoryOptions) {
    this.doc = documentClient(options);
    this.retry = resolveRetry(options.retry);
    this.ttlDays = checkTtlDays(options.ttlDays);
  }

  async quarantine(records: readonly QuarantinedRecord[]): Promise<void> {
    const entries = records.map((r) => putEntry(quarantineId(r), quarantineItem(r, this.ttlDays)));
    const outcome = await batchWrite(this.doc, this.options.tableName, entries, {
      retry: this.retry,
      spec: TABLE_SPECS.quarantine,
      ...(this.options.capacity ? { capacity: this.options.capacity } : {}),
    });
    const firstRejected = outcome.rejected[0];
    if (outcome.giveUp) {
      const rejected = outcome.rejected.map((r) => ({ id: r.entry.ownerId, error: r.error }));
      const partial = { writtenIds: outcome.written.map((e) => e.ownerId), skippedIds: [], rejected };
      throw new UnprocessedItemsError(
        this.options.tableName,
        outcome.unwritten.map((e) => e.ownerId),
        outcome.unwritten.map((e) => e.key),
        outcome.giveUp,
        partial,
      );
    }
    if (firstRejected) throw firstRejected.error;
  }

  async list(query: QuarantineListQuery = {}): Promise<Page<StoredQuarantinedRecord>> {
    const limit = resolveLimit(query.limit, 100, 1000);
    const pk = query.shardId !== undefined ? quarantinePartition(query.shardId) : undefined;
    const start = query.cursor !== undefined ? decodeCursor(query.cursor, pk) : undefined;
    const common = {
      TableName: this.options.tableName,
      Limit: limit,
      ConsistentRead: true,
      ...(start ? { ExclusiveStartKey: { pk: start.pk, sk: start.sk } } : {}),
    };
    const out = await retryOrThrow(
      () =>
        pk !== undefined
          ? this.doc.send(
              new QueryCommand({
                ...common,
                KeyConditionExpression: 'pk = :pk',
                ExpressionAttributeValues: { ':pk': pk },
              }),
            )
          : this.doc.send(new ScanCommand(common)),
      this.retry,
    );
    const items = (out.Items ?? []).map(quarantinedFromItem);
    return out.LastEvaluatedKey ? { items, cursor: encodeCursor(keyOf(out.LastEvaluatedKey)) } : { items };
  }

  async listAll(): Promise<StoredQuarantinedRecord[]> {
    const all: StoredQuarantinedRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.list({ limit: 1000, ...(cursor !== undefined ? { cursor } : {}) });
      all.push(...page.items);
      cursor = page.cursor;
    } while (cursor !== undefined);
    return all.sort(compareQuarantined);
  }
}
