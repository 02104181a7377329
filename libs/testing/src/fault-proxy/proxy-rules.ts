// Fault proxy rules and options: shapes and validation. Rules may come from untyped scenario
// files, so every field is checked at runtime and errors name it ("rules[2].probability").
import { FAULT_KINDS, type FaultKind } from '../fault-rules';
import { PROXY_ERROR_NAMES, type ProxyErrorName } from './aws-json';
import { FaultProxyOptionError } from './errors';

interface ProxyRuleBase {
  /** Probability per request that this rule fires, 0..1. */
  readonly probability: number;
  /** Stop injecting after this many injections (default: unlimited). */
  readonly maxInjections?: number;
}

/** Answers with an AWS JSON error without forwarding. Applies only where the service has that error. */
export interface ProxyErrorRule extends ProxyRuleBase {
  readonly kind: 'error';
  /** Operations (X-Amz-Target after the dot), e.g. ["PutItem", "BatchWriteItem"]. */
  readonly operations: readonly string[];
  readonly error: ProxyErrorName;
}

/** BatchWriteItem / BatchGetItem: forwards part of the entries, reports the rest as unprocessed. */
export interface ProxyUnprocessedItemsRule extends ProxyRuleBase {
  readonly kind: 'unprocessedItems';
  /** Defaults to both; only these two operations have unprocessed entries. */
  readonly operations?: readonly ('BatchWriteItem' | 'BatchGetItem')[];
  /**
   * Fraction of entries held back, 0..1, rounded, at least one. Below 1 at least one entry is
   * also forwarded (a partial result); 1 holds back every entry, which AWS does on internal
   * failures. A call with a single entry has it held back.
   */
  readonly fraction: number;
}

/** Kinesis PutRecords: forwards part of the entries, answers the rest as failed at their indices. */
export interface ProxyFailedRecordsRule extends ProxyRuleBase {
  readonly kind: 'failedRecords';
  /** Fraction of entries failed, counted as for `unprocessedItems`. */
  readonly fraction: number;
  /** Error code of failed entries; by default each failed entry gets one of the two at random. */
  readonly errorCode?: 'ProvisionedThroughputExceededException' | 'InternalFailure';
}

/** Holds the request `delayMs`, then destroys the client connection instead of answering. */
export interface ProxyTimeoutRule extends ProxyRuleBase {
  readonly kind: 'timeout';
  readonly operations: readonly string[];
  readonly delayMs: number;
  /**
   * true: the request is forwarded and takes effect before the connection is dropped, so the
   * caller sees a failure for a write that happened. false: nothing is forwarded.
   */
  readonly applied: boolean;
}

/**
 * Holds the request a random time in [minDelayMs, maxDelayMs] (uniform, from the seeded PRNG),
 * then forwards it and relays the answer untouched: widens the window between two calls of one
 * writer (a read and its write) so concurrent writers interleave in every order.
 */
export interface ProxyDelayRule extends ProxyRuleBase {
  readonly kind: 'delay';
  readonly operations: readonly string[];
  /** Default 0. */
  readonly minDelayMs?: number;
  readonly maxDelayMs: number;
}

/** One proxy fault rule; rules are evaluated in order and at most one fires per request. */
export type ProxyFaultRule =
  ProxyErrorRule | ProxyUnprocessedItemsRule | ProxyFailedRecordsRule | ProxyTimeoutRule | ProxyDelayRule;

/** Kinds of proxy rules: the SDK fault kinds plus `delay`. */
export type ProxyFaultKind = FaultKind | 'delay';

/** Options of `startFaultProxy`. */
export interface FaultProxyOptions {
  /** The emulator behind the proxy, http://host:port. */
  readonly target: string;
  /** Seed of the PRNG: the same seed and request sequence inject the same faults. */
  readonly seed: number;
  readonly rules: readonly ProxyFaultRule[];
  /** Loopback port to listen on; 0 (default) picks a free one. */
  readonly port?: number;
}

const DEFAULT_OPERATIONS: Record<ProxyFaultKind, readonly string[]> = {
  error: [],
  unprocessedItems: ['BatchWriteItem', 'BatchGetItem'],
  failedRecords: ['PutRecords'],
  timeout: [],
  delay: [],
};

/** The operations a (validated) rule applies to. */
export function ruleOperations(rule: ProxyFaultRule): readonly string[] {
  return 'operations' in rule && rule.operations !== undefined ? rule.operations : DEFAULT_OPERATIONS[rule.kind];
}

const OPERATION_NAME = /^[A-Z][A-Za-z0-9]*$/;
const FAILED_RECORD_CODES: readonly string[] = ['ProvisionedThroughputExceededException', 'InternalFailure'];

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value !== 'object' || value === null) return String(value);
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function fail(field: string, reason: string, got: unknown): never {
  throw new FaultProxyOptionError(field, `${reason}, got ${show(got)}`);
}

function checkUnit(field: string, value: unknown): void {
  if (!(typeof value === 'number' && value >= 0 && value <= 1)) fail(field, 'must be a number in 0..1', value);
}

/** Checks a target URL: plain http with a host and port, no path. */
export function validateTarget(field: string, value: unknown): URL {
  let url: URL | undefined;
  try {
    url = new URL(String(value));
  } catch {
    url = undefined;
  }
  if (
    typeof value !== 'string' ||
    !url ||
    url.protocol !== 'http:' ||
    url.port === '' ||
    (url.pathname !== '/' && url.pathname !== '')
  ) {
    fail(field, 'must be an http://host:port URL of the emulator', value);
  }
  return url;
}

function checkOperations(field: string, value: unknown, allowed: readonly string[] | undefined): void {
  if (!Array.isArray(value) || value.length === 0) fail(field, 'must list at least one operation', value);
  value.forEach((op: unknown, i) => {
    if (typeof op !== 'string' || !OPERATION_NAME.test(op))
      fail(`${field}[${i}]`, 'must be an operation name such as "PutItem"', op);
    if (allowed && !allowed.includes(op)) fail(`${field}[${i}]`, `must be one of ${allowed.join(', ')}`, op);
  });
}

function validateRule(rule: ProxyFaultRule, at: string): void {
  const kinds = [...(Object.values(FAULT_KINDS) as string[]), 'delay'];
  if (typeof rule !== 'object' || rule === null) fail(at, 'must be a rule object', rule);
  if (!kinds.includes(rule.kind)) fail(`${at}.kind`, `must be one of ${kinds.join(', ')}`, rule.kind);
  checkUnit(`${at}.probability`, rule.probability);
  if (rule.maxInjections !== undefined && !(Number.isInteger(rule.maxInjections) && rule.maxInjections >= 0)) {
    fail(`${at}.maxInjections`, 'must be a non-negative integer', rule.maxInjections);
  }
  if (rule.kind === 'error' || rule.kind === 'timeout' || rule.kind === 'delay')
    checkOperations(`${at}.operations`, rule.operations, undefined);
  if (rule.kind === 'unprocessedItems' && rule.operations !== undefined)
    checkOperations(`${at}.operations`, rule.operations, DEFAULT_OPERATIONS.unprocessedItems);
  if (rule.kind === 'unprocessedItems' || rule.kind === 'failedRecords') checkUnit(`${at}.fraction`, rule.fraction);
  if (rule.kind === 'error' && !PROXY_ERROR_NAMES.includes(rule.error))
    fail(`${at}.error`, `must be one of ${PROXY_ERROR_NAMES.join(', ')}`, rule.error);
  if (rule.kind === 'failedRecords' && rule.errorCode !== undefined && !FAILED_RECORD_CODES.includes(rule.errorCode)) {
    fail(`${at}.errorCode`, `must be one of ${FAILED_RECORD_CODES.join(', ')}`, rule.errorCode);
  }
  if (rule.kind === 'delay') validateDelay(rule, at);
  if (rule.kind === 'timeout') {
    if (!(typeof rule.delayMs === 'number' && Number.isFinite(rule.delayMs) && rule.delayMs >= 0))
      fail(`${at}.delayMs`, 'must be a non-negative number of ms', rule.delayMs);
    if (typeof rule.applied !== 'boolean')
      fail(`${at}.applied`, 'must be true (forward, then drop) or false (drop without forwarding)', rule.applied);
  }
}

function validateDelay(rule: ProxyDelayRule, at: string): void {
  const isMs = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  if (rule.minDelayMs !== undefined && !isMs(rule.minDelayMs))
    fail(`${at}.minDelayMs`, 'must be a non-negative number of ms', rule.minDelayMs);
  if (!isMs(rule.maxDelayMs) || rule.maxDelayMs < (rule.minDelayMs ?? 0))
    fail(`${at}.maxDelayMs`, 'must be a number of ms not below minDelayMs', rule.maxDelayMs);
}

/** Throws FaultProxyOptionError naming the first invalid field; returns the parsed target URL. */
export function validateProxyOptions(options: FaultProxyOptions): URL {
  if (typeof options !== 'object' || options === null) fail('options', 'must be an object', options);
  const target = validateTarget('target', options.target);
  if (!Number.isInteger(options.seed)) fail('seed', 'must be an integer', options.seed);
  const port = options.port ?? 0;
  if (!(Number.isInteger(port) && port >= 0 && port <= 65535))
    fail('port', 'must be an integer in 0..65535', options.port);
  if (!Array.isArray(options.rules)) fail('rules', 'must be an array of rules', options.rules);
  options.rules.forEach((rule, i) => validateRule(rule, `rules[${i}]`));
  return target;
}
