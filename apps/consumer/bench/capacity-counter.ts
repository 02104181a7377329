// Cost benchmark, DynamoDB side: a client middleware that asks every request for
// ReturnConsumedCapacity TOTAL and adds up the units DynamoDB (here dynalite) answers with, so any
// writer on the client — this consumer's repositories or the Powertools idiom — is counted alike.
// A conditional write refused by its condition is charged by DynamoDB but answered with an error
// that carries no ConsumedCapacity: it is counted by the documented rule (the item's size rounded
// up to 1 KB, at least one unit).
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { estimateItemSize } from '@streamlens/repositories';

/** Units counted so far. */
export interface CountedCapacity {
  readonly readUnits: number;
  readonly writeUnits: number;
  readonly requests: number;
  readonly conditionFailures: number;
}

type Consumed = { CapacityUnits?: number } | readonly { CapacityUnits?: number }[] | undefined;

// Client command names, and the document client's (lib-dynamodb) where they reach this stack.
const READS = new Set([
  'GetItemCommand',
  'BatchGetItemCommand',
  'QueryCommand',
  'ScanCommand',
  'TransactGetItemsCommand',
  'GetCommand',
  'BatchGetCommand',
  'TransactGetCommand',
]);
const WRITES = new Set([
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'BatchWriteItemCommand',
  'TransactWriteItemsCommand',
  'PutCommand',
  'UpdateCommand',
  'DeleteCommand',
  'BatchWriteCommand',
  'TransactWriteCommand',
]);

// An item as the request carries it: marshalled (client commands) or native (document client).
function itemBytes(item: Record<string, unknown>): number {
  try {
    return estimateItemSize(unmarshall(item as Record<string, AttributeValue>));
  } catch {
    return estimateItemSize(item);
  }
}

function unitsOf(consumed: Consumed): number {
  const entries = Array.isArray(consumed) ? consumed : consumed ? [consumed] : [];
  return entries.reduce((s: number, c: { CapacityUnits?: number }) => s + (c.CapacityUnits ?? 0), 0);
}

/**
 * Counts the read and write units of every data-plane request `client` sends from now on.
 *
 * @example
 * ```ts
 * const capacity = countCapacity(client);
 * await handler(event);
 * capacity().writeUnits;
 * ```
 */
export function countCapacity(client: DynamoDBClient): () => CountedCapacity {
  let readUnits = 0;
  let writeUnits = 0;
  let requests = 0;
  let conditionFailures = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? '';
      const isRead = READS.has(command);
      if (!isRead && !WRITES.has(command)) return next(args);
      const input = args.input as { ReturnConsumedCapacity?: string; Item?: Record<string, unknown> };
      input.ReturnConsumedCapacity = 'TOTAL';
      requests++;
      try {
        const result = await next(args);
        const units = unitsOf((result.output as { ConsumedCapacity?: Consumed }).ConsumedCapacity);
        if (isRead) readUnits += units;
        else writeUnits += units;
        return result;
      } catch (err) {
        if ((err as { name?: string }).name === 'ConditionalCheckFailedException') {
          conditionFailures++;
          const bytes = input.Item ? itemBytes(input.Item) : 0;
          writeUnits += Math.max(1, Math.ceil(bytes / 1024));
        }
        throw err;
      }
    },
    { step: 'initialize', name: 'countConsumedCapacity' },
  );
  return () => ({ readUnits, writeUnits, requests, conditionFailures });
}
