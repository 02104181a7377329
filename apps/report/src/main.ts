// Report function entry point: configuration, DynamoDB client, repositories and logger are
// built once per cold start; each invocation runs the report handler.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoAlertsRepository, DynamoPostsReader, DynamoTrendsRepository } from '@streamlens/repositories';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { cloudWatchHealthSource } from './api/cloudwatch-health-source';
import { httpHealthSource, type PipelineHealthSource } from './api/pipeline-health';
import { readReportConfig } from './config';
import { makeReportHandler } from './http/handler';

const config = readReportConfig(process.env);
// The default client honours AWS_ENDPOINT_URL_DYNAMODB, which the local stack sets to dynalite.
const client = new DynamoDBClient({});
// Deployed: CloudWatch (its SDK loads on the first /api/v1/pipeline request); locally: the stack.
const health: PipelineHealthSource | undefined = config.cloudWatchHealth
  ? cloudWatchHealthSource({ settings: config.cloudWatchHealth })
  : config.pipelineHealthUrl
    ? httpHealthSource(config.pipelineHealthUrl)
    : undefined;
const logger = new Logger({ serviceName: process.env['POWERTOOLS_SERVICE_NAME'] || 'report' });
const handle = makeReportHandler({
  trends: new DynamoTrendsRepository({ client, tableName: config.trendsTable, ttlDays: config.retentionDays }),
  posts: new DynamoPostsReader({ client, tableName: config.postsTable }),
  ...(config.alertsTable
    ? { alerts: new DynamoAlertsRepository({ client, tableName: config.alertsTable, ttlDays: config.retentionDays }) }
    : {}),
  config,
  logger,
  ...(health ? { health } : {}),
});

/** Lambda handler of the report Function URL / HTTP API (payload format 2.0). */
export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  return handle(event);
}
