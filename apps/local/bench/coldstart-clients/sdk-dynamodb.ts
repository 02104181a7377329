// Cold-start reference: a handler that only builds an AWS SDK v3 DynamoDB client at module scope.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

const client = new DynamoDBClient({});

/** Answers whether the client can send, so the client is used. */
export async function handler(): Promise<boolean> {
  return typeof client.send === 'function';
}
