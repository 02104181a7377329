// Fault rules: what to inject, into which commands, how often. Pure types and validation.
import { FaultRuleError } from './errors';
import { isInjectableError, type InjectableErrorName } from './sdk-exceptions';

/** Kinds of faults `injectFaults` can produce. */
export const FAULT_KINDS = {
  /** Throw a real SDK service exception (throttling, 5xx) without reaching the emulator. */
  error: 'error',
  /** BatchWriteItem / BatchGetItem: send only part of the request, report the rest as unprocessed. */
  unprocessedItems: 'unprocessedItems',
  /** PutRecords: fail part of the entries with an ErrorCode, send only the others. */
  failedRecords: 'failedRecords',
  /** Wait past a timeout and throw TimeoutError, optionally after the request took effect. */
  timeout: 'timeout',
} as const;

/** A fault kind. */
export type FaultKind = (typeof FAULT_KINDS)[keyof typeof FAULT_KINDS];

interface RuleBase {
  /** Probability per request attempt that this rule fires, 0..1. */
  readonly probability: number;
  /** Stop injecting after this many injections (default: unlimited). */
  readonly maxInjections?: number;
}

/** Throws `error` (constructed from the client's own SDK package) for the listed commands. */
export interface ErrorFaultRule extends RuleBase {
  readonly kind: 'error';
  /** Command names with or without the "Command" suffix, e.g. "BatchWriteItem". */
  readonly commands: readonly string[];
  readonly error: InjectableErrorName;
}

/** Reports a fraction of a BatchWriteItem's requests (or BatchGetItem's keys) as unprocessed. */
export interface UnprocessedItemsFaultRule extends RuleBase {
  readonly kind: 'unprocessedItems';
  /** Defaults to ["BatchWriteItem", "BatchGetItem"]. */
  readonly commands?: readonly string[];
  /** Fraction of entries held back, 0..1; at least one entry when the rule fires. */
  readonly fraction: number;
}

/** Fails a fraction of a PutRecords call's entries. */
export interface FailedRecordsFaultRule extends RuleBase {
  readonly kind: 'failedRecords';
  /** Fraction of entries failed, 0..1; at least one entry when the rule fires. */
  readonly fraction: number;
  /** Error code of failed entries; by default each failed entry gets one of the two at random. */
  readonly errorCode?: 'ProvisionedThroughputExceededException' | 'InternalFailure';
}

/** Delays `delayMs` then throws TimeoutError, as NodeHttpHandler does on a request timeout. */
export interface TimeoutFaultRule extends RuleBase {
  readonly kind: 'timeout';
  readonly commands: readonly string[];
  readonly delayMs: number;
  /**
   * When true the request is sent and takes effect before the timeout fires: the caller sees a
   * failure for a write that happened (the case idempotent writes exist for). Default false.
   */
  readonly applied?: boolean;
}

/** One fault rule. */
export type FaultRule = ErrorFaultRule | UnprocessedItemsFaultRule | FailedRecordsFaultRule | TimeoutFaultRule;

const DEFAULT_COMMANDS: Record<FaultKind, readonly string[]> = {
  error: [],
  unprocessedItems: ['BatchWriteItem', 'BatchGetItem'],
  failedRecords: ['PutRecords'],
  timeout: [],
};

/** "BatchWriteItemCommand" and "BatchWriteItem" both name the same command. */
export function normaliseCommandName(name: string): string {
  return name.endsWith('Command') ? name.slice(0, -'Command'.length) : name;
}

/** The commands a rule applies to, normalised. */
export function ruleCommands(rule: FaultRule): readonly string[] {
  const listed = 'commands' in rule && rule.commands ? rule.commands : DEFAULT_COMMANDS[rule.kind];
  return listed.map(normaliseCommandName);
}

function checkUnit(index: number, field: string, value: number): void {
  if (!(Number.isFinite(value) && value >= 0 && value <= 1)) {
    throw new FaultRuleError(index, `${field} must be a number in 0..1, got ${String(value)}`);
  }
}

/** Throws FaultRuleError naming the rule and field when a rule cannot work for the given service. */
export function validateRules(rules: readonly FaultRule[], serviceId: string): void {
  rules.forEach((rule, i) => {
    checkUnit(i, 'probability', rule.probability);
    if (rule.maxInjections !== undefined && !(Number.isInteger(rule.maxInjections) && rule.maxInjections >= 0)) {
      throw new FaultRuleError(i, `maxInjections must be a non-negative integer, got ${String(rule.maxInjections)}`);
    }
    if (ruleCommands(rule).length === 0) throw new FaultRuleError(i, 'commands must list at least one command');
    if (rule.kind === 'unprocessedItems' || rule.kind === 'failedRecords') checkUnit(i, 'fraction', rule.fraction);
    if (rule.kind === 'unprocessedItems' && serviceId !== 'DynamoDB') {
      throw new FaultRuleError(i, `unprocessedItems applies to DynamoDB clients, not ${serviceId}`);
    }
    if (rule.kind === 'failedRecords' && serviceId !== 'Kinesis') {
      throw new FaultRuleError(i, `failedRecords applies to Kinesis clients, not ${serviceId}`);
    }
    if (rule.kind === 'error' && !isInjectableError(serviceId, rule.error)) {
      throw new FaultRuleError(i, `error ${rule.error} cannot be injected into a ${serviceId} client`);
    }
    if (rule.kind === 'timeout' && !(Number.isFinite(rule.delayMs) && rule.delayMs >= 0)) {
      throw new FaultRuleError(i, `delayMs must be a non-negative number, got ${String(rule.delayMs)}`);
    }
  });
}
