// Reads GitHub Actions workflow files so their triggers, jobs and steps can be checked by
// tests here (the workflows themselves only run on GitHub).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** One step of a job. */
export interface WorkflowStep {
  readonly name?: string;
  readonly if?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Readonly<Record<string, unknown>>;
  readonly env?: Readonly<Record<string, unknown>>;
}

/** One job of a workflow: steps of its own, or a call of a reusable workflow (`uses`). */
export interface WorkflowJob {
  readonly if?: string;
  readonly needs?: string | readonly string[];
  readonly environment?: string | { readonly name: string };
  readonly uses?: string;
  readonly with?: Readonly<Record<string, unknown>>;
  readonly steps?: readonly WorkflowStep[];
}

/** The parts of a workflow file the checks look at. */
export interface Workflow {
  readonly name?: string;
  /** Trigger map (`on:`), normalised to an object even when written as a string or list. */
  readonly on: Readonly<Record<string, unknown>>;
  readonly jobs: Readonly<Record<string, WorkflowJob>>;
}

/**
 * Parses a workflow file.
 *
 * @example
 * ```ts
 * const ci = readWorkflow('.github/workflows/ci.yml');
 * Object.keys(ci.on); // ['push', 'pull_request']
 * ```
 */
export function readWorkflow(path: string): Workflow {
  return parseWorkflow(readFileSync(path, 'utf8'));
}

/** Parses the text of a workflow file (see {@link readWorkflow}). */
export function parseWorkflow(text: string): Workflow {
  const doc = parse(text) as Record<string, unknown>;
  // YAML 1.1 readers turn a bare `on` key into `true`; the `yaml` package (1.2) keeps it.
  const rawOn = doc['on'];
  const on =
    typeof rawOn === 'string'
      ? { [rawOn]: null }
      : Array.isArray(rawOn)
        ? Object.fromEntries(rawOn.map((t: string) => [t, null]))
        : ((rawOn ?? {}) as Record<string, unknown>);
  const jobs = (doc['jobs'] ?? {}) as Record<string, WorkflowJob>;
  return { name: doc['name'] as string | undefined, on, jobs };
}

/** The jobs a job waits for. */
export function needsOf(job: WorkflowJob): string[] {
  return job.needs === undefined ? [] : typeof job.needs === 'string' ? [job.needs] : [...job.needs];
}

/** All steps of all jobs, in file order. */
export function allSteps(workflow: Workflow): WorkflowStep[] {
  return Object.values(workflow.jobs).flatMap((job) => job.steps ?? []);
}

/** The first step whose `uses` starts with the given action (e.g. `pulumi/actions`), if any. */
export function findStepUsing(job: WorkflowJob, action: string): WorkflowStep | undefined {
  return (job.steps ?? []).find((step) => step.uses?.split('@')[0] === action);
}
