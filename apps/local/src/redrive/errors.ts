/** Base class of errors of `redrive`. */
export class RedriveError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RedriveError';
  }
}

/** A redrive flag is missing or has a bad value; the message names the flag. */
export class RedriveUsageError extends RedriveError {
  constructor(
    readonly flag: string,
    problem: string,
  ) {
    super(`${flag} ${problem}`);
    this.name = 'RedriveUsageError';
  }
}
