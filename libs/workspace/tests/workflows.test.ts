import { join } from 'node:path';
import { allSteps, findRepoRoot, findStepUsing, readWorkflow, type WorkflowJob } from '../src';

const root = findRepoRoot();
const workflow = (name: string) => readWorkflow(join(root, '.github/workflows', name));
const onlyJob = (jobs: Readonly<Record<string, WorkflowJob>>): WorkflowJob => {
  const all = Object.values(jobs);
  expect(all).toHaveLength(1);
  return all[0] as WorkflowJob;
};

describe('ci.yml', () => {
  const ci = workflow('ci.yml');
  const job = onlyJob(ci.jobs);

  it('runs on push and on pull requests', () => {
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
  });

  it('checks out full history so nx affected can compare against the base', () => {
    expect(findStepUsing(job, 'actions/checkout')?.with?.['fetch-depth']).toBe(0);
  });

  it('uses Node 22 with the npm cache and installs from the lock file', () => {
    const node = findStepUsing(job, 'actions/setup-node');
    expect(node?.with).toMatchObject({ 'node-version': 22, cache: 'npm' });
    expect(job.steps.some((s) => s.run?.startsWith('npm ci'))).toBe(true);
  });

  it('sets the affected base with nx-set-shas before running affected lint, typecheck, test and build', () => {
    const shas = job.steps.findIndex((s) => s.uses?.startsWith('nrwl/nx-set-shas@'));
    const affected = job.steps.findIndex((s) => s.run === 'npx nx affected -t lint typecheck test build');
    expect(shas).toBeGreaterThanOrEqual(0);
    expect(affected).toBeGreaterThan(shas);
  });
});

describe('preview.yml', () => {
  const preview = workflow('preview.yml');
  const job = onlyJob(preview.jobs);

  it('runs on pull requests only', () => {
    expect(Object.keys(preview.on)).toEqual(['pull_request']);
  });

  it('builds the bundles before previewing the dev stack with a PR comment', () => {
    const build = job.steps.findIndex((s) => s.run?.includes('nx run-many -t build'));
    const pulumi = job.steps.findIndex((s) => s.uses?.startsWith('pulumi/actions@'));
    expect(build).toBeGreaterThanOrEqual(0);
    expect(pulumi).toBeGreaterThan(build);
    expect(job.steps[pulumi]?.with).toMatchObject({ command: 'preview', 'stack-name': 'dev', 'comment-on-pr': true });
  });

  it('takes the Pulumi token from secrets and AWS credentials through an OIDC role', () => {
    const pulumi = findStepUsing(job, 'pulumi/actions');
    expect(pulumi?.env?.['PULUMI_ACCESS_TOKEN']).toBe('${{ secrets.PULUMI_ACCESS_TOKEN }}');
    expect(String(findStepUsing(job, 'aws-actions/configure-aws-credentials')?.with?.['role-to-assume'])).toMatch(
      /vars\./,
    );
  });
});

describe('deploy.yml', () => {
  const deploy = workflow('deploy.yml');

  it('deploys dev on push to main and prod on manual dispatch or a release tag', () => {
    expect(deploy.on['push']).toEqual({ branches: ['main'], tags: ['v*'] });
    expect(Object.keys(deploy.on)).toContain('workflow_dispatch');
    expect(deploy.jobs['dev']?.if).toContain("github.ref == 'refs/heads/main'");
    expect(deploy.jobs['prod']?.if).toContain("inputs.stack == 'prod'");
    expect(deploy.jobs['prod']?.if).toContain("startsWith(github.ref, 'refs/tags/v')");
  });

  it('runs each stack behind its own GitHub environment with pulumi up', () => {
    for (const stack of ['dev', 'prod']) {
      const job = deploy.jobs[stack] as WorkflowJob;
      expect(job.environment).toBe(stack);
      expect(findStepUsing(job, 'pulumi/actions')?.with).toMatchObject({ command: 'up', 'stack-name': stack });
    }
  });

  it('builds before every pulumi step', () => {
    for (const job of Object.values(deploy.jobs)) {
      const build = job.steps.findIndex((s) => s.run?.includes('nx run-many -t build'));
      const up = job.steps.findIndex((s) => s.uses?.startsWith('pulumi/actions@'));
      expect(build).toBeGreaterThanOrEqual(0);
      expect(up).toBeGreaterThan(build);
    }
    expect(allSteps(deploy).filter((s) => s.uses?.startsWith('pulumi/actions@'))).toHaveLength(2);
  });
});
