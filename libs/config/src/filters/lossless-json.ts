// A strict JSON parser that keeps each number's text, because Lambda filter criteria compare
// numbers as written (300 does not equal 300.0) and JSON.parse forgets how they were written;
// and its writer, so the pattern infra deploys is the text the local mapping matched with.
import { JsonSyntaxError } from '../errors';

/** A JSON number as written in the source text. */
export class JsonNumber {
  constructor(readonly text: string) {}

  /** The number's value (for numeric range comparisons). */
  get value(): number {
    return Number(this.text);
  }

  /** JSON.stringify writes the number (messages quoting a pattern show `300`, not an object). */
  toJSON(): number {
    return this.value;
  }
}

/** A parsed JSON value whose numbers are JsonNumber. Objects have no prototype. */
export type LosslessJson = null | boolean | string | JsonNumber | LosslessJson[] | { [key: string]: LosslessJson };

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const MAX_DEPTH = 512;

class Parser {
  private pos = 0;

  constructor(private readonly text: string) {}

  parseDocument(): LosslessJson {
    const value = this.value(0);
    this.skipSpace();
    if (this.pos !== this.text.length) this.fail('unexpected text after the value');
    return value;
  }

  private fail(reason: string): never {
    throw new JsonSyntaxError(this.pos, reason);
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && ' \t\n\r'.includes(this.text.charAt(this.pos))) this.pos++;
  }

  private value(depth: number): LosslessJson {
    if (depth > MAX_DEPTH) this.fail('nested too deeply');
    this.skipSpace();
    const c = this.text.charAt(this.pos);
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return this.string();
    for (const [word, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return v;
      }
    }
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (!m) this.fail(c ? `unexpected character ${JSON.stringify(c)}` : 'unexpected end');
    this.pos += m[0].length;
    return new JsonNumber(m[0]);
  }

  private string(): string {
    const start = this.pos;
    this.pos++;
    while (this.pos < this.text.length) {
      const c = this.text.charAt(this.pos);
      if (c === '\\') this.pos += 2;
      else if (c === '"') {
        this.pos++;
        try {
          return JSON.parse(this.text.slice(start, this.pos)) as string;
        } catch {
          this.pos = start;
          this.fail('invalid string');
        }
      } else this.pos++;
    }
    return this.fail('unterminated string');
  }

  private array(depth: number): LosslessJson[] {
    this.pos++;
    const out: LosslessJson[] = [];
    this.skipSpace();
    if (this.text.charAt(this.pos) === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.value(depth + 1));
      this.skipSpace();
      const c = this.text.charAt(this.pos++);
      if (c === ']') return out;
      if (c !== ',') this.fail('expected , or ]');
    }
  }

  private object(depth: number): { [key: string]: LosslessJson } {
    this.pos++;
    const out: { [key: string]: LosslessJson } = Object.create(null);
    this.skipSpace();
    if (this.text.charAt(this.pos) === '}') {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipSpace();
      if (this.text.charAt(this.pos) !== '"') this.fail('expected a key');
      const key = this.string();
      this.skipSpace();
      if (this.text.charAt(this.pos++) !== ':') this.fail('expected :');
      out[key] = this.value(depth + 1);
      this.skipSpace();
      const c = this.text.charAt(this.pos++);
      if (c === '}') return out;
      if (c !== ',') this.fail('expected , or }');
    }
  }
}

/**
 * Parses JSON text, keeping numbers as JsonNumber. Throws JsonSyntaxError.
 *
 * @example
 * ```ts
 * (parseLosslessJson('{"n": 300.0}') as { n: JsonNumber }).n.text; // "300.0"
 * ```
 */
export function parseLosslessJson(text: string): LosslessJson {
  return new Parser(text).parseDocument();
}

/**
 * Converts an already parsed JS value (numbers become their String() text). Below `maxDepth`
 * levels the value is left as it is: a pattern that deep is refused before it is looked at, and
 * the bound keeps a hostile config (100,000 nested lists) from overflowing the stack.
 */
export function toLosslessJson(value: unknown, maxDepth = MAX_DEPTH): LosslessJson {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (value instanceof JsonNumber) return value;
  if (typeof value === 'number') return new JsonNumber(String(value));
  if (typeof value === 'object' && maxDepth <= 0) return value as LosslessJson;
  if (Array.isArray(value)) return value.map((v) => toLosslessJson(v, maxDepth - 1));
  if (typeof value === 'object') {
    const out: { [key: string]: LosslessJson } = Object.create(null);
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toLosslessJson(v, maxDepth - 1);
    return out;
  }
  throw new JsonSyntaxError(0, `a ${typeof value} is not a JSON value`);
}

/**
 * Writes a lossless value as compact JSON: numbers as written, keys in their order.
 *
 * @example
 * ```ts
 * stringifyLosslessJson(parseLosslessJson('{ "n": 300.0 }')); // '{"n":300.0}'
 * ```
 */
export function stringifyLosslessJson(value: LosslessJson): string {
  if (value instanceof JsonNumber) return value.text;
  if (Array.isArray(value)) return `[${value.map(stringifyLosslessJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value).map(
      (k) => `${JSON.stringify(k)}:${stringifyLosslessJson(value[k] as LosslessJson)}`,
    );
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}
