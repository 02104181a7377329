// Consumer function entry point (Kinesis → posts): configuration, clients, repositories,
// logger and metrics are built once per cold start; each invocation runs the record processor.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoPostsWriter, DynamoQuarantineRepository } from '@streamlens/repositories';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { Context, KinesisStreamEvent } from 'aws-lambda';
import { readConsumerConfig } from './config';
import { makeRecordProcessor, type RecordProcessorResponse } from './record-processor';

const config = readConsumerConfig(process.env);

// Region, credentials and endpoint come from the environment (AWS_ENDPOINT_URL_DYNAMODB in the
// local stack). The repositories retry with bounded full-jitter backoff themselves, so the SDK
// makes one attempt per call (retries would multiply); timeouts keep a stuck connection from
// eating the whole invocation.
const dynamo = new DynamoDBClient({
  maxAttempts: 1,
  requestHandler: new NodeHttpHandler({
    connectionTimeout: 2_000,
    requestTimeout: 5_000,
    httpAgent: { keepAlive: true },
  }),
});
const logger = new Logger({ serviceName: config.serviceName });
const metrics = new Metrics({ namespace: config.metricsNamespace, serviceName: config.serviceName });

const processRecords = makeRecordProcessor({
  posts: new DynamoPostsWriter({ client: dynamo, tableName: config.postsTable, ttlDays: config.ttlDays }),
  quarantine: new DynamoQuarantineRepository({
    client: dynamo,
    tableName: config.quarantineTable,
    ttlDays: config.ttlDays,
  }),
  clock: Date.now,
  logger,
  metrics,
  maxRecordBytes: config.maxRecordBytes,
});

/** Lambda handler of the consumer's Kinesis event-source mapping (ReportBatchItemFailures). */
export async function handler(event: KinesisStreamEvent, context?: Context): Promise<RecordProcessorResponse> {
  if (context) logger.addContext(context);
  return processRecords(event);
}
