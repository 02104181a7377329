// Local bus, PutEvents: validates each entry as EventBridge does and turns it into the event
// envelope targets receive. Pure: ids and time come from the caller.
import type { BusEvent, PutEventsEntry, PutEventsResultEntry } from './types';

/** EventBridge's limit on one entry (and on one call). */
export const MAX_ENTRY_BYTES = 256 * 1024;
/** EventBridge's limit on entries per call. */
export const MAX_ENTRIES = 10;

/** Where the bus lives: its name and the account and region events carry. */
export interface BusIdentity {
  readonly busName: string;
  readonly account: string;
  readonly region: string;
}

/** The verdict on one entry: an event to store, or the per-entry error to answer. */
export type EntryVerdict =
  { readonly ok: true; readonly event: BusEvent } | { readonly ok: false; readonly result: PutEventsResultEntry };

function invalid(code: string, message: string): EntryVerdict {
  return { ok: false, result: { ErrorCode: code, ErrorMessage: message } };
}

/**
 * Checks one entry: Source, DetailType and Detail are required, Detail must be a JSON object,
 * the bus must be this one (by name or ARN), the entry at most 256 KB.
 *
 * @example
 * ```ts
 * judgeEntry(entry, { busName: 'alerts', account: '000000000000', region: 'us-east-1' }, 'id-1', new Date());
 * ```
 */
export function judgeEntry(entry: PutEventsEntry, bus: BusIdentity, id: string, now: Date): EntryVerdict {
  for (const field of ['Source', 'DetailType', 'Detail'] as const) {
    const value = entry[field];
    if (typeof value !== 'string' || value.trim() === '') {
      return invalid('InvalidArgument', `Parameter ${field} is not valid. Reason: ${field} is a required argument.`);
    }
  }
  const busName = entry.EventBusName ?? 'default';
  const arn = `arn:aws:events:${bus.region}:${bus.account}:event-bus/${bus.busName}`;
  if (busName !== bus.busName && busName !== arn) {
    return invalid('ResourceNotFoundException', `Event bus ${busName} does not exist.`);
  }
  if (Buffer.byteLength(JSON.stringify(entry), 'utf8') > MAX_ENTRY_BYTES) {
    return invalid('InvalidArgument', `Entry is larger than ${MAX_ENTRY_BYTES} bytes.`);
  }
  let detail: unknown;
  try {
    detail = JSON.parse(entry.Detail as string);
  } catch {
    return invalid('MalformedDetail', 'Detail is malformed.');
  }
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
    return invalid('MalformedDetail', 'Detail is malformed.');
  }
  return {
    ok: true,
    event: {
      version: '0',
      id,
      'detail-type': entry.DetailType as string,
      source: entry.Source as string,
      account: bus.account,
      time: eventTime(entry.Time, now),
      region: bus.region,
      resources: [...(entry.Resources ?? [])],
      detail: detail as Record<string, unknown>,
    },
  };
}

// EventBridge writes event time at second precision; the caller's Time wins when given.
function eventTime(time: number | string | undefined, now: Date): string {
  const ms = typeof time === 'number' ? time * 1000 : typeof time === 'string' ? Date.parse(time) : now.getTime();
  const at = Number.isFinite(ms) ? new Date(ms) : now;
  return `${at.toISOString().slice(0, 19)}Z`;
}
