// Raw Pulumi config (the `streamlens` namespace) → validated, fully resolved StackConfig.
import { CONFIG_NAMESPACE, REGION_KEY } from './constants';
import { checkCrossRules } from './cross-rules';
import { ConfigValidationError } from './errors';
import { Fields, isRecord } from './fields';
import { IssueList } from './issues';
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

/** The keys of the `streamlens` namespace. */
export const SECTION_KEYS = [
  'stream',
  'producer',
  'consumer',
  'aggregator',
  'functions',
  'tables',
  'report',
  'alarms',
  'network',
  'tags',
  'alerts',
] as const;

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

function parseRegion(issues: IssueList, region: unknown): string | undefined {
  if (region === undefined) return undefined;
  if (typeof region === 'string' && REGION.test(region)) return region;
  issues.add(REGION_KEY, region, 'is not an AWS region name', 'e.g. eu-west-1');
  return undefined;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
