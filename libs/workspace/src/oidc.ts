// Derives the OIDC identities the workflows present to AWS and Pulumi Cloud (GitHub's `sub`
// claim, the role or team each job asks for), so the trust policies in docs/DEPLOY.md can be
// checked against what the workflows actually do.
import type { Workflow, WorkflowJob } from './workflow';

/** Placeholder of `<owner>/<repository>` used in the documented trust policies. */
export const REPO_PLACEHOLDER = '<org>/<repo>';

/** What one job of a workflow asks for with its GitHub OIDC token. */
export interface OidcIdentity {
  readonly job: string;
  /** GitHub's `sub` claim for this job, with the repository as {@link REPO_PLACEHOLDER}. */
  readonly subjects: readonly string[];
  /**
   * The AWS role it assumes, as `<variable>` or `<variable>@<environment>` (an environment's
   * variables shadow the repository's, so each environment can name its own role). Undefined
   * when the job assumes no role.
   */
  readonly awsRole?: string;
  /** The Pulumi token scope it requests from pulumi/auth-actions (e.g. `team:streamlens-dev`). */
  readonly pulumiScope?: string;
}

/**
 * The OIDC identities of every job that configures AWS credentials or requests a Pulumi token.
 *
 * GitHub's rules: a job that names an environment gets `repo:R:environment:E` whatever the
 * trigger; otherwise a pull_request run gets `repo:R:pull_request`, and any other run the ref it
 * runs on (`repo:R:ref:refs/heads/main`, `repo:R:ref:refs/tags/v1`).
 *
 * @example
 * ```ts
 * oidcIdentities(readWorkflow('.github/workflows/preview.yml'))[0].subjects;
 * // ['repo:<org>/<repo>:pull_request']
 * ```
 */
export function oidcIdentities(workflow: Workflow): OidcIdentity[] {
  return Object.entries(workflow.jobs).flatMap(([job, spec]) => {
    const awsRole = awsRoleOf(spec);
    const pulumiScope = pulumiScopeOf(spec);
    if (awsRole === undefined && pulumiScope === undefined) return [];
    return [
      {
        job,
        subjects: subjectsOf(workflow, spec),
        ...(awsRole === undefined ? {} : { awsRole }),
        ...(pulumiScope === undefined ? {} : { pulumiScope }),
      },
    ];
  });
}

/** The environment a job runs in, if any. */
export function environmentOf(job: WorkflowJob): string | undefined {
  return typeof job.environment === 'string' ? job.environment : job.environment?.name;
}

function subjectsOf(workflow: Workflow, job: WorkflowJob): string[] {
  const repo = `repo:${REPO_PLACEHOLDER}`;
  const environment = environmentOf(job);
  if (environment !== undefined) return [`${repo}:environment:${environment}`];
  const subjects = Object.entries(workflow.on).flatMap(([event, filter]): string[] => {
    if (event === 'pull_request' || event === 'pull_request_target') return [`${repo}:pull_request`];
    if (event === 'push') {
      const f = (filter ?? {}) as { branches?: string[]; tags?: string[] };
      if (!f.branches && !f.tags) return [`${repo}:ref:*`];
      return [
        ...(f.branches ?? []).map((b) => `${repo}:ref:refs/heads/${b}`),
        ...(f.tags ?? []).map((t) => `${repo}:ref:refs/tags/${t}`),
      ];
    }
    // workflow_dispatch, schedule, workflow_run…: whatever ref the run is started on.
    return [`${repo}:ref:*`];
  });
  return [...new Set(subjects)].sort();
}

function awsRoleOf(job: WorkflowJob): string | undefined {
  const step = (job.steps ?? []).find((s) => s.uses?.split('@')[0] === 'aws-actions/configure-aws-credentials');
  if (!step) return undefined;
  const role = String(step.with?.['role-to-assume'] ?? '');
  const variable = /^\$\{\{\s*vars\.([A-Za-z0-9_]+)\s*\}\}$/.exec(role)?.[1] ?? role;
  const environment = environmentOf(job);
  return environment === undefined ? variable : `${variable}@${environment}`;
}

function pulumiScopeOf(job: WorkflowJob): string | undefined {
  const step = (job.steps ?? []).find((s) => s.uses?.split('@')[0] === 'pulumi/auth-actions');
  const scope = step?.with?.['scope'];
  return step ? String(scope ?? 'organization') : undefined;
}
