// Alerts function entry point (trends table stream → EventBridge): configuration, clients,
// repositories, publisher, logger and metrics are built once per cold start; each invocation
// runs the alert handler and publishes its metrics (EMF). The logic lives in alert-handler.ts.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoAlertsRepository, DynamoTrendsRepository } from '@streamlens/repositories';
import type { Context } from 'aws-lambda';
import { makeAlertHandler } from './alert-handler';
import { readAlertsConfig } from './config';
import { ALERTS_METRICS } from './constants';
import { EventBridgePublisher } from './event-publisher';
import type { StreamBatchResponse, TableStreamEvent } from './types';

// A missing variable fails the cold start with a message naming it.
const config = readAlertsConfig(process.env);
const logger = new Logger({ serviceName: config.serviceName });
const metrics = new Metrics({ namespace: config.metricsNamespace, serviceName: config.serviceName });
// Default clients honour AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_EVENTBRIDGE (the local stack).
const dynamo = new DynamoDBClient({});
const events = new EventBridgeClient({});
const handleBatch = makeAlertHandler({
  trends: new DynamoTrendsRepository({ client: dynamo, tableName: config.trendsTable, ttlDays: config.ttlDays }),
  alerts: new DynamoAlertsRepository({ client: dynamo, tableName: config.alertsTable, ttlDays: config.ttlDays }),
  publisher: new EventBridgePublisher({
    client: events,
    eventBusName: config.eventBusName,
    onRetry: (n) => metrics.addMetric(ALERTS_METRICS.entryRetries, 'Count', n),
  }),
  thresholds: config.thresholds,
  windowSeconds: config.windowSeconds,
  metrics,
  logger,
});

/** Lambda handler of the trends table's stream mapping (ReportBatchItemFailures). */
export async function handler(event: TableStreamEvent, context?: Context): Promise<StreamBatchResponse> {
  if (context) logger.addContext(context);
  try {
    return await handleBatch(event);
  } finally {
    metrics.publishStoredMetrics();
  }
}
