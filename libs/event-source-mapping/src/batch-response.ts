// What a function's answer means for its batch: success, a partial failure from a record on,
// or a whole-batch failure. Pure. Rules: SEMANTICS.md "ReportBatchItemFailures" and
// "Tumbling windows".
import { compareSequenceNumbers } from '@streamlens/kinesis';

/** How a batch's invocation ended. */
export type BatchVerdict =
  | { readonly kind: 'success'; readonly state?: Record<string, unknown> }
  /** Records before `failedIndex` succeeded; retry from it, including every later record. */
  | { readonly kind: 'partial'; readonly failedIndex: number; readonly state?: Record<string, unknown> }
  /** Nothing of the batch counts as processed. `functionError` is set for a thrown/timed-out function. */
  | { readonly kind: 'failed'; readonly reason: string; readonly functionError: boolean };

/** How to read the response. */
export interface ResponseRules {
  /** functionResponseTypes lists ReportBatchItemFailures. */
  readonly reportBatchItemFailures: boolean;
  /** The mapping has tumbling windows: the response must carry `state`. */
  readonly windowed: boolean;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function windowState(payload: unknown): Record<string, unknown> | string {
  if (!isPlainObject(payload) || !('state' in payload))
    return 'the response has no state (required with tumbling windows)';
  if (!isPlainObject(payload['state'])) return 'the response state is not an object';
  return payload['state'];
}

function failedIndex(payload: unknown, sequenceNumbers: readonly string[]): number | string | undefined {
  if (payload === null || payload === undefined) return undefined;
  if (!isPlainObject(payload))
    return `the response is a ${Array.isArray(payload) ? 'list' : typeof payload}, not an object`;
  const list = payload['batchItemFailures'];
  if (list === null || list === undefined) return undefined;
  if (!Array.isArray(list)) return 'batchItemFailures is not a list';
  if (list.length === 0) return undefined;
  let lowest: string | undefined;
  for (const item of list) {
    const id = isPlainObject(item) ? item['itemIdentifier'] : undefined;
    if (typeof id !== 'string' || id === '')
      return `itemIdentifier ${JSON.stringify(id ?? null)} is empty, null or missing`;
    if (!sequenceNumbers.includes(id)) return `itemIdentifier ${id} is not a sequence number of this batch`;
    if (lowest === undefined || compareSequenceNumbers(id, lowest) < 0) lowest = id;
  }
  return sequenceNumbers.indexOf(lowest as string);
}

/**
 * Interprets an invocation payload for a batch whose records have `sequenceNumbers` (in order).
 *
 * @example
 * ```ts
 * judgeResponse({ batchItemFailures: [{ itemIdentifier: '12' }] }, ['11', '12', '13'],
 *   { reportBatchItemFailures: true, windowed: false }); // { kind: 'partial', failedIndex: 1 }
 * ```
 */
export function judgeResponse(
  payload: unknown,
  sequenceNumbers: readonly string[],
  rules: ResponseRules,
): BatchVerdict {
  let state: Record<string, unknown> | undefined;
  if (rules.windowed) {
    const s = windowState(payload);
    if (typeof s === 'string') return { kind: 'failed', reason: s, functionError: false };
    state = s;
  }
  const withState = state ? { state } : {};
  if (!rules.reportBatchItemFailures) return { kind: 'success', ...withState };
  const index = failedIndex(payload, sequenceNumbers);
  if (typeof index === 'string') return { kind: 'failed', reason: index, functionError: false };
  if (index === undefined) return { kind: 'success', ...withState };
  return { kind: 'partial', failedIndex: index, ...withState };
}
