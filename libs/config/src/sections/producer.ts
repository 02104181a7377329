// streamlens:producer — KPL-style aggregation, buffering, record TTL and per-shard rate limits.
import { RANGES } from '../constants';
import type { Fields } from '../fields';
import type { ProducerConfig } from '../types';

const KEYS = ['aggregation', 'maxBufferedTimeMs', 'recordTtlMs', 'rateLimit'] as const;
const RATE_KEYS = ['recordsPerSecondPerShard', 'bytesPerSecondPerShard'] as const;

/**
 * Parses streamlens:producer. Defaults follow the KPL (100 ms buffering, 30 s TTL) and the
 * rate limit defaults to Kinesis's per-shard write limits, which it may not exceed: going
 * over only buys throttling.
 */
export function parseProducer(parent: Fields): ProducerConfig {
  const f = parent.child('producer', KEYS);
  const rate = f.child('rateLimit', RATE_KEYS);
  return {
    aggregation: f.bool('aggregation', true),
    maxBufferedTimeMs: f.int('maxBufferedTimeMs', RANGES.maxBufferedTimeMs, 100),
    recordTtlMs: f.int('recordTtlMs', RANGES.recordTtlMs, 30_000),
    rateLimit: {
      recordsPerSecondPerShard: rate.int('recordsPerSecondPerShard', RANGES.recordsPerSecondPerShard, 1_000),
      bytesPerSecondPerShard: rate.int('bytesPerSecondPerShard', RANGES.bytesPerSecondPerShard, 1_048_576),
    },
  };
}
