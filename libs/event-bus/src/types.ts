// Shapes of the local bus: PutEvents entries and results as the EventBridge API has them, and
// the event envelope rules and targets see.

/** One entry of a PutEvents request (the fields the local bus reads). */
export interface PutEventsEntry {
  readonly Source?: string;
  readonly DetailType?: string;
  readonly Detail?: string;
  readonly EventBusName?: string;
  readonly Resources?: readonly string[];
  /** Epoch seconds (the JSON protocol's timestamp form) or an ISO string. */
  readonly Time?: number | string;
}

/** The result of one entry, in request order: an id, or an error code and message. */
export type PutEventsResultEntry =
  { readonly EventId: string } | { readonly ErrorCode: string; readonly ErrorMessage: string };

/** An event as EventBridge delivers it to targets. */
export interface BusEvent {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  /** ISO 8601, second precision (as EventBridge writes it). */
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: Record<string, unknown>;
}

/** Where a rule sends matching events. Delivery is at least once: a target must tolerate repeats. */
export interface BusTarget {
  /** Unique within its rule; names the target's cursor file. */
  readonly name: string;
  deliver(event: BusEvent): Promise<void>;
}

/** A rule: an event pattern (the filter-criteria grammar) and its targets. */
export interface BusRule {
  readonly name: string;
  readonly pattern: Record<string, unknown>;
  readonly targets: readonly BusTarget[];
}
