// AWS JSON protocol facts the fault proxy needs: which call a request is, and the error bodies
// the SDK deserialises into its exception classes. Pure, no I/O.
import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';

/** Services the proxy can author errors for, keyed by the SDK's serviceId. */
export type ProxyService = 'DynamoDB' | 'Kinesis';

/** Content types of the AWS JSON protocols (DynamoDB speaks 1.0, Kinesis 1.1); anything else passes through. */
const AWS_JSON_TYPES: readonly string[] = ['application/x-amz-json-1.0', 'application/x-amz-json-1.1'];

/**
 * Error `__type` prefixes, as the emulators write them: dynalite uses the DynamoDB model
 * namespace (`com.amazonaws.dynamodb.v20120810#ResourceNotFoundException`), kinesalite the
 * bare name (`ResourceNotFoundException`), as the real services do. The SDK strips everything
 * up to '#', so the prefix only matters for fidelity with logs and other SDKs.
 */
const TYPE_PREFIX: Record<ProxyService, string> = { DynamoDB: 'com.amazonaws.dynamodb.v20120810#', Kinesis: '' };

interface ErrorSpec {
  readonly status: number;
  readonly message: string;
}

/** Errors the proxy can answer with, per service: HTTP status and the service's usual message. */
export const PROXY_ERRORS = {
  DynamoDB: {
    ProvisionedThroughputExceededException: {
      status: 400,
      message:
        'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
    },
    ThrottlingException: { status: 400, message: 'Rate of requests exceeds the allowed throughput.' },
    RequestLimitExceeded: { status: 400, message: 'Throughput exceeds the current throughput limit for your account.' },
    InternalServerError: { status: 500, message: 'Internal server error' },
  },
  Kinesis: {
    ProvisionedThroughputExceededException: {
      status: 400,
      message: 'Rate exceeded for shard in stream under account.',
    },
    LimitExceededException: { status: 400, message: 'Rate exceeded for stream under account.' },
    KMSThrottlingException: { status: 400, message: 'The request was denied due to request throttling by KMS.' },
    InternalFailure: { status: 500, message: 'Internal service failure.' },
  },
} as const satisfies Record<ProxyService, Record<string, ErrorSpec>>;

/** An error name the proxy can inject (for at least one service). */
export type ProxyErrorName = keyof (typeof PROXY_ERRORS)['DynamoDB'] | keyof (typeof PROXY_ERRORS)['Kinesis'];

/** Every injectable error name, for validation messages. */
export const PROXY_ERROR_NAMES: readonly ProxyErrorName[] = [
  ...new Set([...Object.keys(PROXY_ERRORS.DynamoDB), ...Object.keys(PROXY_ERRORS.Kinesis)]),
] as ProxyErrorName[];

/** What a request is, from its headers. */
export interface CallInfo {
  /** The X-Amz-Target part after the dot ("BatchWriteItem"), or "" without a target. */
  readonly operation: string;
  /** The service the target prefix names, when it is one the proxy knows. */
  readonly service: ProxyService | undefined;
  /** True for AWS JSON bodies; only those are ever faulted. */
  readonly json: boolean;
  /** The request's content type without parameters, reused for authored answers. */
  readonly contentType: string;
}

function headerValue(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/** Classifies a request by its X-Amz-Target and Content-Type headers. */
export function describeCall(headers: Readonly<Record<string, string | string[] | undefined>>): CallInfo {
  const target = headerValue(headers['x-amz-target']);
  const dot = target.indexOf('.');
  const prefix = dot < 0 ? '' : target.slice(0, dot);
  const contentType = headerValue(headers['content-type']).split(';')[0]?.trim().toLowerCase() ?? '';
  let service: ProxyService | undefined;
  if (prefix.startsWith('DynamoDB_')) service = 'DynamoDB';
  else if (prefix.startsWith('Kinesis_')) service = 'Kinesis';
  return {
    operation: dot < 0 ? '' : target.slice(dot + 1),
    service,
    json: AWS_JSON_TYPES.includes(contentType),
    contentType,
  };
}

/** The error spec of `name` for `service`, when that service has such an error. */
export function errorFor(service: ProxyService | undefined, name: ProxyErrorName): ErrorSpec | undefined {
  if (service === undefined) return undefined;
  return (PROXY_ERRORS[service] as Record<string, ErrorSpec>)[name];
}

/** A request id shaped like dynalite's (52 upper-case base64 characters). */
export function makeRequestId(): string {
  return randomBytes(39).toString('base64').toUpperCase().replace(/[+/]/g, '0');
}

/** An AWS JSON error body as the emulators write it, e.g. {"__type":"…#ProvisionedThroughputExceededException","message":"…"}. */
export function errorBody(service: ProxyService, name: string, message: string): Buffer {
  return Buffer.from(JSON.stringify({ __type: `${TYPE_PREFIX[service]}${name}`, message }));
}

/** The x-amz-crc32 header value DynamoDB sends (some SDKs, e.g. boto3, verify it). */
export function bodyCrc32(body: Buffer): string {
  return String(crc32(body));
}
