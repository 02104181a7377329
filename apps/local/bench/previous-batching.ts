// e2e benchmark: the batching settings Pulumi.dev.yaml had before issue #21 §4, the named
// alternative of the batching A/B (`npm run bench -- e2e --batching-ab N`).
import type { StackConfig } from '@streamlens/config';

/** Consumer batches of up to 500 Kinesis records (≈ 64,000 posts when KPL aggregates are full). */
export const PREVIOUS_BATCHING = {
  consumer: { batchSize: 500, maximumBatchingWindowInSeconds: 1 },
  aggregator: { batchSize: 1000, maximumBatchingWindowInSeconds: 1 },
  producer: { maxBufferedTimeMs: 100 },
} as const;

/**
 * The stack's settings with the previous batching.
 *
 * @example
 * ```ts
 * startLocalStack(flags, paths, logger, { config: withPreviousBatching });
 * ```
 */
export function withPreviousBatching(config: StackConfig): StackConfig {
  return {
    ...config,
    consumer: { ...config.consumer, ...PREVIOUS_BATCHING.consumer },
    aggregator: { ...config.aggregator, ...PREVIOUS_BATCHING.aggregator },
    producer: { ...config.producer, ...PREVIOUS_BATCHING.producer },
  };
}
