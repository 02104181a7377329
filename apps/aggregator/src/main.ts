// Aggregator function entry point: configuration, logger and metrics are built once per cold
// start, the DynamoDB client and repository on the first window write; each invoke runs the
// window handler and publishes its metrics (EMF). The logic lives in window-handler.ts.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { readAggregatorConfig } from './config';
import { lazyTrendsRepository } from './lazy-trends';
import type { KinesisWindowEvent, WindowResponse } from './types';
import { makeWindowHandler } from './window-handler';

// A missing variable fails the cold start with a message naming it.
const config = readAggregatorConfig(process.env);
const logger = new Logger({ serviceName: config.serviceName });
const metrics = new Metrics({ namespace: config.metricsNamespace, serviceName: config.serviceName });
// Only final invokes write: the AWS SDK is loaded then, not at cold start (lazy-trends.ts).
const trends = lazyTrendsRepository(() => import('./trends-store').then((m) => m.makeTrendsStore(config)));
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
