// streamlens:functions — runtime, architecture and logging shared by every function.
import { ARCHITECTURES, DEPRECATED_RUNTIMES, LOG_LEVELS, LOG_RETENTION_DAYS, RUNTIMES } from '../constants';
import type { Fields } from '../fields';
import type { FunctionsConfig, Runtime } from '../types';

const KEYS = ['runtime', 'architecture', 'logRetentionDays', 'logLevel'] as const;

/** Parses streamlens:functions. Defaults: nodejs22.x, arm64 (cheaper), 30 days of logs, INFO. */
export function parseFunctions(parent: Fields): FunctionsConfig {
  const f = parent.child('functions', KEYS);
  return {
    runtime: parseRuntime(f),
    architecture: f.oneOf('architecture', ARCHITECTURES, 'arm64'),
    logRetentionDays: f.oneOf('logRetentionDays', LOG_RETENTION_DAYS, 30),
    logLevel: f.oneOf('logLevel', LOG_LEVELS, 'INFO'),
  };
}

function parseRuntime(f: Fields): Runtime {
  const deprecatedSince = DEPRECATED_RUNTIMES[String(f.raw['runtime'])];
  if (deprecatedSince === undefined) return f.oneOf('runtime', RUNTIMES, 'nodejs22.x');
  const problem = `is deprecated by AWS Lambda since ${deprecatedSince}: no security patches, and AWS blocks creating and then updating functions on it`;
  f.fail('runtime', problem, RUNTIMES.join(' | '));
  return 'nodejs22.x';
}
