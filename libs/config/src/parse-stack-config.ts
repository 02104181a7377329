// Raw Pulumi config (the `streamlens` namespace) → validated, fully resolved StackConfig.
import { AWS_REGIONS } from './aws-regions';
import { rawConfigFromEntries } from './config-entries';
import { CONFIG_NAMESPACE, REGION_KEY, SECTION_KEYS } from './constants';
import { checkCrossRules } from './cross-rules';
import { ConfigValidationError } from './errors';
import { Fields, isRecord } from './fields';
import { IssueList } from './issues';
import { closestKey } from './suggest';
import { parseAlarms } from './sections/alarms';
import { parseAlerts } from './sections/alerts';
import { parseFunctions } from './sections/functions';
import { parseMapping } from './sections/mapping';
import { parseNetwork } from './sections/network';
import { parseProducer } from './sections/producer';
import { parseReport } from './sections/report';
import { parseStream } from './sections/stream';
import { parseTags } from './sections/tags';
import { parseTables } from './sections/tables';
import type { ParseOptions, StackConfig } from './types';

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/**
 * Validates the `streamlens` namespace and fills every default. All problems are collected
 * and thrown together as one {@link ConfigValidationError}.
 *
 * @param raw the namespace's keys without prefix (`{ stream: {...}, consumer: {...} }`),
 *   optionally with `region` (the value of `aws:region`). Anything but a mapping (null, a
 *   list, a scalar) is reported as one issue on the key `streamlens`.
 * @example
 * ```ts
 * const cfg = new pulumi.Config('streamlens');
 * const config = parseStackConfig({
 *   stream: cfg.getObject('stream'), consumer: cfg.getObject('consumer'), // …every section
 *   region: new pulumi.Config('aws').get('region'),
 * }, { stack: pulumi.getStack() });
 * ```
 */
export function parseStackConfig(raw: unknown, options: ParseOptions = {}): StackConfig {
  if (!isRecord(raw)) {
    // Checked here, not left to the section reader: destructuring null throws a TypeError, and
    // a list would spread into no keys at all, i.e. an all-defaults config.
    const issues = new IssueList();
    issues.add(
      CONFIG_NAMESPACE,
      raw,
      `stack config must be a mapping, not ${kindOf(raw)}`,
      `a mapping of keys ${SECTION_KEYS.join(', ')}, region`,
    );
    throw new ConfigValidationError(issues.all, options);
  }
  const { region, ...sections } = raw;
  return resolveStackConfig(sections, region, options);
}

/** As parseStackConfig, with the region given apart (the file loader reads it from `aws:region`). */
export function resolveStackConfig(
  sections: unknown,
  region: unknown,
  options: ParseOptions,
  issues: IssueList = new IssueList(),
): StackConfig {
  const root = new Fields(issues, `${CONFIG_NAMESPACE}:`, sections, SECTION_KEYS);
  const nowMs = options.nowMs ?? Date.now;
  const config: StackConfig = {
    region: parseRegion(issues, region),
    stream: parseStream(root),
    producer: parseProducer(root),
    consumer: parseMapping(root, 'consumer', nowMs),
    aggregator: parseMapping(root, 'aggregator', nowMs),
    functions: parseFunctions(root),
    tables: parseTables(root),
    report: parseReport(root),
    alarms: parseAlarms(root),
    network: parseNetwork(root),
    tags: parseTags(root),
    alerts: parseAlerts(root),
  };
  checkCrossRules(issues, config);
  if (issues.all.length > 0) throw new ConfigValidationError(issues.all, options);
  return deepFreeze(config);
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`;
}

// A region the provider does not know would fail only at deploy time (eu-wset-1), or deploy
// nowhere the user meant: the list is the aws provider's, the suggestion the nearest name.
function parseRegion(issues: IssueList, region: unknown): string | undefined {
  if (region === undefined) return undefined;
  if (typeof region === 'string' && (AWS_REGIONS as readonly string[]).includes(region)) return region;
  const allowed = 'a region of the aws provider, e.g. eu-west-1';
  if (typeof region !== 'string' || !REGION.test(region)) {
    issues.add(REGION_KEY, region, 'is not an AWS region name', allowed);
    return undefined;
  }
  const nearest = closestKey(region, AWS_REGIONS);
  const hint = nearest ? `; did you mean "${nearest}"?` : '';
  issues.add(REGION_KEY, region, `is not a region the aws provider knows${hint}`, allowed);
  return undefined;
}

/**
 * Validates a stack's config entries (`namespace:key` → value) — what the Pulumi CLI passes the
 * program (PULUMI_CONFIG, every value a string) or what a stack file's `config:` holds — and
 * fills every default. The one path both `pulumi preview` and `npm start` take.
 *
 * @throws ConfigValidationError listing every problem, each naming its key.
 * @example
 * ```ts
 * const config = parseConfigEntries(pulumi.runtime.allConfig(), { stack: pulumi.getStack() });
 * ```
 */
export function parseConfigEntries(
  entries: Record<string, unknown>,
  options: ParseOptions & { readonly issues?: IssueList } = {},
): StackConfig {
  const issues = options.issues ?? new IssueList();
  const { sections, region } = rawConfigFromEntries(entries, issues);
  return resolveStackConfig(sections, region, options, issues);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
