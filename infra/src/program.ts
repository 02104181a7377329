// Program flow: read the `streamlens` namespace once → validate it with @streamlens/config
// (errors abort before any resource is declared) → compose the stack.
import * as pulumi from '@pulumi/pulumi';
import type { StackConfig } from '@streamlens/config';
import { CONFIG_NAMESPACE, REGION_KEY, parseStackConfig } from '@streamlens/config';
import type { StackOutputs } from './stack';
import { createStack } from './stack';

/**
 * The raw `streamlens` namespace of the running stack: every key (so typos are reported by
 * the parser), structured values JSON-decoded, plus `region` from `aws:region`.
 *
 * @param all the stack's config map, `pulumi.runtime.allConfig()` by default
 */
export function readRawConfig(all: Record<string, string> = pulumi.runtime.allConfig()): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  const prefix = `${CONFIG_NAMESPACE}:`;
  for (const [key, value] of Object.entries(all)) {
    if (key.startsWith(prefix)) raw[key.slice(prefix.length)] = decode(value);
  }
  const region = all[REGION_KEY];
  if (region !== undefined) raw['region'] = region;
  return raw;
}

// Pulumi stores structured values as JSON; a plain string stays a string so the parser can
// say "must be a mapping" instead of failing on JSON.parse.
function decode(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** Reads and validates the stack config; throws ConfigValidationError listing every problem. */
export function loadConfig(stack: string = pulumi.getStack()): StackConfig {
  return parseStackConfig(readRawConfig(), { stack, source: `Pulumi.${stack}.yaml` });
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
  const config = loadConfig();
  return createStack(config, { repoRoot: options.repoRoot, project: pulumi.getProject(), stack: pulumi.getStack() });
}
