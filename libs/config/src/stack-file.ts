// Pulumi.<stack>.yaml on disk → StackConfig, for the local stack and tests (infra reads the
// same values through pulumi.Config and calls parseStackConfig directly).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { REGION_KEY } from './constants';
import { ConfigFileNotFoundError, ConfigFileSyntaxError, InvalidStackNameError, StackConfigError } from './errors';
import { isRecord } from './fields';
import { IssueList } from './issues';
import { parseConfigEntries } from './parse-stack-config';
import type { ParseOptions, StackConfig } from './types';

const STACK_NAME = /^[A-Za-z0-9_.-]+$/;
/**
 * Reads and validates one Pulumi stack file through the path the Pulumi program takes
 * (parseConfigEntries): `streamlens:` sections and `aws:region` are read; keys without a
 * namespace, near misses of a namespace and keys outside `config:` are errors; other namespaces
 * belong to other tools and are left alone.
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
    issues.add('config', isRecord(doc) ? entries : doc, 'the stack file must hold a `config:` mapping', ALLOWED);
  }
  const outside = isRecord(doc) ? keysOutsideConfig(doc) : [];
  for (const key of outside) {
    issues.add(key, (doc as Record<string, unknown>)[key], 'is outside `config:`; indent it under config:', ALLOWED);
  }
  const config = isRecord(entries) ? entries : {};
  if (!(REGION_KEY in config) && !outside.includes(REGION_KEY))
    issues.add(REGION_KEY, undefined, 'is required in a stack file', 'e.g. eu-west-1');
  return parseConfigEntries(config, { source: path, ...options, issues });
}

/** Top-level keys of a stack file that Pulumi reads (everything else is a misplaced config key). */
const STACK_FILE_KEYS = ['config', 'secretsprovider', 'encryptedkey', 'encryptionsalt', 'environment'];
const ALLOWED = 'config: { "streamlens:<key>": … }';

// A file written without the `config:` wrapper holds its keys at the top level, where neither
// Pulumi nor the program reads them: each is named, not only the region they then lack.
function keysOutsideConfig(doc: Record<string, unknown>): string[] {
  return Object.keys(doc).filter((key) => !STACK_FILE_KEYS.includes(key) && key.includes(':'));
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
  // Merge keys (`<<: *defaults`) are merged, as the Pulumi CLI's YAML parser merges them.
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true, merge: true });
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
