// Offered load over time: a base rate with optional spikes (multipliers during windows).

/** A spike: from `atSec` for `durationSec` the rate is multiplied by `factor`. */
export interface RateSpike {
  readonly atSec: number;
  readonly durationSec: number;
  readonly factor: number;
}

/**
 * Records per second offered at `elapsedSec` into a run.
 *
 * @example
 * ```ts
 * rateAt(12, 1000, [{ atSec: 10, durationSec: 5, factor: 4 }]); // 4000
 * ```
 */
export function rateAt(elapsedSec: number, baseRate: number, spikes: readonly RateSpike[]): number {
  let rate = baseRate;
  for (const s of spikes) if (elapsedSec >= s.atSec && elapsedSec < s.atSec + s.durationSec) rate *= s.factor;
  return rate;
}

/**
 * Parses spikes written as `at:duration:factor` separated by commas, e.g. "10:5:4,40:3:10".
 *
 * @throws Error naming the malformed spike.
 */
export function parseSpikes(text: string): RateSpike[] {
  if (text.trim() === '') return [];
  return text.split(',').map((part) => {
    const [at, duration, factor] = part.split(':').map(Number);
    if (![at, duration, factor].every((n) => n !== undefined && Number.isFinite(n) && n >= 0) || part.split(':').length !== 3) {
      throw new Error(`spike "${part}" must be at:duration:factor with non-negative numbers, e.g. 10:5:4`);
    }
    return { atSec: at as number, durationSec: duration as number, factor: factor as number };
  });
}
