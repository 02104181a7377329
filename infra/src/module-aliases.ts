// Runtime resolution of the workspace's `@streamlens/*` path aliases for the Pulumi CLI, whose
// ts-node compiles the program but does not apply tsconfig `paths` (jest maps them itself).
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The file an aliased request maps to, or undefined when no alias matches.
 *
 * @example
 * ```ts
 * resolveAlias('@streamlens/config', { '@streamlens/config': ['libs/config/src/index.ts'] }, '/repo');
 * // '/repo/libs/config/src/index.ts'
 * ```
 */
export function resolveAlias(
  request: string,
  paths: Record<string, readonly string[]>,
  root: string,
): string | undefined {
  const target = paths[request]?.[0];
  return target === undefined ? undefined : path.join(root, target);
}

/** Installs the alias hook once, reading the aliases from `<root>/tsconfig.base.json`. */
export function registerWorkspaceAliases(root: string): void {
  const tsconfig = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8')) as {
    compilerOptions?: { paths?: Record<string, string[]> };
  };
  const paths = tsconfig.compilerOptions?.paths ?? {};
  // The CommonJS loader itself (an `import *` namespace would be a copy, and patching it would
  // change nothing).
  const loader = require('node:module') as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const original = loader._resolveFilename;
  loader._resolveFilename = function resolveWithAliases(request: string, ...rest: unknown[]): string {
    return original.call(this, resolveAlias(request, paths, root) ?? request, ...rest);
  };
}
