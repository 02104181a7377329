import type { FunctionRole } from '@streamlens/config';

// Fixed values of the deployed system, shared by the components and their pure helpers.

/** Custom metric the consumer emits per quarantined record (dimension service=consumer). */
export const QUARANTINE_METRIC = 'Quarantined';

/** SQS's maximum retention (14 days): the time an operator has to redrive a failed batch. */
export const DLQ_RETENTION_SECONDS = 14 * 24 * 60 * 60;

/**
 * Days an S3 on-failure record is kept (bucket lifecycle): longer than any stream retention short
 * of a year, so a redrive can still replay a batch whose records the stream has dropped.
 */
export const FAILURE_BUCKET_RETENTION_DAYS = 30;

/** The AWS managed key of Kinesis: no key policy or grants to manage, no monthly key fee. */
export const KINESIS_MANAGED_KEY = 'alias/aws/kinesis';

/** Lambda handler inside every bundle: dist/apps/<app>/main.cjs exports `handler`. */
export const LAMBDA_HANDLER = 'main.handler';

/**
 * The files of a bundle directory that go into the function's zip, and nothing else (the
 * producer's directory also holds the load generator). The source map carries mappings only
 * (built with sourcesContent: false, ~1.1 MB instead of ~3.2 MB), enough for
 * `--enable-source-maps` to print TypeScript file:line in stack traces.
 */
export const BUNDLE_FILES = ['main.cjs', 'main.cjs.map'] as const;

/**
 * The AWS APIs each function's own code calls (VPC endpoint service names). Logs and metrics
 * are not among them: Lambda ships stdout (Powertools EMF included) itself, and the on-failure
 * destinations are written by the Lambda service, not by the functions.
 */
export const FUNCTION_AWS_APIS: Readonly<Record<FunctionRole, readonly string[]>> = {
  consumer: ['dynamodb'],
  aggregator: ['dynamodb'],
  report: ['dynamodb', 'monitoring'],
  ingest: ['kinesis-streams'],
  alerts: ['dynamodb', 'events'],
};

/**
 * Shard-level metrics enabled on the stream, to find hot shards. Each is billed as a custom
 * metric per shard, so only the five that diagnose skew and throttling are on.
 */
export const SHARD_LEVEL_METRICS = [
  'IncomingBytes',
  'IncomingRecords',
  'WriteProvisionedThroughputExceeded',
  'ReadProvisionedThroughputExceeded',
  'IteratorAgeMilliseconds',
] as const;
