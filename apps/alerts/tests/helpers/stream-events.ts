// Factories for alert tests: trend rows of 30-second windows and the DynamoDB stream records
// their writes produce, in AWS's exact shape (NEW_AND_OLD_IMAGES).
import { marshall } from '@aws-sdk/util-dynamodb';
import type { AlertThresholds } from '@streamlens/config';
import type { WindowAggregate } from '@streamlens/schemas';
import { makeWindowRow } from '@streamlens/testing';
import type { TableStreamEvent, TableStreamRecord } from '../../src/types';

export const WINDOW_MS = 30_000;
export const T0 = Date.UTC(2026, 11, 5, 10, 0, 0);
export const SHARDS = ['shardId-000000000000', 'shardId-000000000001'] as const;

export function windowStart(i: number): string {
  return new Date(T0 + i * WINDOW_MS).toISOString();
}

/** A row of window `i` of one shard: tag → count, each post scoring `sentiment`. */
export function row(
  i: number,
  shardId: string,
  tags: Record<string, number>,
  sentiment = 1,
  part = 0,
): WindowAggregate {
  const counts = Object.fromEntries(Object.entries(tags).map(([tag, n]) => [tag, [n, n * sentiment] as const]));
  return makeWindowRow({ windowStart: windowStart(i), windowMs: WINDOW_MS, shardId, tags: counts, part });
}

/** Rows of windows [from, to) of both shards with a steady mix, plus extra counts in one window. */
export function steadyRows(from: number, to: number, surge?: { window: number; tag: string; count: number }) {
  const rows: WindowAggregate[] = [];
  for (let i = from; i < to; i++) {
    for (const shard of SHARDS) {
      const extra = surge && surge.window === i && shard === SHARDS[0] ? { [surge.tag]: surge.count } : {};
      rows.push(row(i, shard, { news: 20, cats: 5, ...extra }));
    }
  }
  return rows;
}

let seq = 1000;

/** The stream record of a window row's INSERT (or MODIFY with `old`). */
export function rowRecord(r: WindowAggregate, old?: WindowAggregate): TableStreamRecord {
  const sk = `${r.windowStart}#${r.shardId}#${String(r.part).padStart(6, '0')}`;
  const keys = { pk: `DAY#${r.windowStart.slice(0, 10)}`, sk };
  const image = { ...keys, ...r, hashtagsJson: JSON.stringify(r.hashtags) };
  seq += 1;
  return {
    eventID: `e${seq}`,
    eventName: old ? 'MODIFY' : 'INSERT',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    eventSourceARN: 'arn:aws:dynamodb:us-east-1:000000000000:table/trends/stream/2026-12-05T00:00:00.000',
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(Date.parse(r.windowEnd) / 1000),
      Keys: marshall(keys) as never,
      NewImage: marshall(image, { removeUndefinedValues: true, convertClassInstanceToMap: true }),
      ...(old ? { OldImage: marshall({ ...keys, ...old, hashtagsJson: JSON.stringify(old.hashtags) }) } : {}),
      SequenceNumber: String(seq).padStart(21, '0'),
      SizeBytes: 512,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  } as TableStreamRecord;
}

/** An event of the records of some rows. */
export function streamEvent(rows: readonly WindowAggregate[]): TableStreamEvent {
  return { Records: rows.map((r) => rowRecord(r)) };
}

/** Thresholds small enough for hand-built rows. */
export const THRESHOLDS: AlertThresholds = {
  baseline: { windows: 5, minWindows: 3 },
  rising: { enabled: true, zScore: 3, minCount: 20, minRatio: 2 },
  newEntrant: { enabled: true, topN: 3, minCount: 20 },
  sentimentSwing: { enabled: false, minDelta: 2, minCount: 20, baselineMinCount: 50 },
  settleSeconds: 300,
};
