// Typed errors of the stack config: callers tell "file missing", "YAML broken" and
// "values invalid" apart by class, and read the details from fields, not from messages.
import type { ConfigIssue } from './types';

/**
 * Problems a message lists before it counts the rest: a file with 20,000 unknown keys gives a
 * screenful that ends with the count, not megabytes. `issues` holds them all.
 */
export const MAX_LISTED_ISSUES = 50;

/** Base class of every error thrown by @streamlens/config. */
export class StackConfigError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StackConfigError';
  }
}

/**
 * The config holds one or more invalid values. All problems are collected before throwing;
 * the message has one line per issue: `streamlens:<key.path>: <problem> (got <v>; allowed <r>)`.
 *
 * @example
 * ```ts
 * try { parseStackConfig(raw); } catch (e) {
 *   if (e instanceof ConfigValidationError) e.issues.forEach((i) => console.error(i.key));
 * }
 * ```
 */
export class ConfigValidationError extends StackConfigError {
  readonly issues: readonly ConfigIssue[];
  /** Stack the config belongs to (not `stack`: that is Error's stack trace). */
  readonly stackName: string | undefined;
  readonly source: string | undefined;

  constructor(issues: readonly ConfigIssue[], context: { stack?: string; source?: string } = {}) {
    super(ConfigValidationError.describe(issues, context));
    this.name = 'ConfigValidationError';
    this.issues = issues;
    this.stackName = context.stack;
    this.source = context.source;
  }

  private static describe(issues: readonly ConfigIssue[], context: { stack?: string; source?: string }): string {
    const where = [context.stack && `stack "${context.stack}"`, context.source].filter(Boolean).join(', ');
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    const header = `Invalid StreamLens stack config${where ? ` (${where})` : ''}: ${count}`;
    const shown = issues.slice(0, MAX_LISTED_ISSUES).map((i) => `  ${i.key}: ${i.message}`);
    const rest = issues.length - shown.length;
    const more = rest > 0 ? [`  … and ${rest} more (the first ${MAX_LISTED_ISSUES} are listed)`] : [];
    return [header, ...shown, ...more].join('\n');
  }
}

/** The stack file does not exist. */
export class ConfigFileNotFoundError extends StackConfigError {
  readonly path: string;

  constructor(path: string, cause?: unknown) {
    super(`Stack config file not found: ${path}`, { cause });
    this.name = 'ConfigFileNotFoundError';
    this.path = path;
  }
}

/** The stack file is not valid YAML; `line`/`column` are 1-based. */
export class ConfigFileSyntaxError extends StackConfigError {
  readonly path: string;
  readonly line: number;
  readonly column: number;

  constructor(path: string, line: number, column: number, detail: string) {
    super(`${path}:${line}:${column}: invalid YAML: ${detail}`);
    this.name = 'ConfigFileSyntaxError';
    this.path = path;
    this.line = line;
    this.column = column;
  }
}

/** A stack name that cannot name a Pulumi.<stack>.yaml file (e.g. contains a slash). */
export class InvalidStackNameError extends StackConfigError {
  readonly stackName: string;

  constructor(stack: string) {
    super(`Invalid stack name "${stack}": use letters, digits, "-", "_" and "." only`);
    this.name = 'InvalidStackNameError';
    this.stackName = stack;
  }
}

/** Text given as JSON is not JSON; the message names the offset. */
export class JsonSyntaxError extends StackConfigError {
  constructor(
    readonly offset: number,
    reason: string,
  ) {
    super(`invalid JSON at offset ${offset}: ${reason}`);
    this.name = 'JsonSyntaxError';
  }
}

/** One problem of a function's environment variable. */
export interface FunctionEnvironmentProblem {
  readonly variable: string;
  readonly problem: string;
}

/**
 * A function's environment lacks a variable or holds a malformed one (a deployment mistake: the
 * environment builder always sets them). One line per problem, each naming the variable:
 * `POSTS_TABLE is required (name of the DynamoDB posts table)`.
 */
export class FunctionEnvironmentError extends StackConfigError {
  /** The variables with a problem, in the order found. */
  readonly variables: readonly string[];

  constructor(readonly problems: readonly FunctionEnvironmentProblem[]) {
    super(problems.map((p) => `${p.variable} ${p.problem}`).join('; '));
    this.name = 'FunctionEnvironmentError';
    this.variables = problems.map((p) => p.variable);
  }
}
