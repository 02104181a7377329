// Serialises statements into a policy JSON string, refusing documents that break the
// least-privilege rules (so a mistake fails at preview, not in an audit).
import * as pulumi from '@pulumi/pulumi';
import { PolicyViolationError } from '../errors';
import type { PolicyStatement } from './policy-document';
import { findPolicyViolations, policyDocument } from './policy-document';

/** The policy JSON of `statements`; rejects empty documents and least-privilege violations. */
export function serializePolicy(
  policyName: string,
  statements: pulumi.Output<PolicyStatement[]>,
): pulumi.Output<string> {
  return statements.apply((list) => {
    const doc = policyDocument(list);
    const violations = list.length === 0 ? ['document has no statements'] : findPolicyViolations(doc);
    if (violations.length > 0) throw new PolicyViolationError(policyName, violations);
    return JSON.stringify(doc);
  });
}
