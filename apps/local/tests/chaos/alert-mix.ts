// The chaos run's scripted hashtags, mixed into the synthetic stream so the alerts path has real
// work across the crashes and restarts (the Zipf mix alone barely moves window to window):
// - #chaosmood on every 25th record from the start, its text loving before `flipAt` and hating
//   after: a sentiment swing once the flip's first window has a baseline of loving ones;
// - #chaossurge on every 10th record from `from` on, absent before: rising from nothing, and a
//   new entrant in the top N (at 10 % of the posts it outranks all but the head of the mix).
// Chosen by record index and run progress, so a run's script does not depend on timing.
import type { SocialPost } from '@streamlens/schemas';
import { makeSocialPost } from '@streamlens/testing';

/** Where in the run (share of the records offered) each scripted change happens. */
export const ALERT_MIX = {
  mood: { hashtag: 'chaosmood', every: 25, flipAt: 0.7 },
  surge: { hashtag: 'chaossurge', every: 10, offset: 3, from: 0.8 },
} as const;

// AFINN scores (npm `sentiment`, which the consumer uses): love 3, wonderful 4, great 3, happy 3;
// hate −3, awful −3, terrible −3, sad −2. A swing of ±12 per post is far past any minDelta.
const LOVING = 'love this, wonderful and great, so happy';
const HATING = 'hate this, awful and terrible, so sad';

/**
 * The scripted post for record `index` at `progress` (0–1) of the run, or undefined when the
 * synthetic stream's own record goes there.
 *
 * @example
 * ```ts
 * scriptedPost({ index: 25, progress: 0.1, atMs: Date.now(), seed: 1 })?.text; // '… #chaosmood'
 * ```
 */
export function scriptedPost(input: {
  readonly index: number;
  readonly progress: number;
  readonly atMs: number;
  readonly seed: number;
}): SocialPost | undefined {
  const { index, progress, atMs, seed } = input;
  const { mood, surge } = ALERT_MIX;
  const post = (kind: string, text: string) =>
    makeSocialPost(
      { postId: `chaos-${kind}-${seed}-${index}`, text, createdAt: new Date(atMs).toISOString() },
      seed + index,
    );
  if (index % mood.every === 0) {
    const feeling = progress < mood.flipAt ? LOVING : HATING;
    return post('mood', `${feeling} #${mood.hashtag}`);
  }
  if (progress >= surge.from && index % surge.every === surge.offset)
    return post('surge', `look at this #${surge.hashtag}`);
  return undefined;
}
