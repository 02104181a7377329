// Decides, per request, which fault rule fires: rules in order, at most one per request, the
// randomness drawn from one seeded PRNG so a seed and a request sequence replay the same faults.
import { createRng, type Rng } from '../prng';
import { errorFor, type CallInfo } from './aws-json';
import { countEntries, planPartial, type JsonObject, type PartialPlan } from './partial-bodies';
import {
  ruleOperations,
  type ProxyDelayRule,
  type ProxyErrorRule,
  type ProxyFaultRule,
  type ProxyTimeoutRule,
} from './proxy-rules';

/** What to do with one request. */
export type FaultDecision =
  | { readonly kind: 'pass' }
  | {
      readonly kind: 'error';
      readonly ruleIndex: number;
      readonly rule: ProxyErrorRule;
      readonly status: number;
      readonly message: string;
    }
  | { readonly kind: 'timeout'; readonly ruleIndex: number; readonly rule: ProxyTimeoutRule }
  | { readonly kind: 'delay'; readonly ruleIndex: number; readonly rule: ProxyDelayRule; readonly delayMs: number }
  | { readonly kind: 'unprocessedItems' | 'failedRecords'; readonly ruleIndex: number; readonly plan: PartialPlan };

const PASS: FaultDecision = { kind: 'pass' };

function parseObject(body: Buffer): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}

/** Seeded rule evaluation for the fault proxy. */
export class FaultDecider {
  private readonly rng: Rng;
  private readonly fired: number[];

  constructor(
    private readonly rules: readonly ProxyFaultRule[],
    seed: number,
  ) {
    this.rng = createRng(seed);
    this.fired = rules.map(() => 0);
  }

  /**
   * The fault for one AWS JSON request. A rule is a candidate when it names the operation, has
   * injections left and (errors) exists for the service or (partial faults) the body has
   * entries; each candidate draws once, in order, until one fires. A body that does not parse
   * makes partial rules no candidates, so the emulator answers it as it would without the proxy.
   */
  decide(call: CallInfo, body: Buffer): FaultDecision {
    let parsed: JsonObject | undefined | null = null;
    const json = (): JsonObject | undefined => (parsed === null ? (parsed = parseObject(body)) : parsed);
    for (const [index, rule] of this.rules.entries()) {
      if (!this.isCandidate(rule, index, call, json)) continue;
      if (!this.rng.chance(rule.probability)) continue;
      this.fired[index] = (this.fired[index] ?? 0) + 1;
      return this.build(rule, index, call, json());
    }
    return PASS;
  }

  private isCandidate(
    rule: ProxyFaultRule,
    index: number,
    call: CallInfo,
    json: () => JsonObject | undefined,
  ): boolean {
    if (!ruleOperations(rule).includes(call.operation)) return false;
    if (rule.maxInjections !== undefined && (this.fired[index] ?? 0) >= rule.maxInjections) return false;
    if (rule.kind === 'error') return errorFor(call.service, rule.error) !== undefined;
    if (rule.kind === 'timeout' || rule.kind === 'delay') return true;
    const body = json();
    return body !== undefined && countEntries(call.operation, body) > 0;
  }

  private build(rule: ProxyFaultRule, ruleIndex: number, call: CallInfo, json: JsonObject | undefined): FaultDecision {
    if (rule.kind === 'timeout') return { kind: 'timeout', ruleIndex, rule };
    if (rule.kind === 'delay') {
      const min = rule.minDelayMs ?? 0;
      return { kind: 'delay', ruleIndex, rule, delayMs: min + this.rng.next() * (rule.maxDelayMs - min) };
    }
    if (rule.kind === 'error') {
      const spec = errorFor(call.service, rule.error);
      return spec ? { kind: 'error', ruleIndex, rule, status: spec.status, message: spec.message } : PASS;
    }
    const plan =
      json &&
      planPartial(
        call.operation,
        json,
        rule.fraction,
        this.rng,
        rule.kind === 'failedRecords' ? rule.errorCode : undefined,
      );
    return plan ? { kind: rule.kind, ruleIndex, plan } : PASS;
  }
}
