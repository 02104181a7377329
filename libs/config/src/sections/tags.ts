// streamlens:tags — tags put on every taggable resource of the stack (cost allocation, owner).
import type { Fields } from '../fields';
import { isRecord } from '../fields';

/** AWS allows 50 tags per resource; the program adds its own (`streamlens:*`), so users get 40. */
export const MAX_USER_TAGS = 40;
/** Characters AWS allows in tag keys and values: letters, digits, spaces and `_ . : / = + - @`. */
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const ALLOWED = 'key (1–128) and value (0–256) of letters, digits, spaces and _ . : / = + - @';

/**
 * Parses streamlens:tags: a mapping of tag key to value. Keys starting with `aws:` belong to AWS
 * and `streamlens:` to the program (it tags every resource with the stack name itself).
 */
export function parseTags(parent: Fields): Readonly<Record<string, string>> {
  const value = parent.raw['tags'];
  if (value === undefined || value === null) return {};
  const key = parent.key('tags');
  if (!isRecord(value)) {
    parent.fail('tags', 'must be a mapping of tag keys to values', 'e.g. { team: analytics, cost-center: "42" }');
    return {};
  }
  const entries = Object.entries(value);
  if (entries.length > MAX_USER_TAGS) {
    parent.fail('tags', `has ${entries.length} tags`, `at most ${MAX_USER_TAGS} (AWS allows 50 per resource)`);
  }
  const tags: Record<string, string> = {};
  for (const [name, tagValue] of entries) {
    const text = typeof tagValue === 'number' || typeof tagValue === 'boolean' ? String(tagValue) : tagValue;
    const problem =
      name.length < 1 || name.length > 128 || !TAG_TEXT.test(name)
        ? 'is not a valid tag key'
        : /^(aws|streamlens):/i.test(name)
          ? `uses a reserved prefix (${name.split(':')[0]}:)`
          : typeof text !== 'string' || text.length > 256 || !TAG_TEXT.test(text)
            ? 'has a value AWS does not accept as a tag value'
            : undefined;
    if (problem) parent.issues.add(`${key}.${name}`, tagValue, problem, ALLOWED);
    else tags[name] = text as string;
  }
  return tags;
}
