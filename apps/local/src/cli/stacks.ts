// The stack configs a repository holds, so `--stack nosuch` can say which ones exist.
import { readdirSync } from 'node:fs';

const STACK_FILE = /^Pulumi\.([A-Za-z0-9_.-]+)\.yaml$/;

/**
 * Names of the stacks with a `Pulumi.<stack>.yaml` in `dir`, sorted.
 *
 * @example
 * ```ts
 * availableStacks(repoRoot); // ['dev', 'prod']
 * ```
 */
export function availableStacks(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .map((name) => STACK_FILE.exec(name)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
}
