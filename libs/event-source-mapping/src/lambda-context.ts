// The Lambda context object handed to a handler, and the conversions every invoker shares:
// thrown value → { ok: false }, returned value → JSON round trip with Lambda's size limit.
import { INVOKE_ERROR_TYPES, MAX_INVOKE_PAYLOAD_BYTES } from './constants';
import type { InvokeFailure, InvokeResult } from './types';

/** The subset of the Lambda Node.js context the local invokers provide. */
export interface LambdaContext {
  readonly awsRequestId: string;
  readonly functionName: string;
  readonly functionVersion: string;
  readonly invokedFunctionArn: string;
  readonly memoryLimitInMB: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
  callbackWaitsForEmptyEventLoop: boolean;
  getRemainingTimeInMillis(): number;
}

/** Identity of the function an invoker runs. */
export interface FunctionIdentity {
  readonly functionName: string;
  readonly functionArn: string;
  readonly memoryLimitMb: number;
}

/** Builds the context of one invocation ending at `deadlineMs` (epoch ms). */
export function lambdaContext(fn: FunctionIdentity, requestId: string, deadlineMs: number): LambdaContext {
  return {
    awsRequestId: requestId,
    functionName: fn.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: fn.functionArn,
    memoryLimitInMB: String(fn.memoryLimitMb),
    logGroupName: `/aws/lambda/${fn.functionName}`,
    logStreamName: `local/[$LATEST]${requestId.replace(/-/g, '')}`,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadlineMs - Date.now()),
  };
}

/** The failure of a thrown value, typed like Lambda's errorType/errorMessage. */
export function failureOf(err: unknown): InvokeFailure {
  if (err instanceof Error) return { ok: false, errorType: err.name || 'Error', errorMessage: err.message };
  return { ok: false, errorType: typeof err === 'string' ? 'string' : 'Error', errorMessage: String(err) };
}

/** The failure of an invocation that ran past its timeout. */
export function timeoutFailure(requestId: string, timeoutMs: number): InvokeFailure {
  return {
    ok: false,
    errorType: INVOKE_ERROR_TYPES.timeout,
    errorMessage: `RequestId: ${requestId} Error: Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`,
  };
}

/** Parses a JSON response body as Lambda would pass it on (over 6 MB fails the invocation). */
export function resultOfJson(json: string): InvokeResult {
  const bytes = Buffer.byteLength(json);
  if (bytes > MAX_INVOKE_PAYLOAD_BYTES) {
    return {
      ok: false,
      errorType: INVOKE_ERROR_TYPES.responseTooLarge,
      errorMessage: `Response payload size (${bytes} bytes) exceeded maximum allowed payload size (${MAX_INVOKE_PAYLOAD_BYTES} bytes).`,
    };
  }
  return { ok: true, payload: JSON.parse(json) };
}

/** Serialises a handler's return value (undefined → null). */
export function resultOfValue(value: unknown): InvokeResult {
  let json: string | undefined;
  try {
    json = value === undefined ? 'null' : JSON.stringify(value);
  } catch (err) {
    return {
      ok: false,
      errorType: 'Runtime.MarshalError',
      errorMessage: `Unable to stringify response body: ${(err as Error).message}`,
    };
  }
  return resultOfJson(json ?? 'null');
}
