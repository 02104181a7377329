// The read-ahead of one shard: one buffer per lane (ParallelizationFactor), records placed by
// lane-key hash (the partition key for Kinesis), with running totals for the reader's back-pressure.
import type { BufferedRecord } from './batch-assembler';
import { laneOf } from './lanes';
import type { StreamRecord } from './stream-record';

/** Lane buffers of one shard. */
export class LaneBuffers {
  /** One buffer per lane, oldest record first. */
  readonly lanes: BufferedRecord[][];
  private count = 0;
  private size = 0;

  constructor(lanes: number) {
    this.lanes = Array.from({ length: lanes }, () => []);
  }

  /** Records buffered in all lanes. */
  get records(): number {
    return this.count;
  }

  /** Event bytes buffered in all lanes. */
  get bytes(): number {
    return this.size;
  }

  /** Adds a record to its lane key's lane. */
  push(record: StreamRecord, nowMs: number): void {
    (this.lanes[laneOf(record.laneKey, this.lanes.length)] as BufferedRecord[]).push({
      record,
      bufferedAtMs: nowMs,
    });
    this.count++;
    this.size += record.eventBytes;
  }

  /** Removes the first `n` records of a lane. */
  take(lane: BufferedRecord[], n: number): StreamRecord[] {
    const items = lane.splice(0, n);
    this.count -= items.length;
    for (const i of items) this.size -= i.record.eventBytes;
    return items.map((i) => i.record);
  }
}
