// Typed errors of the consumer app.

/** Base class of the consumer app's errors. */
export class ConsumerAppError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConsumerAppError';
  }
}

/** One problem with one environment variable. */
export interface ConfigProblem {
  readonly variable: string;
  readonly problem: string;
}

/**
 * Missing or malformed environment variables, all reported at once; the message names each
 * variable, e.g. `consumer configuration: POSTS_TABLE is required (…)`.
 */
export class ConsumerConfigError extends ConsumerAppError {
  readonly variables: readonly string[];

  constructor(readonly problems: readonly ConfigProblem[]) {
    super(`consumer configuration: ${problems.map((p) => `${p.variable} ${p.problem}`).join('; ')}`);
    this.name = 'ConsumerConfigError';
    this.variables = problems.map((p) => p.variable);
  }
}

/** A Lambda event record that does not have the documented shape (names the field). */
export class InvalidEventRecordError extends ConsumerAppError {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`Kinesis event record: ${field} ${reason}`);
    this.name = 'InvalidEventRecordError';
  }
}
