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
 * Records offered between two instants of a run: the exact integral of the piecewise-constant
 * rate, so a late tick never counts a whole interval at the rate of its end.
 *
 * @example
 * ```ts
 * recordsBetween(0, 1, 1000, [{ atSec: 0.5, durationSec: 1, factor: 3 }]); // 2000
 * ```
 */
export function recordsBetween(fromSec: number, toSec: number, baseRate: number, spikes: readonly RateSpike[]): number {
  const cuts = [fromSec, toSec];
  for (const s of spikes) cuts.push(s.atSec, s.atSec + s.durationSec);
  const points = [...new Set(cuts.filter((t) => t >= fromSec && t <= toSec))].sort((a, b) => a - b);
  let total = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as number;
    const b = points[i] as number;
    total += rateAt((a + b) / 2, baseRate, spikes) * (b - a);
  }
  return total;
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
    if (
      ![at, duration, factor].every((n) => n !== undefined && Number.isFinite(n) && n >= 0) ||
      part.split(':').length !== 3
    ) {
      throw new Error(`spike "${part}" must be at:duration:factor with non-negative numbers, e.g. 10:5:4`);
    }
    return { atSec: at as number, durationSec: duration as number, factor: factor as number };
  });
}
