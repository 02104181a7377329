// Normalisation of hashtags and language tags, shared by enrichment and the window fold.
import { LANGUAGE_TAG_PATTERN } from '@streamlens/schemas';
import { MAX_LANGUAGE_LENGTH, UNDETERMINED_LANGUAGE } from './limits';

/**
 * Normalises a hashtag (without '#'): locale-independent lower case, then Unicode NFC, so
 * `#Café`, `#CAFÉ` and a decomposed `#cafe\u0301` count as one tag.
 *
 * @example
 * ```ts
 * normaliseHashtag('İstanbul'); // 'i̇stanbul' (never depends on the machine's locale)
 * ```
 */
export function normaliseHashtag(tag: string): string {
  const lower = tag.toLowerCase();
  return isAscii(lower) ? lower : lower.normalize('NFC');
}

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

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i += 1) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}
