// Report flow, API: the language split of a range.
import { mergeAggregates } from '@streamlens/analytics';
import type { TrendsRepository } from '@streamlens/repositories';
import { rangeView, type RangeView, type TimeRange } from './time-range';

/** Posts of one language. */
export interface LanguageShare {
  /** Language tag as stored ("und" = unknown, "other" = beyond the tracked languages). */
  readonly language: string;
  readonly posts: number;
  /** posts / all posts with a language entry, 0–1. */
  readonly share: number;
}

/** The language split of a range. */
export interface LanguagesReport {
  readonly range: RangeView;
  readonly totalPosts: number;
  /** Most posts first; ties by tag. */
  readonly languages: LanguageShare[];
}

/**
 * The language split of a range.
 *
 * @example
 * ```ts
 * const split = await languagesReport(trends, range, 30);
 * ```
 */
export async function languagesReport(
  trends: TrendsRepository,
  range: TimeRange,
  windowSeconds: number,
): Promise<LanguagesReport> {
  const merged = mergeAggregates(await trends.queryWindows(range.from, range.to));
  const entries = Object.keys(merged.languages).map((language) => ({
    language,
    posts: merged.languages[language] ?? 0,
  }));
  const total = entries.reduce((sum, e) => sum + e.posts, 0);
  entries.sort((a, b) => b.posts - a.posts || (a.language < b.language ? -1 : a.language > b.language ? 1 : 0));
  return {
    range: rangeView(range, windowSeconds),
    totalPosts: merged.postCount,
    languages: entries.map((e) => ({ ...e, share: total > 0 ? e.posts / total : 0 })),
  };
}
