// Bounded retries with exponential backoff and full jitter (AWS Architecture Blog, "Exponential
// Backoff And Jitter"): sleep = random(0, min(cap, base · 2^attempt)).
import { RepositoryConfigError } from './errors';

/** Bounds of a retried DynamoDB call. */
export interface RetryOptions {
  /** Total attempts including the first (default 8). */
  readonly maxAttempts?: number;
  /** Give up when this much time has passed since the first attempt (default 10,000 ms). */
  readonly maxElapsedMs?: number;
  /** Backoff base (default 25 ms) and cap (default 1,000 ms). */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Injected for tests: a sleep function and a [0,1) random source. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

/** Retry options with defaults applied. */
export type ResolvedRetry = Required<RetryOptions>;

/** Applies defaults and validates, naming the bad option. */
export function resolveRetry(options: RetryOptions = {}): ResolvedRetry {
  const r: ResolvedRetry = {
    maxAttempts: options.maxAttempts ?? 8,
    maxElapsedMs: options.maxElapsedMs ?? 10_000,
    baseDelayMs: options.baseDelayMs ?? 25,
    maxDelayMs: options.maxDelayMs ?? 1_000,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
  };
  if (!Number.isInteger(r.maxAttempts) || r.maxAttempts < 1)
    throw new RepositoryConfigError('retry.maxAttempts', `must be an integer ≥ 1, got ${r.maxAttempts}`);
  for (const k of ['maxElapsedMs', 'baseDelayMs', 'maxDelayMs'] as const) {
    if (!Number.isFinite(r[k]) || r[k] < 0)
      throw new RepositoryConfigError(`retry.${k}`, `must be a number ≥ 0, got ${r[k]}`);
  }
  return r;
}

/** Full-jitter delay before retry number `attempt` (1 = first retry). */
export function backoffDelay(attempt: number, retry: ResolvedRetry): number {
  const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(retry.random() * ceiling);
}

const RETRYABLE_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'TransactionInProgressException',
]);
const RETRYABLE_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN']);

/** True for throttling, 5xx, timeouts and connection resets: the call may succeed if repeated. */
export function isRetryableError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as {
    name?: string;
    code?: string;
    $fault?: string;
    $metadata?: { httpStatusCode?: number };
    $retryable?: unknown;
  };
  if (e.name && RETRYABLE_NAMES.has(e.name)) return true;
  if (e.code && RETRYABLE_CODES.has(e.code)) return true;
  if (e.$retryable) return true;
  return e.$fault === 'server' || (e.$metadata?.httpStatusCode ?? 0) >= 500;
}

/**
 * True for DynamoDB's ValidationException: the request (for a batch, at least one of its items)
 * can never succeed as sent. A batch that fails with it is split to find the item.
 */
export function isValidationError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { name?: string }).name === 'ValidationException';
}
