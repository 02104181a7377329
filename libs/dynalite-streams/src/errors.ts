// Errors of the emulated DynamoDB Streams API. Each carries the `__type` and HTTP status AWS
// answers with, so a client (the AWS SDK, the local event-source mapping) sees the service's own
// exception class.

/** Base class: an error answered to the client as `{ __type, message }` with `statusCode`. */
export class StreamsApiError extends Error {
  constructor(
    readonly awsType: string,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
    this.name = 'StreamsApiError';
  }

  /** The JSON body AWS sends for this error. */
  toBody(): { __type: string; message: string } {
    return { __type: this.awsType, message: this.message };
  }
}

/** A request parameter is missing or invalid. */
export class StreamsValidationError extends StreamsApiError {
  constructor(message: string) {
    super('com.amazon.coral.validate#ValidationException', message);
    this.name = 'StreamsValidationError';
  }
}

/** The stream, shard or table does not exist. */
export class StreamResourceNotFoundError extends StreamsApiError {
  constructor(message: string) {
    super('com.amazonaws.dynamodb.v20120810#ResourceNotFoundException', message);
    this.name = 'StreamResourceNotFoundError';
  }
}

/** The shard iterator is older than 15 minutes. */
export class ExpiredIteratorError extends StreamsApiError {
  constructor(message: string) {
    super('com.amazonaws.dynamodb.v20120810#ExpiredIteratorException', message);
    this.name = 'ExpiredIteratorError';
  }
}

/** The position asked for lies before the shard's trim horizon (past the 24-hour retention). */
export class TrimmedDataAccessError extends StreamsApiError {
  constructor(message: string) {
    super('com.amazonaws.dynamodb.v20120810#TrimmedDataAccessException', message);
    this.name = 'TrimmedDataAccessError';
  }
}

/** The operation is not part of the DynamoDB Streams API. */
export class UnknownStreamsOperationError extends StreamsApiError {
  constructor(operation: string) {
    super(
      'com.amazonaws.dynamodb.v20120810#UnknownOperationException',
      `An unknown operation was requested: ${operation}`,
    );
    this.name = 'UnknownStreamsOperationError';
  }
}

/** The store under the emulation failed (LevelDB error); answered as a 500 so clients retry. */
export class StreamStoreError extends StreamsApiError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('com.amazonaws.dynamodb.v20120810#InternalServerError', message, 500);
    this.name = 'StreamStoreError';
    if (options?.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}
