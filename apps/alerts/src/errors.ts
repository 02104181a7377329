// Typed errors of the alerts function.

/** Base class of the alerts function's errors. */
export class AlertsFunctionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AlertsFunctionError';
  }
}

/** A missing or malformed environment variable; the message names it. */
export class ConfigError extends AlertsFunctionError {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`${variable} ${reason}`);
    this.name = 'ConfigError';
  }
}
