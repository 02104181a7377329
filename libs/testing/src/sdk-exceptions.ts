// The real exception classes of the SDK clients, so code under test sees exactly what AWS throws
// (instanceof checks, `name`, `$fault`, `$metadata` all behave as in production).
import {
  InternalServerError,
  ProvisionedThroughputExceededException as DynamoThroughputExceeded,
  RequestLimitExceeded,
  ThrottlingException,
} from '@aws-sdk/client-dynamodb';
import {
  InternalFailureException,
  KMSThrottlingException,
  LimitExceededException,
  ProvisionedThroughputExceededException as KinesisThroughputExceeded,
} from '@aws-sdk/client-kinesis';

/** Names of exceptions `injectFaults` can throw, per service. */
export const INJECTABLE_ERRORS = {
  DynamoDB: [
    'ProvisionedThroughputExceededException',
    'ThrottlingException',
    'RequestLimitExceeded',
    'InternalServerError',
  ],
  Kinesis: [
    'ProvisionedThroughputExceededException',
    'LimitExceededException',
    'KMSThrottlingException',
    'InternalFailureException',
  ],
} as const;

/** An exception name injectable into some supported service. */
export type InjectableErrorName = (typeof INJECTABLE_ERRORS)[keyof typeof INJECTABLE_ERRORS][number];

type ExceptionCtor = new (opts: {
  message: string;
  $metadata: { httpStatusCode: number; requestId: string; attempts: number };
}) => Error;

const CLASSES: Record<string, Record<string, { ctor: ExceptionCtor; status: number }>> = {
  DynamoDB: {
    ProvisionedThroughputExceededException: { ctor: DynamoThroughputExceeded as unknown as ExceptionCtor, status: 400 },
    ThrottlingException: { ctor: ThrottlingException as unknown as ExceptionCtor, status: 400 },
    RequestLimitExceeded: { ctor: RequestLimitExceeded as unknown as ExceptionCtor, status: 400 },
    InternalServerError: { ctor: InternalServerError as unknown as ExceptionCtor, status: 500 },
  },
  Kinesis: {
    ProvisionedThroughputExceededException: {
      ctor: KinesisThroughputExceeded as unknown as ExceptionCtor,
      status: 400,
    },
    LimitExceededException: { ctor: LimitExceededException as unknown as ExceptionCtor, status: 400 },
    KMSThrottlingException: { ctor: KMSThrottlingException as unknown as ExceptionCtor, status: 400 },
    InternalFailureException: { ctor: InternalFailureException as unknown as ExceptionCtor, status: 500 },
  },
};

/** True when `name` can be constructed for the given SDK serviceId. */
export function isInjectableError(serviceId: string, name: string): boolean {
  return CLASSES[serviceId]?.[name] !== undefined;
}

/** Builds the SDK's own exception instance, as its deserializer would from a service response. */
export function makeServiceException(serviceId: string, name: string, requestId: string): Error {
  const entry = CLASSES[serviceId]?.[name];
  if (!entry) throw new TypeError(`no injectable ${name} for service ${serviceId}`);
  return new entry.ctor({
    message: `injected fault: ${name}`,
    $metadata: { httpStatusCode: entry.status, requestId, attempts: 1 },
  });
}

/** The error NodeHttpHandler raises when a request times out (name "TimeoutError", retried as transient). */
export function makeTimeoutError(delayMs: number): Error {
  return Object.assign(new Error(`injected fault: connection timed out after ${delayMs} ms`), { name: 'TimeoutError' });
}
