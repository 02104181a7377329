// Aggregator flow: the first window write → the DynamoDB client and trends repository. Loaded
// with import() by main.ts, so the AWS SDK stays out of the cold start.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoTrendsRepository, type TrendsRepository } from '@streamlens/repositories';
import type { AggregatorConfig } from './config';

/**
 * The trends repository of the configured table. The default client honours
 * AWS_ENDPOINT_URL_DYNAMODB, which the local stack sets.
 *
 * @example
 * ```ts
 * const trends = makeTrendsStore(readAggregatorConfig(process.env));
 * ```
 */
export function makeTrendsStore(config: AggregatorConfig): TrendsRepository {
  const client = new DynamoDBClient({});
  return new DynamoTrendsRepository({ client, tableName: config.trendsTable, ttlDays: config.ttlDays });
}
