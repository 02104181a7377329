import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { allSteps, findRepoRoot, findStepUsing, needsOf, readWorkflow, type WorkflowJob } from '../src';

const root = findRepoRoot();
const workflow = (name: string) => readWorkflow(join(root, '.github/workflows', name));
const onlyJob = (jobs: Readonly<Record<string, WorkflowJob>>): WorkflowJob => {
  const all = Object.values(jobs);
  expect(all).toHaveLength(1);
  return all[0] as WorkflowJob;
};
const stepsOf = (job: WorkflowJob) => job.steps ?? [];
const BUILD_BUNDLES = 'npx nx run-many -t build -p consumer aggregator report producer';

describe('ci.yml', () => {
  const ci = workflow('ci.yml');
  const job = onlyJob(ci.jobs);

  it('runs on pull requests and when deploy.yml calls it', () => {
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'workflow_call']);
  });

  it('checks out full history so nx affected can compare against the base', () => {
    expect(findStepUsing(job, 'actions/checkout')?.with?.['fetch-depth']).toBe(0);
  });

  it('uses Node 22 with the npm cache and installs from the lock file', () => {
    const node = findStepUsing(job, 'actions/setup-node');
    expect(node?.with).toMatchObject({ 'node-version': 22, cache: 'npm' });
    expect(stepsOf(job).some((s) => s.run?.startsWith('npm ci'))).toBe(true);
  });

  it('on pull requests: nx-set-shas, then affected lint, typecheck, test and build', () => {
    const steps = stepsOf(job);
    const shas = steps.findIndex((s) => s.uses?.startsWith('nrwl/nx-set-shas@'));
    const affected = steps.findIndex((s) => s.run === 'npx nx affected -t lint typecheck test build');
    expect(shas).toBeGreaterThanOrEqual(0);
    expect(affected).toBeGreaterThan(shas);
    expect(steps[affected]?.if).toBe("inputs.scope != 'all'");
  });

  it("with scope 'all' (before a deploy): every project, not only the affected ones", () => {
    const all = stepsOf(job).find((s) => s.run === 'npx nx run-many -t lint typecheck test build');
    expect(all?.if).toBe("inputs.scope == 'all'");
  });
});

describe('preview.yml', () => {
  const preview = workflow('preview.yml');
  const job = onlyJob(preview.jobs);

  it('runs on pull requests only', () => {
    expect(Object.keys(preview.on)).toEqual(['pull_request']);
  });

  it('builds the bundles before previewing the dev stack with a PR comment', () => {
    const steps = stepsOf(job);
    const build = steps.findIndex((s) => s.run === BUILD_BUNDLES);
    const pulumi = steps.findIndex((s) => s.uses?.startsWith('pulumi/actions@'));
    expect(build).toBeGreaterThanOrEqual(0);
    expect(pulumi).toBeGreaterThan(build);
    expect(steps[pulumi]?.with).toMatchObject({ command: 'preview', 'comment-on-pr': true });
    expect(String(steps[pulumi]?.with?.['stack-name'])).toMatch(/\/dev$/);
  });

  it('gets a Pulumi token by OIDC scoped to the preview team, and AWS credentials through the preview role', () => {
    const steps = stepsOf(job);
    const auth = steps.findIndex((s) => s.uses?.startsWith('pulumi/auth-actions@'));
    expect(auth).toBeGreaterThanOrEqual(0);
    expect(auth).toBeLessThan(steps.findIndex((s) => s.uses?.startsWith('pulumi/actions@')));
    expect(steps[auth]?.with).toMatchObject({
      'requested-token-type': 'urn:pulumi:token-type:access_token:team',
      scope: 'team:streamlens-preview',
    });
    expect(findStepUsing(job, 'aws-actions/configure-aws-credentials')?.with?.['role-to-assume']).toBe(
      '${{ vars.AWS_PREVIEW_ROLE_ARN }}',
    );
  });
});

describe('deploy.yml', () => {
  const deploy = workflow('deploy.yml');
  const dev = deploy.jobs['dev'] as WorkflowJob;
  const prod = deploy.jobs['prod'] as WorkflowJob;

  it('runs on push to main, on v* tags and by hand, with dev as the default of a manual run', () => {
    expect(deploy.on['push']).toEqual({ branches: ['main'], tags: ['v*'] });
    const dispatch = deploy.on['workflow_dispatch'] as { inputs: { stack: { default: string; options: string[] } } };
    expect(dispatch.inputs.stack.default).toBe('dev');
    expect(dispatch.inputs.stack.options).toEqual(['dev', 'prod']);
  });

  it('every deploy job waits for the whole test suite (ci.yml, scope all) to pass', () => {
    const ci = deploy.jobs['ci'] as WorkflowJob;
    expect(ci.uses).toBe('./.github/workflows/ci.yml');
    expect(ci.with).toEqual({ scope: 'all' });
    for (const [name, job] of Object.entries(deploy.jobs)) {
      if (findStepUsing(job, 'pulumi/actions')) expect([name, needsOf(job)]).toEqual([name, ['ci']]);
    }
  });

  it('dev: pushes to main and manual runs that ask for dev', () => {
    expect(dev.if).toBe(
      "(github.event_name == 'push' && github.ref == 'refs/heads/main') || (github.event_name == 'workflow_dispatch' && inputs.stack == 'dev')",
    );
  });

  it('prod: v* tags, or a manual run from main only', () => {
    expect(prod.if).toBe(
      "(github.event_name == 'push' && startsWith(github.ref, 'refs/tags/v')) || (github.event_name == 'workflow_dispatch' && inputs.stack == 'prod' && github.ref == 'refs/heads/main')",
    );
  });

  it('runs each stack behind its own GitHub environment with pulumi up and its own Pulumi team token', () => {
    for (const [stack, job] of [
      ['dev', dev],
      ['prod', prod],
    ] as const) {
      expect(job.environment).toBe(stack);
      const up = findStepUsing(job, 'pulumi/actions');
      expect(up?.with?.['command']).toBe('up');
      expect(String(up?.with?.['stack-name'])).toMatch(new RegExp(`/${stack}$`));
      expect(findStepUsing(job, 'pulumi/auth-actions')?.with?.['scope']).toBe(`team:streamlens-${stack}`);
    }
  });

  it('builds the bundles before every pulumi step', () => {
    for (const job of [dev, prod]) {
      const steps = stepsOf(job);
      const build = steps.findIndex((s) => s.run === BUILD_BUNDLES);
      const up = steps.findIndex((s) => s.uses?.startsWith('pulumi/actions@'));
      expect(build).toBeGreaterThanOrEqual(0);
      expect(up).toBeGreaterThan(build);
    }
    expect(allSteps(deploy).filter((s) => s.uses?.startsWith('pulumi/actions@'))).toHaveLength(2);
  });
});

describe('every workflow', () => {
  const files = readdirSync(join(root, '.github/workflows')).filter((f) => /\.ya?ml$/.test(f));

  it.each(files)('%s holds no long-lived Pulumi token (Pulumi OIDC instead of PULUMI_ACCESS_TOKEN)', (file) => {
    const text = JSON.stringify(workflow(file));
    expect(text).not.toContain('PULUMI_ACCESS_TOKEN');
  });

  it.each(files)('%s: every pulumi/actions step follows a build of the bundles and a Pulumi OIDC login', (file) => {
    for (const job of Object.values(workflow(file).jobs)) {
      const steps = stepsOf(job);
      const pulumi = steps.findIndex((s) => s.uses?.startsWith('pulumi/actions@'));
      if (pulumi < 0) continue;
      expect(steps.findIndex((s) => s.run === BUILD_BUNDLES)).toBeLessThan(pulumi);
      expect(steps.findIndex((s) => s.uses?.startsWith('pulumi/auth-actions@'))).toBeLessThan(pulumi);
      expect(steps[pulumi]?.env).toMatchObject({ PULUMI_NODEJS_TRANSPILE_ONLY: 'true' });
    }
  });
});
