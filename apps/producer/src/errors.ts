// Typed errors of the producer app.

/** Base class of the app's errors. */
export class ProducerAppError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProducerAppError';
  }
}

/** A missing or malformed environment variable; the message names it. */
export class ConfigError extends ProducerAppError {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`${variable} ${reason}`);
    this.name = 'ConfigError';
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
