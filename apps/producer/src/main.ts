// Ingest function entry point: configuration, Kinesis client and producer are built once per
// cold start; each invocation runs the ingest handler and publishes the producer's metrics.
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { KinesisProducer, toEmf } from '@streamlens/kinesis';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { readIngestConfig } from './config';
import { makeIngestHandler } from './ingest/ingest-handler';

const config = readIngestConfig(process.env);
// HTTP/1.1 handler: works for AWS and for the local stack's plain-HTTP kinesalite
// (AWS_ENDPOINT_URL_KINESIS); the SDK's default HTTP/2 handler does not.
const client = new KinesisClient({ requestHandler: new NodeHttpHandler({ httpAgent: { keepAlive: true } }) });
// `streamlens:producer` as the stack set it. A request waits for its puts, so records never
// outlive an invocation in the buffer; the function's timeout is the record TTL plus a margin
// (config's functionSize), so a throttled line reports "failed" instead of timing out.
const producer = new KinesisProducer({
  client,
  streamName: config.streamName,
  aggregation: config.aggregation,
  maxBufferedTimeMs: config.maxBufferedTimeMs,
  recordTtlMs: config.recordTtlMs,
  rateLimit: { recordsPerSecond: config.recordsPerSecondPerShard, bytesPerSecond: config.bytesPerSecondPerShard },
});
const ingest = makeIngestHandler({ sink: producer, limits: config });

/** Lambda handler of the ingest Function URL. */
export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  try {
    return await ingest(event);
  } finally {
    console.log(
      JSON.stringify(
        toEmf(producer.takeMetricsInterval(), {
          namespace: 'StreamLens/Producer',
          dimensions: { StreamName: config.streamName },
        }),
      ),
    );
  }
}
