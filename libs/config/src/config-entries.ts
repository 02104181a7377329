// A stack's config entries (`namespace:key` → value, as the Pulumi CLI hands them to the program
// in PULUMI_CONFIG, or as a stack file holds them) → the raw StreamLens sections and region. Both
// paths go through here, so `npm start` and `pulumi preview` give one verdict on every file: keys
// without a namespace are refused as the CLI refuses them, a namespace that is a near miss of one
// the program reads is an error (not another tool's config silently ignored, with defaults
// deployed), and a section given as a string of JSON is decoded as Pulumi's structured config is.
import { CONFIG_NAMESPACE, REGION_KEY, SECTION_KEYS } from './constants';
import { displayKey, foldLookAlikes } from './display';
import type { IssueList } from './issues';
import { closestKey, editDistance } from './suggest';

/**
 * Namespaces of the program, its providers (aws, and awsx for the VPC) and Pulumi itself; any
 * other belongs to another tool and is left alone unless it is a near miss of one of these.
 */
export const KNOWN_NAMESPACES = ['aws', 'awsx', CONFIG_NAMESPACE, 'pulumi'] as const;

/** The raw input of the schema: the `streamlens` sections and `aws:region`. */
export interface RawStackConfig {
  readonly sections: Record<string, unknown>;
  readonly region: unknown;
}

const ALLOWED_KEYS = `namespaced keys such as ${CONFIG_NAMESPACE}:consumer or ${REGION_KEY}`;

// Pulumi stores structured values as JSON; a plain string stays a string so the schema can say
// "must be a mapping" instead of failing on JSON.parse.
function decode(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** The known namespace `ns` is a near miss of (a typo, a look-alike letter), if any. */
function nearNamespace(ns: string): string | undefined {
  const folded = foldLookAlikes(ns).toLowerCase();
  for (const known of KNOWN_NAMESPACES) {
    if (folded === known || editDistance(folded, known) <= Math.min(2, Math.floor(known.length / 3))) return known;
  }
  return undefined;
}

function suggestionFor(name: string): string | undefined {
  if (foldLookAlikes(name) === 'region') return REGION_KEY;
  const section = closestKey(name, SECTION_KEYS);
  return section && `${CONFIG_NAMESPACE}:${section}`;
}

function checkForeignKey(issues: IssueList, key: string, ns: string, name: string, value: unknown): void {
  const near = nearNamespace(ns);
  if (near === 'aws' && ns !== 'aws') {
    const hint = foldLookAlikes(name) === 'region' ? REGION_KEY : `aws:${name}`;
    issues.add(key, value, `unknown namespace "${displayKey(ns)}"; did you mean "${displayKey(hint)}"?`, ALLOWED_KEYS);
  } else if (near === CONFIG_NAMESPACE) {
    const hint = suggestionFor(name) ?? `${CONFIG_NAMESPACE}:${name}`;
    issues.add(key, value, `unknown namespace "${displayKey(ns)}"; did you mean "${displayKey(hint)}"?`, ALLOWED_KEYS);
  } else if (near === 'pulumi' && ns !== 'pulumi') {
    issues.add(
      key,
      value,
      `unknown namespace "${displayKey(ns)}"; did you mean "pulumi:${displayKey(name)}"?`,
      ALLOWED_KEYS,
    );
  }
}

/**
 * Splits config entries into the raw StreamLens input, reporting keys the program would
 * otherwise silently ignore.
 *
 * @param entries `namespace:key` → value (strings from PULUMI_CONFIG, or a stack file's values)
 * @example
 * ```ts
 * const { sections, region } = rawConfigFromEntries(pulumi.runtime.allConfig(), issues);
 * ```
 */
export function rawConfigFromEntries(entries: Record<string, unknown>, issues: IssueList): RawStackConfig {
  // Null prototype: a `streamlens:__proto__` key becomes an own (unknown, reported) key instead
  // of replacing the prototype every section would then be read through.
  const sections = Object.create(null) as Record<string, unknown>;
  let region: unknown;
  for (const [key, value] of Object.entries(entries)) {
    const colon = key.indexOf(':');
    if (colon < 0) {
      const hint = suggestionFor(key);
      const problem =
        'has no namespace, which the Pulumi CLI refuses' + (hint ? `; did you mean "${displayKey(hint)}"?` : '');
      issues.add(key, value, problem, ALLOWED_KEYS);
      continue;
    }
    const ns = key.slice(0, colon);
    const name = key.slice(colon + 1);
    if (ns === CONFIG_NAMESPACE) sections[name] = decode(value);
    else if (key === REGION_KEY) region = value;
    else if (ns === 'aws' && (SECTION_KEYS as readonly string[]).includes(name)) {
      const problem = `is a StreamLens section under the aws namespace; did you mean "${CONFIG_NAMESPACE}:${name}"?`;
      issues.add(key, value, problem, ALLOWED_KEYS);
    } else if (!(KNOWN_NAMESPACES as readonly string[]).includes(ns)) checkForeignKey(issues, key, ns, name, value);
  }
  return { sections, region };
}
