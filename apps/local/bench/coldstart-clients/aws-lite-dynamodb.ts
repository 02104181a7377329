// Cold-start reference: a handler that only builds an aws-lite client with its DynamoDB plugin
// at module scope (a thin AWS client: SigV4 over node:https, JSON in and out).
import awsLite from '@aws-lite/client';
import dynamodb from '@aws-lite/dynamodb';

/** Settles when the client is built; the benchmark waits for it before calling the handler ready. */
export const ready = awsLite({ plugins: [dynamodb] });

/** Answers whether the DynamoDB plugin loaded, so the client is used. */
export async function handler(): Promise<boolean> {
  return 'DynamoDB' in (await ready);
}
