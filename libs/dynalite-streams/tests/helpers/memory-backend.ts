// An ordered in-memory StoreBackend for unit tests of the stream log, with a gate to hold
// batches back (a LevelDB write that lands late).
import type { KeyRange, StoreBackend, StoreOp } from '../../src';

/** In-memory StoreBackend; `hold()` makes the next batches wait until the returned release is called. */
export class MemoryBackend implements StoreBackend {
  readonly data = new Map<string, unknown>();
  private gate: Promise<void> | undefined;

  hold(): () => void {
    let release = () => undefined as void;
    this.gate = new Promise<void>((resolve) => (release = resolve));
    return () => {
      this.gate = undefined;
      release();
    };
  }

  async batch(ops: readonly StoreOp[]): Promise<void> {
    if (this.gate) await this.gate;
    for (const op of ops) {
      if (op.type === 'put') this.data.set(op.key, JSON.parse(JSON.stringify(op.value)));
      else this.data.delete(op.key);
    }
  }

  async entries(range: KeyRange): Promise<Array<[string, unknown]>> {
    const inRange = (k: string) =>
      (range.gt === undefined || k > range.gt) &&
      (range.gte === undefined || k >= range.gte) &&
      (range.lt === undefined || k < range.lt) &&
      (range.lte === undefined || k <= range.lte);
    const keys = [...this.data.keys()].filter(inRange).sort();
    if (range.reverse) keys.reverse();
    return keys.slice(0, range.limit ?? keys.length).map((k) => [k, this.data.get(k)]);
  }
}
