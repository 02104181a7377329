// streamlens:functions — runtime, architecture and logging shared by every function.
import { ARCHITECTURES, LOG_LEVELS, LOG_RETENTION_DAYS, RUNTIMES } from '../constants';
import type { Fields } from '../fields';
import type { FunctionsConfig } from '../types';

const KEYS = ['runtime', 'architecture', 'logRetentionDays', 'logLevel'] as const;

/** Parses streamlens:functions. Defaults: nodejs22.x, arm64 (cheaper), 30 days of logs, INFO. */
export function parseFunctions(parent: Fields): FunctionsConfig {
  const f = parent.child('functions', KEYS);
  return {
    runtime: f.oneOf('runtime', RUNTIMES, 'nodejs22.x'),
    architecture: f.oneOf('architecture', ARCHITECTURES, 'arm64'),
    logRetentionDays: f.oneOf('logRetentionDays', LOG_RETENTION_DAYS, 30),
    logLevel: f.oneOf('logLevel', LOG_LEVELS, 'INFO'),
  };
}
