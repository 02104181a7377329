// The scheduled mutation run: weekly and by hand, never on pull requests (it takes an hour or
// more), incremental against the committed reports, read-only, reports kept as an artifact.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { findRepoRoot, findStepUsing, parseWorkflow, type WorkflowJob } from '../src';

const text = readFileSync(join(findRepoRoot(), '.github/workflows/mutation.yml'), 'utf8');
const wf = parseWorkflow(text);
const job = Object.values(wf.jobs)[0] as WorkflowJob;
const steps = job.steps ?? [];

it('runs weekly and by hand, not on pull requests or pushes', () => {
  expect(Object.keys(wf.on as object).sort()).toEqual(['schedule', 'workflow_dispatch']);
});

it('runs every target (or the ones asked for) incrementally against the committed reports', () => {
  const step = steps.find((s) => s.run?.startsWith('npm run mutation -- '));
  const run = step?.run;
  expect(run).toBe('npm run mutation -- $TARGETS --incremental --concurrency 2');
  expect(step?.env).toEqual({ TARGETS: "${{ inputs.targets || 'all' }}" });
  expect(steps.findIndex((s) => s.run === 'npm ci --no-audit --no-fund')).toBeLessThan(
    steps.findIndex((s) => s.run === run),
  );
});

it('can only read the repository, and keeps the reports even when a target fails', () => {
  expect((parse(text) as { permissions: unknown }).permissions).toEqual({ contents: 'read' });
  const upload = findStepUsing(job, 'actions/upload-artifact');
  expect(upload?.if).toBe('always()');
  expect(String(upload?.with?.['path'])).toContain('bench-results/mutation/');
});
