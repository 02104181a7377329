// The e2e benchmark's stage split: each post's latency cut at arrival, invoke start, handler
// start and invoke end, using the invoke that was running when the post was ingested.
import { stageBreakdown } from '../../bench/latency-stages';
import type { InvokeSpan } from '../../bench/invoke-timings';

const span = (startMs: number, endMs: number, records = 2): InvokeSpan => ({ startMs, endMs, ok: true, records });

it('splits each post at arrival, invoke start, ingestion and invoke end', () => {
  // prepare: two posts of one record, stored by one invoke
  const invoke = span(1_500, 2_300);
  const posts = [
    { producedAt: 1_000, arrivedAt: 1_100, ingestedAt: 1_520, eventId: 's:1' },
    { producedAt: 1_050, arrivedAt: 1_100, ingestedAt: 1_520, eventId: 's:1' },
  ];
  // act
  const b = stageBreakdown(posts, (id) => (id === 's:1' ? [invoke] : []));
  // assess
  expect(b.stages.producer).toEqual({ p50: 50, p99: 100, max: 100 });
  expect(b.stages.beforeInvoke).toEqual({ p50: 400, p99: 400, max: 400 });
  expect(b.stages.invoke).toEqual({ p50: 20, p99: 20, max: 20 });
  expect(b.stages.handler).toEqual({ p50: 780, p99: 780, max: 780 });
  expect(b.stages.total).toEqual({ p50: 1_250, p99: 1_300, max: 1_300 });
  expect(b.postsPerInvoke).toEqual({ p50: 2, p99: 2, max: 2 });
  expect(b.unmatched).toBe(0);
});

it('charges a retried record to the invoke that stored it and counts posts with no timed invoke', () => {
  // prepare: the record failed in a first invoke and was stored by the retry
  const failed = span(1_000, 1_200);
  const retry = span(3_000, 3_400);
  const posts = [
    { producedAt: 500, arrivedAt: 600, ingestedAt: 3_010, eventId: 's:7' },
    { producedAt: 500, arrivedAt: 600, ingestedAt: 3_010, eventId: 's:unknown' },
  ];
  // act
  const b = stageBreakdown(posts, (id) => (id === 's:7' ? [failed, retry] : []));
  // assess
  expect(b.stages.beforeInvoke.max).toBe(2_400);
  expect(b.stages.total.max).toBe(2_900);
  expect(b.unmatched).toBe(1);
});
