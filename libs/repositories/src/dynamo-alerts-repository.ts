// Alerts on DynamoDB: conditional claim, then status updates on the claimed item.
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TrendAlertDetail } from '@streamlens/alert-events';
import {
  alertFromItem,
  alertItem,
  alertKey,
  compareAlertsNewestFirst,
  type AlertKey,
  type AlertRefinement,
  type StoredAlert,
} from './alert-items';
import type { AlertsRepository, ClaimResult } from './alerts-repository';
import { alertRange } from './alert-range';
import { queryDayRange } from './day-range-query';
import { documentClient, type DynamoRepositoryOptions } from './repository-options';
import { resolveRetry, type ResolvedRetry } from './retry-policy';
import { checkTtlDays } from './time-keys';
import { retryOrThrow } from './with-retry';

/** Options of {@link DynamoAlertsRepository}. */
export interface DynamoAlertsRepositoryOptions extends DynamoRepositoryOptions {
  /** Alerts expire this many days after their window end. */
  readonly ttlDays: number;
}

/**
 * Alerts on DynamoDB. `claim` is a PutItem with `attribute_not_exists(pk)`: no transactions
 * (dynalite has none), and none needed — the item is the whole record of an alert.
 *
 * @example
 * ```ts
 * const alerts = new DynamoAlertsRepository({ client, tableName, ttlDays: 30 });
 * const { created, alert } = await alerts.claim(detail);
 * ```
 */
export class DynamoAlertsRepository implements AlertsRepository {
  private readonly doc: DynamoDBDocumentClient;
  private readonly retry: ResolvedRetry;
  private readonly ttlDays: number;

  constructor(private readonly options: DynamoAlertsRepositoryOptions) {
    this.doc = documentClient(options);
    this.retry = resolveRetry(options.retry);
    this.ttlDays = checkTtlDays(options.ttlDays);
  }

  async claim(detail: TrendAlertDetail): Promise<ClaimResult> {
    const item = alertItem(detail, this.ttlDays);
    try {
      await retryOrThrow(
        () =>
          this.doc.send(
            new PutCommand({
              TableName: this.options.tableName,
              Item: item,
              ConditionExpression: 'attribute_not_exists(pk)',
            }),
          ),
        this.retry,
      );
      return { created: true, alert: alertFromItem(item) };
    } catch (error) {
      if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
      // Someone stored it first — or our own earlier attempt whose answer was lost: either way
      // the stored item is the truth (its detail is the one to publish).
      const out = await retryOrThrow(
        () =>
          this.doc.send(
            new GetCommand({ TableName: this.options.tableName, Key: alertKey(detail), ConsistentRead: true }),
          ),
        this.retry,
      );
      return { created: false, alert: alertFromItem(out.Item ?? item) };
    }
  }

  async markPublished(key: AlertKey, eventId: string, publishedAt: string): Promise<void> {
    await this.update(key, 'SET #status = :published, publishedAt = :at, eventId = :id', {
      ':published': 'published',
      ':at': publishedAt,
      ':id': eventId,
    });
  }

  async refine(key: AlertKey, refinement: AlertRefinement): Promise<void> {
    await this.update(key, 'SET refinedJson = :r', { ':r': JSON.stringify(refinement) });
  }

  async listWindows(from: Date, to: Date): Promise<StoredAlert[]> {
    const items = await queryDayRange(
      this.doc,
      this.options.tableName,
      alertRange(from, to),
      this.retry,
      this.options.capacity,
    );
    return items.map(alertFromItem).sort(compareAlertsNewestFirst);
  }

  // An update never creates an item: a status for an alert nobody claimed is a caller's bug.
  private async update(key: AlertKey, expression: string, values: Record<string, unknown>): Promise<void> {
    await retryOrThrow(
      () =>
        this.doc.send(
          new UpdateCommand({
            TableName: this.options.tableName,
            Key: alertKey(key),
            UpdateExpression: expression,
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: values,
            ...(expression.includes('#status') ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
          }),
        ),
      this.retry,
    );
  }
}
