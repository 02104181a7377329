// Pulumi.<stack>.yaml on disk → StackConfig, for the local stack and tests (infra reads the
// same values through pulumi.Config and calls parseStackConfig directly).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { CONFIG_NAMESPACE, REGION_KEY } from './constants';
import { ConfigFileNotFoundError, ConfigFileSyntaxError, InvalidStackNameError, StackConfigError } from './errors';
import { isRecord } from './fields';
import { IssueList } from './issues';
import { resolveStackConfig } from './parse-stack-config';
import type { ParseOptions, StackConfig } from './types';

const STACK_NAME = /^[A-Za-z0-9_.-]+$/;
const PREFIX = `${CONFIG_NAMESPACE}:`;

/**
 * Reads and validates one Pulumi stack file. Only `config:` entries prefixed `streamlens:`
 * and `aws:region` are read; other namespaces belong to other tools and are ignored.
 *
 * @throws ConfigFileNotFoundError, ConfigFileSyntaxError (with line), ConfigValidationError
 * @example
 * ```ts
 * const config = readStackConfigFile('/repo/Pulumi.dev.yaml');
 * ```
 */
export function readStackConfigFile(path: string, options: ParseOptions = {}): StackConfig {
  const doc = parseYaml(path, readText(path));
  const issues = new IssueList();
  const entries = isRecord(doc) ? doc['config'] : undefined;
  if (!isRecord(doc) || (entries !== undefined && entries !== null && !isRecord(entries))) {
    const allowed = 'config: { "streamlens:<key>": … }';
    issues.add('config', isRecord(doc) ? entries : doc, 'the stack file must hold a `config:` mapping', allowed);
  }
  const { sections, region } = splitEntries(isRecord(entries) ? entries : {});
  if (region === undefined) issues.add(REGION_KEY, undefined, 'is required in a stack file', 'e.g. eu-west-1');
  return resolveStackConfig(sections, region, { source: path, ...options }, issues);
}

/**
 * Loads `<dir>/Pulumi.<stack>.yaml`.
 *
 * @example
 * ```ts
 * const config = loadStackConfig('dev', repoRoot);
 * ```
 */
export function loadStackConfig(stack: string, dir: string, options: ParseOptions = {}): StackConfig {
  if (!STACK_NAME.test(stack)) throw new InvalidStackNameError(stack);
  return readStackConfigFile(join(dir, `Pulumi.${stack}.yaml`), { stack, ...options });
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new ConfigFileNotFoundError(path, error);
    throw new StackConfigError(`Cannot read stack config file ${path}: ${(error as Error).message}`, { cause: error });
  }
}

function parseYaml(path: string, text: string): unknown {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0] ?? { line: 1, col: 1 };
    const detail = first.message.split('\n')[0] ?? first.code;
    throw new ConfigFileSyntaxError(path, pos.line, pos.col, detail);
  }
  try {
    return doc.toJS();
  } catch (err) {
    // e.g. the yaml package's guard against alias expansion attacks ("billion laughs").
    throw new ConfigFileSyntaxError(path, 1, 1, err instanceof Error ? err.message : String(err));
  }
}

function splitEntries(entries: Record<string, unknown>): { sections: Record<string, unknown>; region: unknown } {
  // Null prototype: a `streamlens:__proto__` key becomes an own (unknown, reported) key instead
  // of replacing the prototype every section would then be read through.
  const sections: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [key, value] of Object.entries(entries)) {
    if (key.startsWith(PREFIX)) sections[key.slice(PREFIX.length)] = value;
  }
  return { sections, region: entries[REGION_KEY] };
}
