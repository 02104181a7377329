// Pure parts of the function concern: where a bundle lives, the log group name Lambda writes
// to, and the sizing checks. The environment comes from @streamlens/config's functionEnvironment.
import * as path from 'node:path';
import { ARCHITECTURES, LOG_RETENTION_DAYS, RUNTIMES } from '@streamlens/config';
import type { ArgsContext } from './validate';
import { fail, requireInt, requireOneOf } from './validate';

/** Sizing and runtime of one function. */
export interface FunctionSizingArgs {
  readonly runtime: string;
  readonly architecture: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly logRetentionDays: number;
}

/** Checks sizing against Lambda's and CloudWatch Logs' limits; returns it unchanged. */
export function validateSizing(ctx: ArgsContext, sizing: FunctionSizingArgs): FunctionSizingArgs {
  // The allowed lists are the config schema's, so component checks and config cannot drift.
  requireOneOf(ctx, 'runtime', sizing.runtime, RUNTIMES);
  requireOneOf(ctx, 'architecture', sizing.architecture, ARCHITECTURES);
  requireInt(ctx, 'memoryMb', sizing.memoryMb, 128, 10_240);
  requireInt(ctx, 'timeoutSeconds', sizing.timeoutSeconds, 1, 900);
  if (!(LOG_RETENTION_DAYS as readonly number[]).includes(sizing.logRetentionDays)) {
    fail(ctx, 'logRetentionDays', `must be one of ${LOG_RETENTION_DAYS.join(', ')}`, sizing.logRetentionDays);
  }
  return sizing;
}

/** Directory of an app's bundle: `<repoRoot>/dist/apps/<app>` (holds main.cjs). */
export function bundleDirectory(repoRoot: string, app: string): string {
  return path.join(repoRoot, 'dist', 'apps', app);
}

/** The log group Lambda writes a function's logs to. */
export function lambdaLogGroupName(functionName: string): string {
  return `/aws/lambda/${functionName}`;
}
