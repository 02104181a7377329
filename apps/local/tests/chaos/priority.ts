// In AWS the stream's capacity does not depend on how busy the consumers are: a consumer that
// falls behind never slows a producer. On this 2-core machine the pipeline under test (dynalite
// alone takes most of a core while the consumers catch up) starves the load generator and
// kinesalite, and the offered rate then measures the machine's contention rather than the
// pipeline. Raising the priority of the ingest path — the producer process and kinesalite —
// stands in for their separate capacity; without permission to do so they stay at 0.
import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';

/** The nice value the ingest path runs at. */
export const INGEST_NICE = -10;

/**
 * Raises every thread of `pid` to {@link INGEST_NICE} (on Linux the nice value is per thread:
 * the main thread's only reaches threads created later, not V8's and libuv's existing ones).
 * Returns the nice value the process runs at (0 when not permitted).
 */
export function raisePriority(pid: number | undefined): number {
  if (pid === undefined) return 0;
  let threads: number[];
  try {
    threads = readdirSync(`/proc/${pid}/task`).map(Number);
  } catch {
    threads = [pid]; // no /proc: the main thread only
  }
  try {
    for (const tid of threads) setPriority(tid, INGEST_NICE);
    return INGEST_NICE;
  } catch {
    return 0;
  }
}
