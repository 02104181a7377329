// Leaving the process without losing output: writes to a pipe are asynchronous, and
// process.exit() right after a long message cut it off (a stack file's 20,000 problems reached
// the reader as the first 216–440 KiB).

/** Longest wait for a reader that stopped reading before exiting anyway. */
const FLUSH_TIMEOUT_MS = 10_000;

/**
 * Exits with `code` once stdout and stderr have handed everything written so far to the OS.
 *
 * @example
 * ```ts
 * console.error(`error: ${message}`);
 * exitWhenFlushed(1);
 * ```
 */
export function exitWhenFlushed(code: number): void {
  const streams = [process.stdout, process.stderr];
  let pending = streams.length;
  const flushed = () => {
    if (--pending === 0) process.exit(code);
  };
  setTimeout(() => process.exit(code), FLUSH_TIMEOUT_MS).unref();
  // A write's callback runs once it and every earlier write has been flushed (or failed).
  for (const stream of streams) stream.write('', flushed);
}
