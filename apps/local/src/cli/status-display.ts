// The live status of `npm start`: on a terminal a block redrawn in place every second; piped to
// a file or another program, one short plain line every few seconds.
import type { LocalStack, StackSnapshot } from '../pipeline/local-stack';
import { fitToWidth, renderStatus, renderStatusLine } from '../pipeline/status';

const INTERVAL_MS = 1000;
const PLAIN_EVERY_MS = 10_000;

/** Where the status goes. */
export interface StatusOutput {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

/**
 * Starts the status display; `stop()` ends it and leaves the cursor below the block.
 *
 * @example
 * ```ts
 * const display = startStatusDisplay(stack, process.stdout, Date.now());
 * await signals.first;
 * display.stop();
 * ```
 */
export function startStatusDisplay(stack: LocalStack, out: StatusOutput, startedAt: number): { stop(): void } {
  let previous: StackSnapshot | undefined;
  let drawnRows = 0;
  let lastPlainAt = startedAt;
  let busy = false;
  const tick = async () => {
    const snap = await stack.snapshot();
    // From the consumer's own metric, not a Scan: paging through a quarantine table of large
    // poison records every tick kept dynalite busy (docs/ARCHITECTURE.md "Emulator processes").
    const extra = {
      quarantined: stack.metricTotal('consumer', 'Quarantined'),
      elapsedSec: (Date.now() - startedAt) / 1000,
    };
    if (out.isTTY) {
      // Lines cut to the terminal's width: a wrapped line takes two rows, and moving up one row
      // per line then left the top of the previous block on screen.
      const lines = fitToWidth(renderStatus(snap, previous, INTERVAL_MS / 1000, extra), out.columns ?? 80);
      out.write(`${drawnRows ? `\x1b[${drawnRows}A\r` : ''}\x1b[J${lines.join('\n')}\n`);
      drawnRows = lines.length;
    } else if (Date.now() - lastPlainAt >= PLAIN_EVERY_MS) {
      lastPlainAt = Date.now();
      out.write(`${renderStatusLine(snap, extra)}\n`);
    }
    previous = snap;
  };
  const timer = setInterval(() => {
    if (busy) return; // a slow snapshot under load must not pile up ticks
    busy = true;
    tick()
      .catch(() => undefined)
      .finally(() => (busy = false));
  }, INTERVAL_MS);
  return { stop: () => clearInterval(timer) };
}
