// SDK clients pointed at an emulator endpoint. Lambda bundles do not use these: they build
// default clients that honour AWS_ENDPOINT_URL_* variables set by the local stack.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';

/** Credentials the emulators accept (they check none). */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

/** Region used for every local resource and ARN. */
export const LOCAL_REGION = 'us-east-1';

/**
 * A Kinesis client for an emulator. The SDK's Kinesis client speaks HTTP/2 by default, which
 * kinesalite does not, so the plain HTTP/1.1 handler is set here.
 */
export function makeKinesisClient(endpoint: string, options: { maxSockets?: number } = {}): KinesisClient {
  return new KinesisClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({ httpAgent: { keepAlive: true, maxSockets: options.maxSockets ?? 50 } }),
  });
}

/**
 * A DynamoDB client for an emulator. One attempt by default (tests see every error as it is);
 * `maxAttempts` > 1 lets the SDK retry transient errors (a dropped connection to a busy JVM).
 */
export function makeDynamoClient(
  endpoint: string,
  options: { maxSockets?: number; maxAttempts?: number } = {},
): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: options.maxAttempts ?? 1,
    requestHandler: new NodeHttpHandler({ httpAgent: { keepAlive: true, maxSockets: options.maxSockets ?? 50 } }),
  });
}

/** An S3 client for s3rver: path-style addressing (no bucket subdomains on loopback). */
export function makeS3Client(endpoint: string): S3Client {
  return new S3Client({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    forcePathStyle: true,
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({ httpAgent: { keepAlive: true, maxSockets: 10 } }),
  });
}
