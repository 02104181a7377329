// Cold-start reference: a handler that only builds an AWS SDK v3 Kinesis client (HTTP/1.1, as
// the ingest function does) at module scope.
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';

const client = new KinesisClient({ requestHandler: new NodeHttpHandler({ httpAgent: { keepAlive: true } }) });

/** Answers whether the client can send, so the client is used. */
export async function handler(): Promise<boolean> {
  return typeof client.send === 'function';
}
