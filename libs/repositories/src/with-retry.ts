// Bounded retry of a single call (PutItem, Query page): same policy as the batch engines.
import { GIVE_UP_REASONS, type GiveUp } from './errors';
import { backoffDelay, isRetryableError, type ResolvedRetry } from './retry-policy';

/** Outcome of {@link withRetry}: the value, or why it gave up. */
export type RetryOutcome<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly giveUp: GiveUp };

/** Runs `op` until it succeeds, fails with a non-retryable error, or the bound runs out. */
export async function withRetry<T>(op: () => Promise<T>, retry: ResolvedRetry): Promise<RetryOutcome<T>> {
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return { ok: true, value: await op() };
    } catch (cause) {
      const elapsedMs = Date.now() - started;
      if (!isRetryableError(cause))
        return {
          ok: false,
          giveUp: { reason: GIVE_UP_REASONS.nonRetryableError, attempts: attempt, elapsedMs, cause },
        };
      if (attempt >= retry.maxAttempts)
        return {
          ok: false,
          giveUp: { reason: GIVE_UP_REASONS.attemptsExhausted, attempts: attempt, elapsedMs, cause },
        };
      const delay = backoffDelay(attempt, retry);
      if (elapsedMs + delay > retry.maxElapsedMs)
        return { ok: false, giveUp: { reason: GIVE_UP_REASONS.timeExhausted, attempts: attempt, elapsedMs, cause } };
      await retry.sleep(delay);
    }
  }
}

/** Like {@link withRetry} but throws the last error when it gives up (for reads). */
export async function retryOrThrow<T>(op: () => Promise<T>, retry: ResolvedRetry): Promise<T> {
  const out = await withRetry(op, retry);
  if (out.ok) return out.value;
  throw out.giveUp.cause;
}
