// Helpers of the fault proxy tests: SDK clients that retry, raw HTTP calls, a dead port.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '@streamlens/emulators';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

const handler = () => new NodeHttpHandler({ httpAgent: { keepAlive: true, maxSockets: 10 } });

/** A DynamoDB client that retries like a Lambda's default client (emulators' clients do not). */
export function retryingDynamo(endpoint: string, maxAttempts: number): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts,
    requestHandler: handler(),
  });
}

/** A Kinesis client that retries. */
export function retryingKinesis(endpoint: string, maxAttempts: number): KinesisClient {
  return new KinesisClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts,
    requestHandler: handler(),
  });
}

/** A raw HTTP answer. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A POST with a hand-made body and headers, as an SDK would send (the emulators check no signature). */
export function rawPost(endpoint: string, headers: Record<string, string>, body: Buffer | string): Promise<RawAnswer> {
  const url = new URL(endpoint);
  const auth =
    'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00';
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: '/',
        headers: { Authorization: auth, 'X-Amz-Date': '20260101T000000Z', ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A loopback port nothing listens on any more. */
export async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The rejection of a promise that must reject. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (err) {
    return err as Error & Record<string, unknown>;
  }
  throw new Error('expected the call to fail, it succeeded');
}
