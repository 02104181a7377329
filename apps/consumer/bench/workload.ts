// The benchmark's stream: realistic posts from the producer's synthetic stream (log-normal text
// lengths, Unicode hashtags, emoji, several scripts), 0.5 % poison (0.1 % of each kind), 10 % of
// the posts travelling inside KPL aggregates (2–20 per aggregate), cut into Lambda events of
// `batchSize` Kinesis records exactly as the event-source mapping shapes them. Deterministic.
import { encodeAggregatedRecord, SyntheticSocialStream } from '@streamlens/kinesis';
import type { KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';

/** Options of {@link buildWorkload}. */
export interface WorkloadOptions {
  /** User records (posts and poison) in the stream. */
  readonly userRecords: number;
  /** Kinesis records per Lambda event. */
  readonly batchSize: number;
  readonly seed: number;
  /** Size of a too-large poison record (above the benchmark's maxRecordBytes). */
  readonly tooLargeBytes: number;
}

/** The stream as Lambda events, and what it holds. */
export interface Workload {
  readonly events: KinesisStreamEvent[];
  readonly userRecords: number;
  readonly kinesisRecords: number;
  readonly aggregates: number;
  readonly poison: number;
  /** Post ids of the valid posts. */
  readonly postIds: string[];
}

const SHARD = 'shardId-000000000000';
const ARN = 'arn:aws:kinesis:us-east-1:000000000000:stream/bench';
const FIRST_SEQUENCE = 49590338271490256608559692538361571095921575989136588898n;
const START_MS = Date.UTC(2025, 0, 15, 12);

function eventRecord(data: Uint8Array, partitionKey: string, n: number, arrivalMs: number): KinesisStreamRecord {
  const sequenceNumber = (FIRST_SEQUENCE + BigInt(n) * 1_000_000n).toString();
  return {
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey,
      sequenceNumber,
      data: Buffer.from(data).toString('base64'),
      approximateArrivalTimestamp: arrivalMs / 1000,
    },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `${SHARD}:${sequenceNumber}`,
    eventName: 'aws:kinesis:record',
    invokeIdentityArn: 'arn:aws:iam::000000000000:role/consumer',
    awsRegion: 'us-east-1',
    eventSourceARN: ARN,
  };
}

/** Builds the stream. */
export function buildWorkload(options: WorkloadOptions): Workload {
  const stream = new SyntheticSocialStream({
    seed: options.seed,
    // No edits: the baseline writes unconditionally and in parallel, so an edit and its original
    // in one batch could land in either order there; the comparison of stored items must be exact.
    editRate: 0,
    poisonRates: {
      'not-utf8': 0.001,
      'not-json': 0.001,
      'schema-violation': 0.001,
      'unknown-version': 0.001,
      'too-large': 0.001,
    },
    tooLargeBytes: options.tooLargeBytes,
  });
  const records: KinesisStreamRecord[] = [];
  const postIds: string[] = [];
  let aggregates = 0;
  let poison = 0;
  let made = 0;
  let n = 0;
  const next = () => {
    const r = stream.next(START_MS + made * 5);
    made++;
    if (r.poison) poison++;
    else if (r.post) postIds.push(r.post.postId);
    return r;
  };
  // A deterministic share: every 10th post goes into an aggregate of 2–20 (mean 11), so 10 % of
  // the posts (and ~1 % of the Kinesis records) arrive KPL-aggregated.
  let aggregatedBudget = 0;
  while (made < options.userRecords) {
    const arrival = START_MS + made * 5 + 200;
    if (aggregatedBudget >= 11 && options.userRecords - made >= 2) {
      const size = Math.min(options.userRecords - made, 2 + (n % 19));
      const entries = Array.from({ length: size }, () => next()).map((r) => ({
        partitionKey: r.partitionKey,
        data: r.data,
      }));
      records.push(eventRecord(encodeAggregatedRecord(entries), 'aggregate', n++, arrival));
      aggregates++;
      aggregatedBudget -= size;
      continue;
    }
    const r = next();
    aggregatedBudget += 1 / 9;
    records.push(eventRecord(r.data, r.partitionKey, n++, arrival));
  }
  const events: KinesisStreamEvent[] = [];
  for (let i = 0; i < records.length; i += options.batchSize)
    events.push({ Records: records.slice(i, i + options.batchSize) });
  return { events, userRecords: made, kinesisRecords: records.length, aggregates, poison, postIds };
}
