// Typed errors of the aggregator app.

/** Base class of the aggregator's errors. */
export class AggregatorError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AggregatorError';
  }
}

/**
 * The invoke is not a tumbling-window event this handler can process (e.g. the mapping has no
 * TumblingWindowInSeconds, or a field is malformed); the message names the field.
 */
export class InvalidWindowEventError extends AggregatorError {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`invalid tumbling-window event: ${field} ${reason}`);
    this.name = 'InvalidWindowEventError';
  }
}

/**
 * Writing the row of a window part failed. Thrown from the final invoke so Lambda retries it
 * (the shard waits until it succeeds, or retries / record age run out).
 */
export class WindowWriteError extends AggregatorError {
  constructor(
    readonly windowStart: string,
    readonly shardId: string,
    readonly part: number,
    options: { cause: unknown },
  ) {
    const cause =
      options.cause instanceof Error ? `${options.cause.name}: ${options.cause.message}` : String(options.cause);
    super(`writing the trends row of window ${windowStart}, shard ${shardId}, part ${part} failed: ${cause}`, options);
    this.name = 'WindowWriteError';
  }
}
