// "Did you mean" for misspelt keys: a typo must fail loudly, and the fix should be obvious.
import { foldLookAlikes } from './display';

/** Levenshtein edit distance, case-insensitive (retentionhours vs retentionHours is 0). */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[y.length] ?? 0;
}

/**
 * The valid key closest to `unknown`, or undefined when nothing is close enough to be a
 * plausible typo (more than half the length away), so unrelated keys get no silly hint.
 * Invisible and look-alike characters do not count as differences.
 */
export function closestKey(unknown: string, valid: readonly string[]): string | undefined {
  let best: { key: string; distance: number } | undefined;
  const folded = foldLookAlikes(unknown);
  for (const key of valid) {
    const distance = editDistance(folded, key);
    if (!best || distance < best.distance) best = { key, distance };
  }
  if (!best) return undefined;
  const tolerance = Math.max(2, Math.ceil(Math.max(unknown.length, best.key.length) / 2));
  return best.distance <= tolerance ? best.key : undefined;
}
