// Test helpers: tumbling-window events as Lambda sends them, records made from posts or raw
// bytes, and in-memory sinks for the handler's logs and metrics.
import { encodePost, type SocialPost } from '@streamlens/schemas';
import type { KinesisStreamRecord } from 'aws-lambda';
import type { AggregatorMetricUnit, KinesisWindowEvent, LogSink, MetricsSink } from '../../src/types';

export const SHARD = 'shardId-000000000000';
export const STREAM_ARN = 'arn:aws:kinesis:us-east-1:000000000000:stream/posts';
/** A 30-second window: 2024-05-01T10:00:00Z – 10:00:30Z. */
export const WINDOW_START_MS = Date.UTC(2024, 4, 1, 10, 0, 0);
export const WINDOW = { start: '2024-05-01T10:00:00Z', end: '2024-05-01T10:00:30Z' } as const;

let sequence = 49_590_338_271_490_256_608_559_692_538_361_571_095_921_575_989_136_588_898n;

/** A Kinesis event record carrying `data`, arrived `offsetMs` after the window start. */
export function kinesisRecord(data: Uint8Array, offsetMs = 0, shardId = SHARD): KinesisStreamRecord {
  sequence += 1_000n;
  const sequenceNumber = sequence.toString();
  return {
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey: `pk-${sequenceNumber.slice(-6)}`,
      sequenceNumber,
      data: Buffer.from(data).toString('base64'),
      approximateArrivalTimestamp: (WINDOW_START_MS + offsetMs) / 1000,
    },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `${shardId}:${sequenceNumber}`,
    eventName: 'aws:kinesis:record',
    invokeIdentityArn: 'arn:aws:iam::000000000000:role/aggregator',
    awsRegion: 'us-east-1',
    eventSourceARN: STREAM_ARN,
  };
}

/** A record of one post. */
export function postRecord(post: SocialPost, offsetMs = 0): KinesisStreamRecord {
  return kinesisRecord(encodePost(post), offsetMs);
}

/** A post with the given text and language (null: none), valid against the schema. */
export function post(id: string, text: string, lang: string | null = 'en'): SocialPost {
  return {
    schemaVersion: 1,
    postId: id,
    source: 'x',
    author: { id: `u-${id}`, handle: `user_${id}` },
    text,
    ...(lang === null ? {} : { lang }),
    createdAt: '2024-05-01T09:59:00Z',
  };
}

/** Options of {@link windowEvent}. */
export interface WindowEventOptions {
  readonly state?: Record<string, unknown>;
  readonly final?: boolean;
  readonly endedEarly?: boolean;
  readonly shardId?: string;
  readonly window?: { readonly start: string; readonly end: string };
}

/** A tumbling-window invoke; `state` goes through JSON as Lambda carries it. */
export function windowEvent(records: readonly KinesisStreamRecord[], o: WindowEventOptions = {}): KinesisWindowEvent {
  return {
    Records: [...records],
    window: { ...(o.window ?? WINDOW) },
    state: JSON.parse(JSON.stringify(o.state ?? {})) as Record<string, unknown>,
    shardId: o.shardId ?? SHARD,
    eventSourceARN: STREAM_ARN,
    isFinalInvokeForWindow: o.final ?? false,
    isWindowTerminatedEarly: o.endedEarly ?? false,
  };
}

/** Metrics kept in memory: name → values in order. */
export class RecordedMetrics implements MetricsSink {
  readonly values = new Map<string, number[]>();
  readonly units = new Map<string, AggregatorMetricUnit>();

  addMetric(name: string, unit: AggregatorMetricUnit, value: number): void {
    this.values.set(name, [...(this.values.get(name) ?? []), value]);
    this.units.set(name, unit);
  }

  /** Sum of a metric's values (0 when never emitted). */
  total(name: string): number {
    return (this.values.get(name) ?? []).reduce((a, b) => a + b, 0);
  }
}

/** Log lines kept in memory. */
export class RecordedLogs implements LogSink {
  readonly lines: { level: string; message: string; fields: Record<string, unknown> }[] = [];

  info(message: string, fields: Record<string, unknown>): void {
    this.lines.push({ level: 'info', message, fields });
  }

  warn(message: string, fields: Record<string, unknown>): void {
    this.lines.push({ level: 'warn', message, fields });
  }

  error(message: string, fields: Record<string, unknown>): void {
    this.lines.push({ level: 'error', message, fields });
  }
}
