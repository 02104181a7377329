// Aggregator function entry point: configuration, DynamoDB client, repository, logger and
// metrics are built once per cold start; each invoke runs the window handler and publishes
// its metrics (EMF). The logic lives in window-handler.ts.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoTrendsRepository } from '@streamlens/repositories';
import type { Context } from 'aws-lambda';
import { readAggregatorConfig } from './config';
import type { KinesisWindowEvent, WindowResponse } from './types';
import { makeWindowHandler } from './window-handler';

// A missing variable fails the cold start with a message naming it.
const config = readAggregatorConfig(process.env);
const logger = new Logger({ serviceName: config.serviceName });
const metrics = new Metrics({ namespace: config.metricsNamespace, serviceName: config.serviceName });
// The default client honours AWS_ENDPOINT_URL_DYNAMODB, which the local stack sets.
const client = new DynamoDBClient({});
const trends = new DynamoTrendsRepository({ client, tableName: config.trendsTable, ttlDays: config.ttlDays });
const handleWindow = makeWindowHandler({ trends, metrics, logger, hashtagCapacity: config.hashtagCapacity });

/** Lambda handler of the aggregator's Kinesis tumbling-window event-source mapping. */
export async function handler(event: KinesisWindowEvent, context?: Context): Promise<WindowResponse> {
  if (context) logger.addContext(context);
  try {
    return await handleWindow(event);
  } catch (err) {
    logger.error('window invoke failed', err instanceof Error ? err : String(err));
    throw err;
  } finally {
    metrics.publishStoredMetrics();
  }
}
