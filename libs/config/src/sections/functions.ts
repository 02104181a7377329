// streamlens:functions — runtime, architecture and logging shared by every function.
import { ARCHITECTURES, DEPRECATED_RUNTIMES, LOG_LEVELS, LOG_RETENTION_DAYS, RANGES, RUNTIMES } from '../constants';
import type { Fields } from '../fields';
import type { FunctionsConfig, Runtime } from '../types';

const KEYS = ['runtime', 'architecture', 'logRetentionDays', 'logLevel', 'reservedConcurrency'] as const;

/** Functions reachable over HTTP (function URL or HTTP API) and their default reserved concurrency. */
const HTTP_FUNCTIONS = { report: 10, ingest: 50 } as const;

/**
 * Parses streamlens:functions. Defaults: nodejs22.x, arm64 (cheaper), 30 days of logs, INFO,
 * reserved concurrency 10 for the report and 50 for ingest.
 */
export function parseFunctions(parent: Fields): FunctionsConfig {
  const f = parent.child('functions', KEYS);
  return {
    runtime: parseRuntime(f),
    architecture: f.oneOf('architecture', ARCHITECTURES, 'arm64'),
    logRetentionDays: f.oneOf('logRetentionDays', LOG_RETENTION_DAYS, 30),
    logLevel: f.oneOf('logLevel', LOG_LEVELS, 'INFO'),
    reservedConcurrency: parseReservedConcurrency(f),
  };
}

// Functions callers reach over HTTP get a reserved concurrency: a flood of requests is throttled
// at that ceiling instead of taking the account's concurrency from the stream consumers. -1
// (Pulumi's and Lambda's "no reservation") is for accounts whose concurrency quota is too low to
// reserve any (AWS keeps 100 unreserved).
function parseReservedConcurrency(parent: Fields): FunctionsConfig['reservedConcurrency'] {
  const f = parent.child('reservedConcurrency', Object.keys(HTTP_FUNCTIONS));
  return {
    report: f.int('report', RANGES.reservedConcurrency, HTTP_FUNCTIONS.report),
    ingest: f.int('ingest', RANGES.reservedConcurrency, HTTP_FUNCTIONS.ingest),
  };
}

function parseRuntime(f: Fields): Runtime {
  const deprecatedSince = DEPRECATED_RUNTIMES[String(f.raw['runtime'])];
  if (deprecatedSince === undefined) return f.oneOf('runtime', RUNTIMES, 'nodejs22.x');
  const problem = `is deprecated by AWS Lambda since ${deprecatedSince}: no security patches, and AWS blocks creating and then updating functions on it`;
  f.fail('runtime', problem, RUNTIMES.join(' | '));
  return 'nodejs22.x';
}
