// Local stack flow: the stack's streamlens:producer settings → the producer core's options, so the
// local load and the benchmarks produce with the buffering and limits the stack file sets.
import type { ProducerConfig } from '@streamlens/config';
import type { ProducerOptions } from '@streamlens/kinesis';

/** The producer options a stack's producer settings decide. */
export type StackProducerOptions = Pick<
  ProducerOptions,
  'aggregation' | 'maxBufferedTimeMs' | 'recordTtlMs' | 'rateLimit'
>;

/**
 * Producer options from a stack's producer settings.
 *
 * @example
 * ```ts
 * new KinesisProducer({ client, streamName, ...producerSettings(config.producer) });
 * ```
 */
export function producerSettings(p: ProducerConfig): StackProducerOptions {
  return {
    aggregation: p.aggregation,
    maxBufferedTimeMs: p.maxBufferedTimeMs,
    recordTtlMs: p.recordTtlMs,
    rateLimit: {
      recordsPerSecond: p.rateLimit.recordsPerSecondPerShard,
      bytesPerSecond: p.rateLimit.bytesPerSecondPerShard,
    },
  };
}
