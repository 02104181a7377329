// Contract of the alerts store: the durable record of what was decided and published, keyed by
// (window, kind, hashtag), which makes publishing exactly once per key.
import type { TrendAlertDetail } from '@streamlens/alert-events';
import type { AlertKey, AlertRefinement, StoredAlert } from './alert-items';

/** Outcome of {@link AlertsRepository.claim}. */
export interface ClaimResult {
  /** True when this call stored the alert; false when one was already stored for its key. */
  readonly created: boolean;
  /** The stored alert (the existing one when `created` is false). */
  readonly alert: StoredAlert;
}

/** Stores trend alerts. */
export interface AlertsRepository {
  /**
   * Stores the alert as pending unless one exists for its (window, kind, hashtag): a conditional
   * write, so of two deciders exactly one creates it.
   */
  claim(detail: TrendAlertDetail): Promise<ClaimResult>;
  /** Records that the bus accepted the alert (idempotent: the last event id wins). */
  markPublished(key: AlertKey, eventId: string, publishedAt: string): Promise<void>;
  /** Records a later decision's figures for a stored alert. */
  refine(key: AlertKey, refinement: AlertRefinement): Promise<void>;
  /** Alerts whose window starts in [from, to), newest window first. */
  listWindows(from: Date, to: Date): Promise<StoredAlert[]>;
}
