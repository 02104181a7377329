export { REPO_PLACEHOLDER, environmentOf, oidcIdentities } from './oidc';
export type { OidcIdentity } from './oidc';
export { findRepoRoot } from './repo';
export { documentedPulumiPolicies, documentedTrustPolicies, markedJsonBlocks } from './trust-docs';
export type { DocumentedPulumiPolicy, DocumentedTrustPolicy } from './trust-docs';
export { allSteps, findStepUsing, needsOf, parseWorkflow, readWorkflow } from './workflow';
export type { Workflow, WorkflowJob, WorkflowStep } from './workflow';
