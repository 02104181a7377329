// In-memory alerts repository: same keys, layout and claim rule as DynamoAlertsRepository.
import type { TrendAlertDetail } from '@streamlens/alert-events';
import {
  alertFromItem,
  alertItem,
  alertKey,
  compareAlertsNewestFirst,
  type AlertKey,
  type AlertRefinement,
  type StoredAlert,
} from '../alert-items';
import { alertRange } from '../alert-range';
import type { AlertsRepository, ClaimResult } from '../alerts-repository';
import { checkTtlDays } from '../time-keys';
import { InMemoryTable } from './in-memory-table';

/**
 * Alerts in memory.
 *
 * @example
 * ```ts
 * const alerts = new InMemoryAlertsRepository({ ttlDays: 30 });
 * ```
 */
export class InMemoryAlertsRepository implements AlertsRepository {
  readonly table = new InMemoryTable('in-memory-alerts');
  private readonly ttlDays: number;

  constructor(options: { ttlDays: number }) {
    this.ttlDays = checkTtlDays(options.ttlDays);
  }

  async claim(detail: TrendAlertDetail): Promise<ClaimResult> {
    const existing = this.table.get(alertKey(detail));
    if (existing) return { created: false, alert: alertFromItem(existing) };
    const item = alertItem(detail, this.ttlDays);
    this.table.put(item, detail.alertId);
    return { created: true, alert: alertFromItem(item) };
  }

  async markPublished(key: AlertKey, eventId: string, publishedAt: string): Promise<void> {
    this.update(key, { status: 'published', publishedAt, eventId });
  }

  async refine(key: AlertKey, refinement: AlertRefinement): Promise<void> {
    this.update(key, { refinedJson: JSON.stringify(refinement) });
  }

  async listWindows(from: Date, to: Date): Promise<StoredAlert[]> {
    const { days, fromSk, toSk } = alertRange(from, to);
    return days
      .flatMap((pk) => this.table.query(pk, { skFrom: fromSk, skTo: toSk }).items.map(alertFromItem))
      .sort(compareAlertsNewestFirst);
  }

  private update(key: AlertKey, values: Record<string, unknown>): void {
    const item = this.table.get(alertKey(key));
    if (!item) {
      const error = new Error('The conditional request failed');
      error.name = 'ConditionalCheckFailedException';
      throw error;
    }
    this.table.put({ ...item, ...values }, String(item['alertId']));
  }
}
