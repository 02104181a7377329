// Messages between the chaos run and its producer process (chaos-producer.ts), over Node IPC.

/** What the producer process is told to do (passed as its one argument, JSON). */
export interface ChaosProducerOptions {
  readonly kinesisEndpoint: string;
  readonly streamName: string;
  readonly records: number;
  readonly ratePerSecond: number;
  readonly poisonRate: number;
  readonly seed: number;
  /** Share of PutRecords entries failed by client middleware. */
  readonly putRecordsFailedShare: number;
  readonly aggregation: boolean;
}

/** Acknowledged records since the last message: valid posts as [postId, version ms], poison as [record key, reason]. */
export interface AcksMessage {
  readonly type: 'acks';
  /** Records offered to the producer so far (drives the chaos schedule). */
  readonly offered: number;
  readonly posts: ReadonlyArray<readonly [string, number]>;
  readonly poison: ReadonlyArray<readonly [string, string]>;
}

/** The last message: everything was flushed and settled. */
export interface DoneMessage {
  readonly type: 'done';
  readonly offered: number;
  /** From the first offered record to the last one offered, ms. */
  readonly offerMs: number;
  /** Until every record was acknowledged or given up, ms. */
  readonly settledMs: number;
  /** postIds (or partition keys of poison) the producer gave up on. */
  readonly gaveUp: readonly string[];
  readonly putRecordsFailedEntries: number;
  /** The producer's own counters (KPL-style metrics). */
  readonly metrics: Readonly<Record<string, unknown>>;
}

/** Any message from the producer process. */
export type ProducerMessage = AcksMessage | DoneMessage;
