// The handler over in-memory repositories: one alert per (window, kind, hashtag) across
// redelivery, late rows and a crash between PutEvents and the record; waiting for shards;
// per-record failures; records that are not window rows skipped with a metric.
import { InMemoryAlertsRepository, InMemoryTrendsRepository } from '@streamlens/repositories/testing';
import { makeAlertHandler } from '../../src/alert-handler';
import { ALERTS_METRICS } from '../../src/constants';
import { LogRecorder, MetricsRecorder, RecordingPublisher } from '../helpers/fakes';
import {
  SHARDS,
  T0,
  THRESHOLDS,
  WINDOW_MS,
  row,
  rowRecord,
  steadyRows,
  streamEvent,
  windowStart,
} from '../helpers/stream-events';

async function setup(nowMs = T0 + 20 * WINDOW_MS) {
  const trends = new InMemoryTrendsRepository({ ttlDays: 7 });
  const alerts = new InMemoryAlertsRepository({ ttlDays: 7 });
  const publisher = new RecordingPublisher();
  const metrics = new MetricsRecorder();
  const logger = new LogRecorder();
  const clock = { now: () => nowMs };
  const handle = makeAlertHandler({
    trends,
    alerts,
    publisher,
    thresholds: THRESHOLDS,
    windowSeconds: 30,
    metrics,
    logger,
    clock,
  });
  const write = async (rows: Parameters<typeof streamEvent>[0]) => {
    for (const r of rows) await trends.putWindow(r);
    return handle(streamEvent(rows));
  };
  return { trends, alerts, publisher, metrics, logger, handle, write };
}

describe('alert handler', () => {
  it('publishes a rising tag once per (window, kind, hashtag) however often the batch is redelivered', async () => {
    // prepare: 5 steady windows, then 'gig' surges on shard 0 in window 5
    const s = await setup();
    await s.write(steadyRows(0, 5));
    const surge = steadyRows(5, 6, { window: 5, tag: 'gig', count: 80 });

    // act
    const first = await s.write(surge);
    const again = await s.handle(streamEvent(surge));

    // assess
    expect(first).toEqual({ batchItemFailures: [] });
    expect(again).toEqual({ batchItemFailures: [] });
    expect(s.publisher.published.map((d) => [d.kind, d.hashtag, d.window.start])).toEqual([
      ['rising', 'gig', windowStart(5)],
      ['new-entrant', 'gig', windowStart(5)],
    ]);
    const stored = await s.alerts.listWindows(new Date(T0), new Date(T0 + 10 * WINDOW_MS));
    expect(stored.map((a) => a.status)).toEqual(['published', 'published']);
  });

  it('waits for the shard that has not closed the window, then decides on the whole window', async () => {
    // prepare: just after window 5 ended, long before its settle time
    const s = await setup(T0 + 6 * WINDOW_MS + 1000);
    await s.write(steadyRows(0, 5));
    const [fromShard0, fromShard1] = steadyRows(5, 6, { window: 5, tag: 'gig', count: 80 });

    // act
    await s.write([fromShard0 as never]);
    const waiting = s.publisher.published.length;
    await s.write([fromShard1 as never]);

    // assess
    expect(waiting).toBe(0);
    expect(s.metrics.values.get(ALERTS_METRICS.windowsWaiting)).toBe(1);
    expect(s.publisher.published.every((d) => d.basis.complete && d.basis.shards.length === 2)).toBe(true);
    expect(s.publisher.distinctIds().size).toBe(2);
  });

  it('refines a published alert with a late row instead of publishing it again', async () => {
    // prepare: window 5 decided, then a late early-ended part of shard 1 adds to 'gig'
    const s = await setup();
    await s.write(steadyRows(0, 5));
    await s.write(steadyRows(5, 6, { window: 5, tag: 'gig', count: 80 }));

    // act
    await s.write([row(5, SHARDS[1], { gig: 30 }, 1, 1234)]);

    // assess
    expect(s.publisher.published).toHaveLength(2);
    const rising = (await s.alerts.listWindows(new Date(T0), new Date(T0 + 10 * WINDOW_MS))).find(
      (a) => a.detail.kind === 'rising',
    );
    expect(rising?.detail.figures).toMatchObject({ count: 80 });
    expect(rising?.refined?.figures).toMatchObject({ count: 110 });
    expect(s.metrics.values.get(ALERTS_METRICS.refined)).toBe(2);
  });

  it('reports the window records when the bus refuses, and publishes the stored detail on the retry', async () => {
    // prepare
    const s = await setup();
    await s.write(steadyRows(0, 5));
    const surge = steadyRows(5, 6, { window: 5, tag: 'gig', count: 80 });
    s.publisher.failNext = 1;

    // act
    for (const r of surge) await s.trends.putWindow(r);
    const event = streamEvent(surge);
    const failed = await s.handle(event);
    const retried = await s.handle(event);

    // assess
    expect(failed.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(
      event.Records.map((r) => r.dynamodb?.SequenceNumber),
    );
    expect(retried).toEqual({ batchItemFailures: [] });
    expect(s.metrics.values.get(ALERTS_METRICS.publishFailures)).toBe(2);
    expect(s.publisher.distinctIds().size).toBe(2);
  });

  it('republishes with the same id after a crash between PutEvents and the record (at least once, one id)', async () => {
    // prepare: the record update fails once after the bus accepted the alerts
    const s = await setup();
    await s.write(steadyRows(0, 5));
    const surge = steadyRows(5, 6, { window: 5, tag: 'gig', count: 80 });
    const mark = s.alerts.markPublished.bind(s.alerts);
    let crashes = 2;
    s.alerts.markPublished = async (...args) => {
      if (crashes-- > 0) throw new Error('connection reset');
      return mark(...args);
    };

    // act
    const failed = await s.write(surge);
    await s.handle(streamEvent(surge));

    // assess
    expect(failed.batchItemFailures.length).toBeGreaterThan(0);
    expect(s.publisher.published).toHaveLength(4);
    expect(s.publisher.distinctIds().size).toBe(2);
    expect(new Set(s.publisher.published.map((d) => JSON.stringify(d))).size).toBe(2);
  });

  it('skips records that are not window-row changes, naming them, without failing the batch', async () => {
    const s = await setup();
    const good = rowRecord(row(0, SHARDS[0], { news: 1 }));
    const out = await s.handle({
      Records: [
        { eventID: 'x1', eventName: 'REMOVE', dynamodb: { SequenceNumber: '1', Keys: { sk: { S: 'a' } } } },
        { eventID: 'x2', eventName: 'INSERT', dynamodb: { SequenceNumber: '2', Keys: { sk: { S: 'ALERT#x' } } } },
        { eventID: 'x3', eventName: 'INSERT', dynamodb: {} },
        good,
      ],
    });
    expect(out).toEqual({ batchItemFailures: [] });
    expect(s.metrics.values.get(ALERTS_METRICS.malformedRecords)).toBe(3);
    expect(s.logger.lines.filter((l) => l.level === 'error').map((l) => l.fields['eventID'])).toEqual([
      'x1',
      'x2',
      'x3',
    ]);
  });
});
