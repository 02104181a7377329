// Normalisation of language tags and de-duplication, shared by enrichment and the window fold
// (hashtags are normalised by @streamlens/schemas' normaliseHashtag, shared with the index).
import { LANGUAGE_TAG_PATTERN } from '@streamlens/schemas';
import { MAX_LANGUAGE_LENGTH, UNDETERMINED_LANGUAGE } from './limits';

/**
 * Canonical casing of a BCP-47-ish language tag (`EN-us` → `en-US`, `zh-hant` → `zh-Hant`);
 * missing, malformed or over-long tags become `und`.
 *
 * @example
 * ```ts
 * normaliseLanguage('pt-br'); // 'pt-BR'
 * normaliseLanguage(undefined); // 'und'
 * ```
 */
export function normaliseLanguage(tag: string | undefined): string {
  if (tag === undefined || tag.length > MAX_LANGUAGE_LENGTH || !LANGUAGE_TAG_PATTERN.test(tag)) {
    return UNDETERMINED_LANGUAGE;
  }
  const [primary = '', ...rest] = tag.split('-');
  let out = primary.toLowerCase();
  for (const sub of rest) {
    if (sub.length === 2 && /^[A-Za-z]{2}$/.test(sub)) out += `-${sub.toUpperCase()}`;
    else if (sub.length === 4 && /^[A-Za-z]{4}$/.test(sub))
      out += `-${sub[0]?.toUpperCase() ?? ''}${sub.slice(1).toLowerCase()}`;
    else out += `-${sub.toLowerCase()}`;
  }
  return out;
}

/**
 * Returns `items` without repeats (compared by `keyOf`), keeping the first form in order.
 *
 * @example
 * ```ts
 * dedupe(['a', 'B', 'b'], (s) => s.toLowerCase()); // ['a', 'B']
 * ```
 */
export function dedupe(items: readonly string[], keyOf: (item: string) => string = (s) => s): string[] {
  if (items.length < 2) return [...items];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const item of items) {
    const key = keyOf(item);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(item);
    }
  }
  return out;
}
