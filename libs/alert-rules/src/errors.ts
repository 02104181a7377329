// Typed errors of the alerts domain lib.

/** An argument of an alert decision (window, rows, thresholds) is not one the rules can use. */
export class InvalidAlertInputError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'InvalidAlertInputError';
  }
}
