// Typed errors of the report app: request problems (answered with 400 and the parameter named).
// Configuration problems are @streamlens/config's FunctionEnvironmentError.

/** Base class of the report app's errors. */
export class ReportAppError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportAppError';
  }
}

/** Codes of the 400 answers: stable strings clients can branch on. */
export const BAD_REQUEST_CODES = {
  unknownParameter: 'UNKNOWN_PARAMETER',
  repeatedParameter: 'REPEATED_PARAMETER',
  missingParameter: 'MISSING_PARAMETER',
  conflictingParameters: 'CONFLICTING_PARAMETERS',
  unknownRange: 'UNKNOWN_RANGE',
  invalidDate: 'INVALID_DATE',
  invalidRangeOrder: 'INVALID_RANGE_ORDER',
  rangeTooLong: 'RANGE_TOO_LONG',
  invalidLimit: 'INVALID_LIMIT',
  invalidCursor: 'INVALID_CURSOR',
  invalidSort: 'INVALID_SORT',
  invalidHashtag: 'INVALID_HASHTAG',
  invalidKind: 'INVALID_KIND',
} as const;

/** A 400 code. */
export type BadRequestCode = (typeof BAD_REQUEST_CODES)[keyof typeof BAD_REQUEST_CODES];

/** A request the API cannot answer as asked: names the parameter and says what to send. */
export class BadRequestError extends ReportAppError {
  constructor(
    readonly code: BadRequestCode,
    readonly parameter: string,
    message: string,
  ) {
    super(message);
    this.name = 'BadRequestError';
  }
}
