// `npm run mutation`: its command line, the StrykerJS options of each target and the figures it
// reads back from a report. The options are checked against the repository itself (files that
// exist, test folders that hold tests), so a moved file or a discovery setting that would inflate
// or deflate a score fails here rather than in a 20-minute Stryker run.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { findRepoRoot } from '../src';
import { MutationUsageError, parseMutationArgs } from '../src/mutation/args';
import { summarizeMutationReport, type MutationReport } from '../src/mutation/report-summary';
import { MUTATION_BREAK_THRESHOLD, mutationReportPath, strykerOptions } from '../src/mutation/stryker-options';
import { MUTATION_TARGETS, type MutationTargetName } from '../src/mutation/targets';

const root = findRepoRoot();
const names = Object.keys(MUTATION_TARGETS) as MutationTargetName[];
const RUN = { concurrency: 1, incremental: false, interactive: false };

function testFilesUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => join(dir, f));
}

/** The test files of a target's `tests` entry: a folder's, or the file itself. */
const filesOf = (entry: string): string[] => (entry.endsWith('.test.ts') ? [entry] : testFilesUnder(entry));

interface JestConfig {
  readonly roots: string[];
  readonly testMatch: string[];
  readonly testPathIgnorePatterns: string[];
  readonly preset: string;
}

/** Whether Jest, given this config, would run a test file (its roots, testMatch and ignores). */
function jestWouldRun(config: JestConfig, file: string): boolean {
  const path = `<rootDir>/${file}`;
  const matches = (glob: string) =>
    new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace('/**/*', '/(.+/)?[^/]*')}$`).test(path);
  return (
    config.roots.some((dir) => path.startsWith(`${dir}/`)) &&
    config.testMatch.some(matches) &&
    !config.testPathIgnorePatterns.some((p) => p !== '/node_modules/' && new RegExp(p).test(path))
  );
}

describe('parseMutationArgs', () => {
  it('reads targets, concurrency and incremental mode, each target once', () => {
    expect(parseMutationArgs(['kpl', '--concurrency', '1', 'kpl', '--incremental'])).toEqual({
      kind: 'run',
      targets: ['kpl'],
      concurrency: 1,
      incremental: true,
    });
  });

  it('expands "all" to every target and defaults to two runner processes', () => {
    expect(parseMutationArgs(['all'])).toEqual({ kind: 'run', targets: names, concurrency: 2, incremental: false });
  });

  it('lists the targets for --list', () => {
    expect(parseMutationArgs(['--list'])).toEqual({ kind: 'list' });
  });

  it.each([
    { argv: ['nope'], message: 'unknown target "nope"' },
    { argv: ['kpl', '--fast'], message: 'unknown flag "--fast"' },
    { argv: [], message: 'name a target (or all)' },
    { argv: ['kpl', '--concurrency'], message: '--concurrency needs a whole number ≥ 1, got null' },
    { argv: ['kpl', '--concurrency', '0'], message: '--concurrency needs a whole number ≥ 1, got "0"' },
    { argv: ['kpl', '--concurrency', '1.5'], message: '--concurrency needs a whole number ≥ 1, got "1.5"' },
    { argv: ['--incremental'], message: 'name a target (or all)' },
  ])('refuses $argv naming the culprit', ({ argv, message }) => {
    // act
    let thrown: unknown;
    try {
      parseMutationArgs(argv);
    } catch (err) {
      thrown = err;
    }
    // assess
    expect(thrown).toBeInstanceOf(MutationUsageError);
    expect((thrown as Error).message).toBe(message);
  });
});

describe.each(names)('target %s', (name) => {
  const target = MUTATION_TARGETS[name];
  const options = strykerOptions(name, target, RUN);
  const jest = options['jest'] as {
    enableFindRelatedTests: boolean;
    config: JestConfig;
  };

  it('mutates files that exist, and nothing else', () => {
    expect(target.mutate.length).toBeGreaterThan(0);
    for (const file of target.mutate) expect([file, existsSync(join(root, file))]).toEqual([file, true]);
    expect(options['mutate']).toEqual(target.mutate);
  });

  it('runs every test of its test folders, whatever path the tests import the code by', () => {
    // Related-test discovery only follows imports between files inside `roots`: a mutant
    // reached through a lib's index.ts or an @streamlens/* alias would run no test and survive.
    expect(jest.enableFindRelatedTests).toBe(false);
    expect(options['coverageAnalysis']).toBe('perTest');
    for (const entry of target.tests) {
      const files = filesOf(entry);
      expect([entry, files.length > 0]).toEqual([entry, true]);
      for (const file of files) {
        expect([file, existsSync(join(root, file))]).toEqual([file, true]);
        expect([file, jestWouldRun(jest.config, file)]).toEqual([file, true]);
      }
    }
    expect(jest.config.preset).toBe('./jest.preset.js');
    expect(existsSync(join(root, 'jest.preset.js'))).toBe(true);
  });

  it('skips only test files that exist under its folders, each with a reason', () => {
    const skipped = Object.entries((target as { skippedTests?: Record<string, string> }).skippedTests ?? {});
    const all = target.tests.flatMap(filesOf);
    for (const [file, reason] of skipped) {
      expect([file, all.includes(file), reason.length > 10]).toEqual([file, true, true]);
    }
    expect(jest.config.testPathIgnorePatterns).toHaveLength(1 + skipped.length);
  });

  it('writes its JSON report under bench-results/mutation/ and breaks under the threshold', () => {
    expect(mutationReportPath(name)).toBe(`bench-results/mutation/${name}.json`);
    expect(options['jsonReporter']).toEqual({ fileName: `bench-results/mutation/${name}.json` });
    // The incremental run reads a copy: Stryker rewrites its report in place without truncating.
    expect(options['incrementalFile']).toBe(`tmp/mutation/${name}.baseline.json`);
    expect(options['thresholds']).toMatchObject({ break: MUTATION_BREAK_THRESHOLD });
    expect(MUTATION_BREAK_THRESHOLD).toBe(85);
  });
});

describe('strykerOptions', () => {
  it('passes the run options through', () => {
    // act
    const options = strykerOptions('kpl', MUTATION_TARGETS.kpl, {
      concurrency: 2,
      incremental: true,
      interactive: true,
    });
    // assess
    expect(options).toMatchObject({ concurrency: 2, incremental: true });
    expect(options['reporters']).toContain('progress');
  });

  it('escapes a skipped file into an exact, anchored ignore pattern', () => {
    // act
    const options = strykerOptions(
      'x',
      { summary: 's', mutate: ['a.ts'], tests: ['t'], skippedTests: { 't/a.b.test.ts': 'runs a built bundle' } },
      RUN,
    );
    // assess
    const patterns = (options['jest'] as { config: { testPathIgnorePatterns: string[] } }).config
      .testPathIgnorePatterns;
    expect(patterns).toEqual(['/node_modules/', '^<rootDir>/t/a\\.b\\.test\\.ts$']);
    expect(options['reporters']).toContain('progress-append-only');
  });
});

describe('summarizeMutationReport', () => {
  const mutant = (id: string, status: string, line = 1) => ({
    id,
    mutatorName: 'ConditionalExpression',
    replacement: 'true',
    status,
    location: { start: { line, column: 3 } },
  });
  const report: MutationReport = {
    files: {
      'a.ts': { mutants: [mutant('1', 'Killed'), mutant('2', 'Survived', 7), mutant('3', 'Timeout')] },
      'b.ts': {
        mutants: [
          mutant('4', 'Killed'),
          mutant('5', 'NoCoverage', 9),
          mutant('6', 'CompileError'),
          mutant('7', 'Ignored'),
        ],
      },
    },
  };

  it('scores detected (killed or timed out) over valid mutants, per file and in total', () => {
    // act
    const { files, total } = summarizeMutationReport(report);
    // assess
    expect(total).toEqual({
      mutants: 7,
      killed: 2,
      timeout: 1,
      survived: 1,
      noCoverage: 1,
      excluded: 2,
      score: 60,
      killedScore: 40,
    });
    expect(files['a.ts']).toMatchObject({ score: 66.7, killedScore: 33.3, excluded: 0 });
    expect(files['b.ts']).toMatchObject({ score: 50, excluded: 2 });
  });

  it('lists the undetected mutants with their place', () => {
    expect(summarizeMutationReport(report).undetected).toEqual([
      { file: 'a.ts', line: 7, column: 3, mutator: 'ConditionalExpression', replacement: 'true', status: 'Survived' },
      { file: 'b.ts', line: 9, column: 3, mutator: 'ConditionalExpression', replacement: 'true', status: 'NoCoverage' },
    ]);
  });

  it('scores an empty report 0, not NaN', () => {
    expect(summarizeMutationReport({ files: {} }).total.score).toBe(0);
  });
});
