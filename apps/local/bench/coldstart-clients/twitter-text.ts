// Cold-start reference: a handler that only loads twitter-text (as @streamlens/analytics does).
import { extractEntitiesWithIndices } from 'twitter-text';

/** Extracts the entities of a fixed text, so the library is used. */
export async function handler(): Promise<number> {
  return extractEntitiesWithIndices('#a @b').length;
}
