// Program flow: read the stack's config entries once → validate them with @streamlens/config
// (the path `npm start` takes too; errors abort before any resource is declared) → compose the
// stack. A mistake in the config reaches the person as the SDK prints its own RunError: the
// message alone, the same list `npm start` prints, without a stack trace or an object dump.
import * as pulumi from '@pulumi/pulumi';
import type { StackConfig } from '@streamlens/config';
import { parseConfigEntries, StackConfigError } from '@streamlens/config';
import { InfraError } from './errors';
import type { StackOutputs } from './stack';
import { createStack } from './stack';

/**
 * Reads and validates the stack config; throws ConfigValidationError listing every problem.
 *
 * @param all the stack's config map as the CLI passes it, `pulumi.runtime.allConfig()` by default
 */
export function loadConfig(
  stack: string = pulumi.getStack(),
  all: Record<string, string> = pulumi.runtime.allConfig(),
): StackConfig {
  return parseConfigEntries(all, { stack, source: `Pulumi.${stack}.yaml` });
}

/**
 * A mistake the person running `pulumi up` can fix (the stack config, a component argument) as a
 * `pulumi.RunError`, whose message the SDK prints alone; anything else (a bug) unchanged, with
 * its stack trace.
 *
 * @example
 * ```ts
 * try { loadConfig(); } catch (err) { throw asRunError(err); }
 * ```
 */
export function asRunError(err: unknown): unknown {
  if (err instanceof StackConfigError || err instanceof InfraError)
    return new pulumi.RunError(err.message, { cause: err });
  return err;
}

/**
 * Runs the program for the current Pulumi stack.
 *
 * @example
 * ```ts
 * export const { streamName } = runProgram({ repoRoot: path.resolve(__dirname, '..') });
 * ```
 */
export function runProgram(options: { readonly repoRoot: string }): StackOutputs {
  try {
    const config = loadConfig();
    return createStack(config, { repoRoot: options.repoRoot, project: pulumi.getProject(), stack: pulumi.getStack() });
  } catch (err) {
    throw asRunError(err);
  }
}
