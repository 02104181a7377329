// In AWS the stream's capacity does not depend on how busy the consumers are: a consumer that
// falls behind never slows a producer. On this 2-core machine the pipeline under test (dynalite
// alone takes most of a core while the consumers catch up) starves the load generator and
// kinesalite, and the offered rate then measures the machine's contention rather than the
// pipeline. Raising the priority of the ingest path — the producer process and kinesalite —
// stands in for their separate capacity; without permission to do so they stay at 0.
import { setPriority } from 'node:os';

/** The nice value the ingest path runs at. */
export const INGEST_NICE = -10;

/** Raises `pid` to {@link INGEST_NICE}; returns the nice value it runs at (0 when not permitted). */
export function raisePriority(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    setPriority(pid, INGEST_NICE);
    return INGEST_NICE;
  } catch {
    return 0;
  }
}
