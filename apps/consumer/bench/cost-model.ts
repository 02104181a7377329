// The cost model of the cost benchmark: AWS's billing rules (how each service rounds what it
// bills) and list prices, applied to units a run counts. Pure: counting happens elsewhere.

/** List prices the model applies, with where they come from. */
export interface PriceList {
  /** Region the prices are for (the stacks deploy to eu-west-1: see `source`). */
  readonly region: string;
  /** When the prices were taken and from where. */
  readonly source: string;
  readonly kinesis: {
    /** Provisioned mode: per shard-hour. */
    readonly shardHour: number;
    /** Provisioned mode: per million PUT payload units (25 KB chunks of a record). */
    readonly putPayloadUnitsPerMillion: number;
    /** On-demand mode: per stream-hour. */
    readonly onDemandStreamHour: number;
    /** On-demand mode: per GB written (each record rounded up to 1 KB). */
    readonly onDemandIngestPerGb: number;
    /** On-demand mode: per GB read by a standard consumer. */
    readonly onDemandRetrievalPerGb: number;
  };
  readonly lambda: {
    readonly requestsPerMillion: number;
    /** Per GB-second on arm64 (the stacks' architecture). */
    readonly gbSecondArm64: number;
  };
  readonly dynamodb: {
    /** On-demand: per million write request units. */
    readonly writeUnitsPerMillion: number;
    /** On-demand: per million read request units. */
    readonly readUnitsPerMillion: number;
    /** Standard table class: per GB-month stored. */
    readonly storageGbMonth: number;
  };
}

/**
 * The list prices of docs/DEPLOY.md "Cost notes" (us-east-1, as known mid-2025; eu-west-1, where
 * both stacks run, is typically 5–15 % higher — check the AWS pricing pages before relying on them).
 */
export const LIST_PRICES: PriceList = {
  region: 'us-east-1',
  source: 'docs/DEPLOY.md "Cost notes": AWS list prices as known mid-2025 (aws.amazon.com/<service>/pricing)',
  kinesis: {
    shardHour: 0.015,
    putPayloadUnitsPerMillion: 0.014,
    onDemandStreamHour: 0.04,
    onDemandIngestPerGb: 0.08,
    onDemandRetrievalPerGb: 0.04,
  },
  lambda: { requestsPerMillion: 0.2, gbSecondArm64: 0.0000133334 },
  dynamodb: { writeUnitsPerMillion: 0.625, readUnitsPerMillion: 0.125, storageGbMonth: 0.25 },
};

/** Kinesis bills a record's payload in 25 KB chunks (PUT payload units), at least one per record. */
export const PUT_PAYLOAD_UNIT_BYTES = 25 * 1024;
/** On-demand Kinesis rounds each record up to 1 KB of data in. */
export const ON_DEMAND_RECORD_ROUNDING_BYTES = 1024;
/** A provisioned shard takes 1 MiB/s and 1,000 records/s in and serves 2 MiB/s out (shared by standard consumers). */
export const SHARD_LIMITS = {
  bytesInPerSecond: 1024 * 1024,
  recordsInPerSecond: 1000,
  bytesOutPerSecond: 2 * 1024 * 1024,
};
const GB = 1024 ** 3;
const HOURS_PER_MONTH = 730;

/**
 * PUT payload units of one record of `bytes` (data and partition key).
 *
 * @example
 * ```ts
 * putPayloadUnits(5 * 1024); // 1
 * putPayloadUnits(45 * 1024); // 2
 * ```
 */
export function putPayloadUnits(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / PUT_PAYLOAD_UNIT_BYTES));
}

/**
 * Bytes on-demand Kinesis bills for one record of `bytes`: rounded up to the next 1 KB.
 *
 * @example
 * ```ts
 * onDemandRecordBytes(4.5 * 1024); // 5120
 * ```
 */
export function onDemandRecordBytes(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / ON_DEMAND_RECORD_ROUNDING_BYTES)) * ON_DEMAND_RECORD_ROUNDING_BYTES;
}

/** What the producer sent per post, as a run counted it. */
export interface StreamUnitsPerPost {
  /** Kinesis records per post (below 1 with KPL aggregation). */
  readonly recordsPerPost: number;
  /** Bytes (data and partition key) per post. */
  readonly bytesPerPost: number;
  /** PUT payload units per post. */
  readonly putPayloadUnitsPerPost: number;
  /** On-demand billed bytes (each record rounded up to 1 KB) per post. */
  readonly onDemandBytesPerPost: number;
}

/** Hourly stream cost at a steady rate, in both capacity modes. */
export interface StreamCostAtRate {
  readonly postsPerSecond: number;
  /** Shards a provisioned stream needs for the rate in, and for `consumers` standard readers out. */
  readonly shards: number;
  readonly provisionedPerHour: number;
  readonly onDemandPerHour: number;
  readonly provisionedPerMillionPosts: number;
  readonly onDemandPerMillionPosts: number;
}

/**
 * Stream cost at a steady `postsPerSecond`: provisioned (shard-hours for the rate in and the
 * standard consumers' reads out, plus PUT payload units) against on-demand (stream-hour, data in
 * rounded per record, data out per standard consumer).
 *
 * @example
 * ```ts
 * streamCostAtRate(1000, perPost, { consumers: 2, prices: LIST_PRICES }).shards;
 * ```
 */
export function streamCostAtRate(
  postsPerSecond: number,
  perPost: StreamUnitsPerPost,
  o: { readonly consumers: number; readonly prices: PriceList },
): StreamCostAtRate {
  const k = o.prices.kinesis;
  const bytesIn = postsPerSecond * perPost.bytesPerPost;
  const shards = Math.max(
    1,
    Math.ceil(bytesIn / SHARD_LIMITS.bytesInPerSecond),
    Math.ceil((postsPerSecond * perPost.recordsPerPost) / SHARD_LIMITS.recordsInPerSecond),
    Math.ceil((bytesIn * o.consumers) / SHARD_LIMITS.bytesOutPerSecond),
  );
  const postsPerHour = postsPerSecond * 3600;
  const provisionedPerHour =
    shards * k.shardHour + ((postsPerHour * perPost.putPayloadUnitsPerPost) / 1e6) * k.putPayloadUnitsPerMillion;
  const onDemandPerHour =
    k.onDemandStreamHour +
    ((postsPerHour * perPost.onDemandBytesPerPost) / GB) * k.onDemandIngestPerGb +
    ((postsPerHour * perPost.bytesPerPost * o.consumers) / GB) * k.onDemandRetrievalPerGb;
  const perMillion = (perHour: number) => (perHour / postsPerHour) * 1e6;
  return {
    postsPerSecond,
    shards,
    provisionedPerHour,
    onDemandPerHour,
    provisionedPerMillionPosts: perMillion(provisionedPerHour),
    onDemandPerMillionPosts: perMillion(onDemandPerHour),
  };
}

/** One function's counted work in a run. */
export interface FunctionUnits {
  readonly invokes: number;
  /** Sum of the invokes' durations, each rounded up to 1 ms as Lambda bills it. */
  readonly billedMs: number;
  readonly memoryMb: number;
}

/** Everything a run counted for `posts` stored posts. */
export interface CountedUnits {
  readonly posts: number;
  readonly putPayloadUnits: number;
  readonly functions: readonly FunctionUnits[];
  readonly dynamoWriteUnits: number;
  readonly dynamoReadUnits: number;
  /** Bytes the stored posts occupy (items and index entries), kept `retentionDays`. */
  readonly storedBytes: number;
  readonly retentionDays: number;
}

/** Cost per million posts, by line. */
export interface CostPerMillion {
  readonly kinesisPutPayloadUnits: number;
  readonly lambdaRequests: number;
  readonly lambdaCompute: number;
  readonly dynamoWrites: number;
  readonly dynamoReads: number;
  readonly storage: number;
  /** Sum of the lines (shard-hours excluded: they depend on the rate, see {@link streamCostAtRate}). */
  readonly total: number;
}

/**
 * Cost per million posts of what a run counted (on-demand DynamoDB, provisioned Kinesis PUT
 * payload units; shard-hours are rate-dependent and priced by {@link streamCostAtRate}).
 *
 * @example
 * ```ts
 * costPerMillionPosts(units, LIST_PRICES).total;
 * ```
 */
export function costPerMillionPosts(u: CountedUnits, prices: PriceList): CostPerMillion {
  if (u.posts <= 0) throw new RangeError(`posts must be positive to price per post, got ${u.posts}`);
  const perMillion = 1e6 / u.posts;
  const requests = u.functions.reduce((s, f) => s + f.invokes, 0);
  const gbSeconds = u.functions.reduce((s, f) => s + (f.billedMs / 1000) * (f.memoryMb / 1024), 0);
  const lines = {
    kinesisPutPayloadUnits: ((u.putPayloadUnits * perMillion) / 1e6) * prices.kinesis.putPayloadUnitsPerMillion,
    lambdaRequests: ((requests * perMillion) / 1e6) * prices.lambda.requestsPerMillion,
    lambdaCompute: gbSeconds * perMillion * prices.lambda.gbSecondArm64,
    dynamoWrites: ((u.dynamoWriteUnits * perMillion) / 1e6) * prices.dynamodb.writeUnitsPerMillion,
    dynamoReads: ((u.dynamoReadUnits * perMillion) / 1e6) * prices.dynamodb.readUnitsPerMillion,
    storage:
      ((u.storedBytes * perMillion) / GB) * prices.dynamodb.storageGbMonth * ((u.retentionDays * 24) / HOURS_PER_MONTH),
  };
  return { ...lines, total: Object.values(lines).reduce((s, v) => s + v, 0) };
}
