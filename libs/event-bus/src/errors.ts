// Typed errors of the local event bus.

/** Base class of the bus's errors. */
export class EventBusError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EventBusError';
  }
}

/** A rule or target is misconfigured; the message names it. */
export class BusConfigError extends EventBusError {
  constructor(what: string, reason: string) {
    super(`${what}: ${reason}`);
    this.name = 'BusConfigError';
  }
}

/** A target refused or failed a delivery (the bus retries it). */
export class DeliveryError extends EventBusError {
  constructor(target: string, reason: string, options?: { cause?: unknown }) {
    super(`delivery to ${target} failed: ${reason}`, options);
    this.name = 'DeliveryError';
  }
}
