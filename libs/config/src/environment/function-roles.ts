// The functions of a stack: which app's bundle each runs and how large each is. Infra deploys
// these sizes, the local stack gives its sandboxes the same memory and timeout.
import type { MappingName, StackConfig } from '../types';

/** The deployed functions; the value is the Nx app whose bundle the function runs. */
export const FUNCTION_APPS = {
  consumer: 'consumer',
  aggregator: 'aggregator',
  report: 'report',
  ingest: 'producer',
  alerts: 'alerts',
} as const;

/** Logical function name. */
export type FunctionRole = keyof typeof FUNCTION_APPS;

/** Every function, in a stable order. */
export const FUNCTION_ROLES = Object.keys(FUNCTION_APPS) as readonly FunctionRole[];

/** Memory and timeout of a function. */
export interface FunctionSize {
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
}

/** Sizing of the HTTP functions, which the stack config does not carry. */
export const HTTP_FUNCTION_MEMORY_MB = 512;

/** The report answers from DynamoDB queries; 10 s bounds a slow page. */
export const REPORT_TIMEOUT_SECONDS = 10;

/**
 * The ingest function waits for its records to be put; it may take up to the producer's record
 * TTL before a throttled record is reported failed, so its timeout is the TTL plus this margin
 * (the request then answers with every line's outcome instead of timing out).
 */
export const INGEST_TIMEOUT_MARGIN_SECONDS = 10;

/**
 * Memory and timeout of one function for a stack.
 *
 * @example
 * ```ts
 * functionSize(config, 'ingest'); // { memoryMb: 512, timeoutSeconds: 40 } with a 30 s record TTL
 * ```
 */
export function functionSize(config: StackConfig, role: FunctionRole): FunctionSize {
  if (role === 'consumer' || role === 'aggregator') return config[role as MappingName].function;
  if (role === 'alerts') return config.alerts.mapping.function;
  if (role === 'report') return { memoryMb: HTTP_FUNCTION_MEMORY_MB, timeoutSeconds: REPORT_TIMEOUT_SECONDS };
  const ttlSeconds = Math.ceil(config.producer.recordTtlMs / 1000);
  return { memoryMb: HTTP_FUNCTION_MEMORY_MB, timeoutSeconds: ttlSeconds + INGEST_TIMEOUT_MARGIN_SECONDS };
}
