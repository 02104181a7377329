// Mutation testing: a target of targets.ts → the StrykerJS options of its run (written to a
// JSON config file that the Stryker CLI reads). Pure, so the configuration itself is tested.
import { dirname } from 'node:path';
import type { MutationTarget } from './targets';

/** A target passes when at least this share of its mutants is detected (percent). */
export const MUTATION_BREAK_THRESHOLD = 85;

/** Where a target's report is written (committed): the next incremental run starts from it. */
export function mutationReportPath(name: string): string {
  return `bench-results/mutation/${name}.json`;
}

/**
 * The copy of the committed report that an incremental run reads. StrykerJS 9.6 overwrites its
 * JSON report in place without truncating it, so a report shorter than the one it replaces
 * keeps the old one's tail and is no longer JSON: the run reads a copy, and the report is
 * removed before Stryker writes it again.
 */
export function mutationBaselinePath(name: string): string {
  return `tmp/mutation/${name}.baseline.json`;
}

/** How one run goes. */
export interface MutationRunOptions {
  /** Test-runner processes in parallel (1–2 on a shared 2-core machine). */
  readonly concurrency: number;
  /** Reuse the results of the committed report for mutants whose code and tests did not change. */
  readonly incremental: boolean;
  /** A progress bar for a terminal; one line per update otherwise (CI logs). */
  readonly interactive: boolean;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The Jest configuration of a target: the workspace preset and exactly the target's tests.
 * `enableFindRelatedTests` is off in the runner options below: Jest's related-test search only
 * follows imports between files inside `roots`, so a mutant in a file that tests reach through
 * a lib's index.ts would run no test at all and survive. The dry run runs every listed test
 * instead, and coverage per test decides which tests each mutant runs.
 */
function jestConfig(name: string, target: MutationTarget): Record<string, unknown> {
  const isFile = (entry: string) => entry.endsWith('.test.ts');
  const roots = target.tests.map((entry) => (isFile(entry) ? dirname(entry) : entry));
  return {
    displayName: `mutation:${name}`,
    preset: './jest.preset.js',
    roots: [...new Set(roots)].map((dir) => `<rootDir>/${dir}`),
    testMatch: target.tests.map((entry) => (isFile(entry) ? `<rootDir>/${entry}` : `<rootDir>/${entry}/**/*.test.ts`)),
    testPathIgnorePatterns: [
      '/node_modules/',
      ...Object.keys(target.skippedTests ?? {}).map((file) => `^<rootDir>/${escapeRegExp(file)}$`),
    ],
  };
}

/**
 * The StrykerJS options of one target's run.
 *
 * @example
 * ```ts
 * strykerOptions('kpl', MUTATION_TARGETS.kpl, { concurrency: 2, incremental: false, interactive: true }).mutate;
 * ```
 */
export function strykerOptions(name: string, target: MutationTarget, run: MutationRunOptions): Record<string, unknown> {
  const report = mutationReportPath(name);
  return {
    $schema: '../../node_modules/@stryker-mutator/core/schema/stryker-schema.json',
    packageManager: 'npm',
    plugins: ['@stryker-mutator/jest-runner'],
    testRunner: 'jest',
    jest: { projectType: 'custom', config: jestConfig(name, target), enableFindRelatedTests: false },
    coverageAnalysis: 'perTest',
    mutate: [...target.mutate],
    concurrency: run.concurrency,
    // A mutant counts as a timeout (detected) only when its tests run this much longer than
    // the dry run did: generous, because a loaded machine must not turn survivors into timeouts.
    timeoutMS: 10_000,
    timeoutFactor: 2,
    thresholds: { high: 90, low: MUTATION_BREAK_THRESHOLD, break: MUTATION_BREAK_THRESHOLD },
    reporters: ['clear-text', run.interactive ? 'progress' : 'progress-append-only', 'json', 'html'],
    clearTextReporter: { allowColor: run.interactive, logTests: false, reportScoreTable: true },
    jsonReporter: { fileName: report },
    htmlReporter: { fileName: `tmp/mutation/${name}.html` },
    incremental: run.incremental,
    incrementalFile: mutationBaselinePath(name),
    tempDirName: `tmp/stryker-${name}`,
    // The sandbox needs the sources, tests and configuration, not builds or earlier results.
    ignorePatterns: ['/dist', '/coverage', '/bench-results', '/tmp', '/.local-data', '/.nx', '/test-output'],
  };
}
