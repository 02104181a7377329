// One conditional write (PutItem, UpdateItem, DeleteItem) whose failed condition is an answer, not
// an error, with its capacity counted as DynamoDB bills it: the answer's ConsumedCapacity, or, for
// a failed condition (an error that carries none), the item's size in 1 KB units, at least 1.
import type { CapacityMeter } from './capacity';

/** The outcome: the answer when applied, or the ConditionalCheckFailedException when not. */
export type ConditionalOutcome<T> =
  { readonly applied: true; readonly out: T } | { readonly applied: false; readonly err: unknown };

/**
 * Runs `send` (one write with a condition); a ConditionalCheckFailedException comes back as
 * `{ applied: false }`, any other error is thrown.
 *
 * @example
 * ```ts
 * const r = await conditionalWrite(capacity, () => doc.send(new DeleteCommand({ ...ConditionExpression })), 0);
 * if (!r.applied) return; // nothing to delete
 * ```
 */
export async function conditionalWrite<T extends { ConsumedCapacity?: { CapacityUnits?: number } }>(
  capacity: CapacityMeter,
  send: () => Promise<T>,
  itemBytes: number,
): Promise<ConditionalOutcome<T>> {
  try {
    const out = await send();
    capacity.addAnswer('write', out.ConsumedCapacity);
    return { applied: true, out };
  } catch (err) {
    if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') {
      capacity.addUncharged();
      throw err;
    }
    capacity.addConditionFailure(itemBytes);
    return { applied: false, err };
  }
}
