// Errors of the fault proxy's own configuration (injected faults are HTTP responses, not these).
import { TestingToolError } from '../errors';

/** An option of `startFaultProxy` is invalid; `field` names it, e.g. "rules[2].probability". */
export class FaultProxyOptionError extends TestingToolError {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`fault proxy: ${field} ${reason}`);
    this.name = 'FaultProxyOptionError';
  }
}
