// Public API of @streamlens/event-bus: a local EventBridge custom bus (PutEvents over HTTP,
// durable log, rules with event patterns, at-least-once targets).
export { startBusServer } from './bus-server';
export type { BusServer } from './bus-server';
export type { DeliveryPolicy, DeliveryStats } from './delivery';
export { BusConfigError, DeliveryError, EventBusError } from './errors';
export { LocalEventBus, PutEventsRequestError } from './local-event-bus';
export type { EntryFaults, LocalEventBusOptions, PutEventsOutput } from './local-event-bus';
export { MAX_ENTRIES, MAX_ENTRY_BYTES, judgeEntry } from './put-events';
export type { BusIdentity, EntryVerdict } from './put-events';
export { CallbackTarget, LogFileTarget, WebhookTarget } from './targets';
export type { BusEvent, BusRule, BusTarget, PutEventsEntry, PutEventsResultEntry } from './types';
