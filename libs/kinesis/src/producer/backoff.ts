// Retry delays: exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter").

/**
 * Delay before retry number `attempt` (1 = first retry): uniform in [0, min(max, base × 2^(attempt−1))).
 *
 * @example
 * ```ts
 * fullJitterBackoff(3, 100, 2000, Math.random); // somewhere in [0, 400)
 * ```
 */
export function fullJitterBackoff(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}
