// Typed errors of the analytics lib.

/** A window state handed back (e.g. by Lambda between invokes) is not one this lib wrote. */
export class InvalidWindowStateError extends Error {
  public constructor(detail: string) {
    super(`invalid window state: ${detail}`);
    this.name = 'InvalidWindowStateError';
  }
}

/** An argument (window key, capacity, ranking option) is out of its allowed range. */
export class InvalidAnalyticsArgumentError extends Error {
  public constructor(detail: string) {
    super(detail);
    this.name = 'InvalidAnalyticsArgumentError';
  }
}
