// Cold-start reference: a handler that only builds a sentiment analyser (AFINN, as @streamlens/analytics does).
import Sentiment from 'sentiment';

const analyser = new Sentiment();

/** Scores a fixed text, so the analyser is used. */
export async function handler(): Promise<number> {
  return analyser.analyze('good').score;
}
