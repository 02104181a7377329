// Typed errors of the Pulumi program: invalid component args fail at construction time
// (so `pulumi preview` stops with the culprit named), a missing bundle fails before upload.

/** Base class of every error thrown by the infra program. */
export class InfraError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InfraError';
  }
}

// A value in a message is capped: a 5,000-character filter pattern must not bury the reason.
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/**
 * A component received an argument it cannot deploy.
 * Message: `<component> "<name>": <field>: <reason> (got <value>)`.
 */
export class InvalidComponentArgsError extends InfraError {
  constructor(
    readonly component: string,
    readonly resourceName: string,
    readonly field: string,
    readonly reason: string,
    readonly value?: unknown,
  ) {
    super(
      `${component} "${resourceName}": ${field}: ${reason}` + (value === undefined ? '' : ` (got ${shown(value)})`),
    );
    this.name = 'InvalidComponentArgsError';
  }
}

/** A function bundle is missing: the apps were not built before `pulumi preview/up`. */
export class BundleNotFoundError extends InfraError {
  constructor(
    readonly app: string,
    readonly path: string,
  ) {
    super(
      `bundle of "${app}" not found at ${path}: preview and deploy with \`npx nx run infra:preview\` or ` +
        `\`npx nx run infra:up\` (they build the bundles first), or build them with ` +
        `\`npx nx run-many -t build -p consumer aggregator report producer\``,
    );
    this.name = 'BundleNotFoundError';
  }
}

/** An IAM document breaks the least-privilege rules (wildcard action, managed policy, …). */
export class PolicyViolationError extends InfraError {
  constructor(
    readonly policy: string,
    readonly violations: readonly string[],
  ) {
    super(`IAM policy "${policy}" violates least privilege:\n  ${violations.join('\n  ')}`);
    this.name = 'PolicyViolationError';
  }
}
