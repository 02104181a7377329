// Key names as a person can read them: an invisible or look-alike character is shown escaped
// (`batch\u200bSize`, `streaml\u0435ns`), and compared folded when looking for a near miss.

/**
 * The key with every character outside printable ASCII written as `\uXXXX` (`\u{XXXXX}` beyond
 * the BMP). Stack-file keys are ASCII identifiers, so anything else is a mistake worth seeing.
 *
 * @example
 * ```ts
 * displayKey('batch\u200bSize'); // 'batch\\u200bSize'
 * ```
 */
export function displayKey(key: string): string {
  let out = '';
  for (const ch of key) {
    const code = ch.codePointAt(0) as number;
    if (code >= 0x20 && code <= 0x7e) out += ch;
    else if (code <= 0xffff) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += `\\u{${code.toString(16)}}`;
  }
  return out;
}

// Letters of other scripts drawn like Latin ones (Unicode's confusables for the Latin letters of
// config keys): a key typed on another keyboard layout or pasted from a document.
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  а: 'a',
  в: 'b',
  с: 'c',
  е: 'e',
  һ: 'h',
  і: 'i',
  ј: 'j',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  ѕ: 's',
  т: 't',
  у: 'y',
  х: 'x',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  А: 'A',
  В: 'B',
  С: 'C',
  Е: 'E',
  Н: 'H',
  І: 'I',
  К: 'K',
  М: 'M',
  О: 'O',
  Р: 'P',
  Т: 'T',
  Х: 'X',
  α: 'a',
  ο: 'o',
  ρ: 'p',
  ν: 'v',
  ι: 'i',
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Χ: 'X',
};

// Default-ignorable code points (soft hyphen, combining grapheme joiner, Hangul fillers,
// zero-width space/joiners, bidi marks and embeddings, word joiner, variation selectors, BOM):
// they print as nothing.
const INVISIBLE_RANGES: readonly (readonly [number, number])[] = [
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x061c, 0x061c],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180b, 0x180f],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x206f],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
];

function isInvisible(ch: string): boolean {
  const code = ch.codePointAt(0) as number;
  return INVISIBLE_RANGES.some(([low, high]) => code >= low && code <= high);
}

/**
 * The key as it looks: NFKC, invisible characters dropped, look-alike letters mapped to Latin.
 *
 * @example
 * ```ts
 * foldLookAlikes('streaml\u0435ns'); // 'streamlens'
 * ```
 */
export function foldLookAlikes(key: string): string {
  return [...key.normalize('NFKC')]
    .filter((ch) => !isInvisible(ch))
    .map((ch) => LOOK_ALIKES[ch] ?? ch)
    .join('');
}
