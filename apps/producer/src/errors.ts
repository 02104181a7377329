// Typed errors of the producer app.

/** Base class of the app's errors. */
export class ProducerAppError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProducerAppError';
  }
}

/** A bad command-line flag of the load CLI; the message names it. */
export class FlagError extends ProducerAppError {
  constructor(
    readonly flag: string,
    reason: string,
  ) {
    super(`--${flag}: ${reason}`);
    this.name = 'FlagError';
  }
}

/** The load CLI cannot reach its stream (endpoint down, stream missing, no credentials); the message says why. */
export class LoadTargetError extends ProducerAppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message);
    this.name = 'LoadTargetError';
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}
