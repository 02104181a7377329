// Names of the environment variables the functions read: the builder writes them, the readers in
// each function's main.ts read them; nothing else spells them.

/** Environment variables set from the stack config (and the stack's resources). */
export const ENV = {
  postsTable: 'POSTS_TABLE',
  trendsTable: 'TRENDS_TABLE',
  quarantineTable: 'QUARANTINE_TABLE',
  alertsTable: 'ALERTS_TABLE',
  eventBusName: 'EVENT_BUS_NAME',
  alertThresholds: 'ALERT_THRESHOLDS',
  streamName: 'STREAM_NAME',
  ttlDays: 'TTL_DAYS',
  windowSeconds: 'WINDOW_SECONDS',
  reportAuth: 'REPORT_AUTH',
  oidcIssuer: 'OIDC_ISSUER',
  oidcAudience: 'OIDC_AUDIENCE',
  oidcClientId: 'OIDC_CLIENT_ID',
  oidcScope: 'OIDC_SCOPE',
  /** The report's CloudWatch pipeline-health names, JSON (pipeline-health.ts); deployed stacks only. */
  pipelineHealthCloudWatch: 'PIPELINE_HEALTH_CLOUDWATCH',
  producerAggregation: 'PRODUCER_AGGREGATION',
  producerMaxBufferedTimeMs: 'PRODUCER_MAX_BUFFERED_TIME_MS',
  producerRecordTtlMs: 'PRODUCER_RECORD_TTL_MS',
  producerRecordsPerSecondPerShard: 'PRODUCER_RECORDS_PER_SECOND_PER_SHARD',
  producerBytesPerSecondPerShard: 'PRODUCER_BYTES_PER_SECOND_PER_SHARD',
  serviceName: 'POWERTOOLS_SERVICE_NAME',
  metricsNamespace: 'POWERTOOLS_METRICS_NAMESPACE',
  logLevel: 'POWERTOOLS_LOG_LEVEL',
  nodeOptions: 'NODE_OPTIONS',
} as const;

/** CloudWatch namespace Powertools Metrics writes to (POWERTOOLS_METRICS_NAMESPACE). */
export const METRICS_NAMESPACE = 'StreamLens';
