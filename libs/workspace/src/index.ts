export { findRepoRoot } from './repo';
export { allSteps, findStepUsing, readWorkflow } from './workflow';
export type { Workflow, WorkflowJob, WorkflowStep } from './workflow';
