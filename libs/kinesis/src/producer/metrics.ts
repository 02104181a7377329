// Counters behind producer.metrics(): cumulative totals plus per-interval deltas for a sink.
import type { DurationStats, ProducerMetricsSnapshot } from './types';

class Duration {
  count = 0;
  sum = 0;
  max = 0;
  record(ms: number): void {
    this.count++;
    this.sum += ms;
    if (ms > this.max) this.max = ms;
  }
  stats(): DurationStats {
    return { count: this.count, sum: this.sum, max: this.max, avg: this.count ? this.sum / this.count : 0 };
  }
}

class Counters {
  userRecordsReceived = 0;
  userRecordsPut = 0;
  userRecordsDataPut = 0;
  kinesisRecordsPut = 0;
  kinesisRecordsDataPut = 0;
  kinesisRecordsSent = 0;
  putRecordsRequests = 0;
  retries = 0;
  userRecordExpired = 0;
  userRecordsFailed = 0;
  allErrors = 0;
  shardMapLoads = 0;
  backPressureWaits = 0;
  readonly errorsByCode: Record<string, number> = {};
  readonly bufferingTime = new Duration();
  readonly requestTime = new Duration();

  constructor(readonly start: number) {}
}

/** Collects producer metrics; one instance per producer. */
export class ProducerMetrics {
  private total: Counters;
  private interval: Counters;

  constructor(now: number) {
    this.total = new Counters(now);
    this.interval = new Counters(now);
  }

  /** Applies `update` to both the cumulative and the interval counters. */
  private each(update: (c: Counters) => void): void {
    update(this.total);
    update(this.interval);
  }

  received(): void {
    this.each((c) => c.userRecordsReceived++);
  }
  put(userRecords: number, userBytes: number, kinesisBytes: number): void {
    this.each((c) => {
      c.userRecordsPut += userRecords;
      c.userRecordsDataPut += userBytes;
      c.kinesisRecordsPut++;
      c.kinesisRecordsDataPut += kinesisBytes;
    });
  }
  request(kinesisRecords: number, ms: number): void {
    this.each((c) => {
      c.putRecordsRequests++;
      c.kinesisRecordsSent += kinesisRecords;
      c.requestTime.record(ms);
    });
  }
  retried(userRecords: number): void {
    this.each((c) => (c.retries += userRecords));
  }
  expired(): void {
    this.each((c) => c.userRecordExpired++);
  }
  failed(): void {
    this.each((c) => c.userRecordsFailed++);
  }
  error(code: string, count = 1): void {
    this.each((c) => {
      c.allErrors += count;
      c.errorsByCode[code] = (c.errorsByCode[code] ?? 0) + count;
    });
  }
  buffered(ms: number): void {
    this.each((c) => c.bufferingTime.record(ms));
  }
  shardMapLoaded(): void {
    this.each((c) => c.shardMapLoads++);
  }
  backPressure(): void {
    this.each((c) => c.backPressureWaits++);
  }

  /** Totals since the producer started. */
  snapshot(now: number, pending: number): ProducerMetricsSnapshot {
    return toSnapshot(this.total, now, pending);
  }

  /** Counters since the previous call (or the start), then starts a new interval. */
  takeInterval(now: number, pending: number): ProducerMetricsSnapshot {
    const snap = toSnapshot(this.interval, now, pending);
    this.interval = new Counters(now);
    return snap;
  }
}

function toSnapshot(c: Counters, now: number, pending: number): ProducerMetricsSnapshot {
  const settled = c.userRecordsPut + c.userRecordExpired;
  return {
    periodStart: c.start,
    periodEnd: now,
    UserRecordsReceived: c.userRecordsReceived,
    UserRecordsPending: pending,
    UserRecordsPut: c.userRecordsPut,
    UserRecordsDataPut: c.userRecordsDataPut,
    KinesisRecordsPut: c.kinesisRecordsPut,
    KinesisRecordsDataPut: c.kinesisRecordsDataPut,
    PutRecordsRequests: c.putRecordsRequests,
    UserRecordsPerKinesisRecord: c.kinesisRecordsPut ? c.userRecordsPut / c.kinesisRecordsPut : 0,
    KinesisRecordsPerPutRecordsRequest: c.putRecordsRequests ? c.kinesisRecordsSent / c.putRecordsRequests : 0,
    RetriesPerRecord: settled ? c.retries / settled : 0,
    UserRecordExpired: c.userRecordExpired,
    UserRecordsFailed: c.userRecordsFailed,
    ErrorsByCode: { ...c.errorsByCode },
    AllErrors: c.allErrors,
    BufferingTime: c.bufferingTime.stats(),
    RequestTime: c.requestTime.stats(),
    ShardMapLoads: c.shardMapLoads,
    BackPressureWaits: c.backPressureWaits,
  };
}
