// AFINN sentiment of a post text (npm `sentiment`), built once: it is on the hot path.
import Sentiment from 'sentiment';
import type { SentimentScore } from '@streamlens/schemas';

// One analyser per process: construction is cheap, but reuse keeps its label table warm.
const ANALYSER = new Sentiment();

/**
 * Scores a text with the AFINN-165 English lexicon: `score` is the sum of word scores,
 * `comparative` the score per token (0 for a text without tokens).
 * Non-English text mostly scores 0: the lexicon is English.
 *
 * @example
 * ```ts
 * scoreSentiment('I love it'); // { score: 3, comparative: 1 }
 * ```
 */
export function scoreSentiment(text: string): SentimentScore {
  const result = ANALYSER.analyze(text);
  return {
    score: result.score,
    comparative: Number.isFinite(result.comparative) ? result.comparative : 0,
  };
}
