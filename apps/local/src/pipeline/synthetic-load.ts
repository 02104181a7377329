// Local stack, producer side: offers the synthetic social stream to the stream at a steady
// rate through the KPL-grade producer core, counting what was put and what failed.
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { StackProducerOptions } from './producer-settings';
import { KinesisProducer, SYNTHETIC_POISON_KINDS, SyntheticSocialStream } from '@streamlens/kinesis';

/** Settings of the built-in load. */
export interface SyntheticLoadOptions {
  readonly client: KinesisClient;
  readonly streamName: string;
  readonly rate: number;
  readonly seed: number;
  /** Total poison fraction, spread evenly over every poison kind. */
  readonly poisonRate: number;
  /** The stack's producer settings (aggregation, buffering time, record TTL, rate limits). */
  readonly producer: StackProducerOptions;
}

/** Counters of the load so far. */
export interface LoadCounters {
  /** Records handed to the producer. */
  offered: number;
  /** Records the stream acknowledged with a sequence number. */
  put: number;
  /** Valid posts among `put` (not poison). */
  validPut: number;
  poisonPut: number;
  failed: number;
}

const TICK_MS = 20;

/**
 * A running synthetic load. `stop()` stops offering and resolves once every offered record has
 * settled (put or failed for good).
 */
export class SyntheticLoad {
  readonly counters: LoadCounters = { offered: 0, put: 0, validPut: 0, poisonPut: 0, failed: 0 };
  private readonly producer: KinesisProducer;
  private readonly source: SyntheticSocialStream;
  private running = true;
  private readonly loop: Promise<void>;

  constructor(private readonly o: SyntheticLoadOptions) {
    this.producer = new KinesisProducer({ client: o.client, streamName: o.streamName, ...o.producer });
    const each = o.poisonRate / SYNTHETIC_POISON_KINDS.length;
    this.source = new SyntheticSocialStream({
      seed: o.seed,
      poisonRates: Object.fromEntries(SYNTHETIC_POISON_KINDS.map((k) => [k, each])),
    });
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    const start = Date.now();
    while (this.running) {
      const due = Math.floor(((Date.now() - start) / 1000) * this.o.rate);
      while (this.running && this.counters.offered < due) {
        const record = this.source.next(Date.now());
        this.counters.offered++;
        try {
          const pending = await this.producer.enqueue({ partitionKey: record.partitionKey, data: record.data });
          pending.result.then(
            () => {
              this.counters.put++;
              if (record.poison) this.counters.poisonPut++;
              else this.counters.validPut++;
            },
            () => this.counters.failed++,
          );
        } catch {
          this.counters.failed++;
        }
      }
      await new Promise((r) => setTimeout(r, TICK_MS));
    }
  }

  /** Stops offering records and drains the producer. */
  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    await this.producer.close();
  }
}
