/** Base class of errors raised by the testing tools themselves (not injected faults). */
export class TestingToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TestingToolError';
  }
}

/** A fault rule is malformed (bad probability, fraction, unknown exception for the client's service). */
export class FaultRuleError extends TestingToolError {
  constructor(
    readonly ruleIndex: number,
    reason: string,
  ) {
    super(`fault rule #${ruleIndex}: ${reason}`);
    this.name = 'FaultRuleError';
  }
}
