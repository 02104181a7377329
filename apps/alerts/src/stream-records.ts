// Alerts flow: DynamoDB stream records → (this file) the windows they touch. Only the keys are
// read (the sort key starts with the window start), so the function works with any view type;
// the rows themselves are read back consistently from the table.
import type { TableStreamRecord } from './types';

/** A window touched by the batch and the records that touched it. */
export interface TouchedWindow {
  readonly windowStart: string;
  readonly startMs: number;
  /** Sequence numbers of its records, in batch order. */
  readonly sequenceNumbers: string[];
}

/** A record this function cannot read, and why. */
export interface SkippedRecord {
  readonly eventID: string | undefined;
  readonly sequenceNumber: string | undefined;
  readonly reason: string;
}

const WINDOW_START = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)#/;

/**
 * Groups records by window start. A record that is not a window row's insert or modify
 * (the mapping's filter lets none through, so this is a misconfiguration or hostile input) is
 * skipped with its reason: retrying it could never succeed.
 *
 * @example
 * ```ts
 * const { windows, skipped } = touchedWindows(event.Records);
 * ```
 */
export function touchedWindows(records: readonly TableStreamRecord[]): {
  windows: TouchedWindow[];
  skipped: SkippedRecord[];
} {
  const byStart = new Map<string, TouchedWindow>();
  const skipped: SkippedRecord[] = [];
  for (const record of records) {
    const sequenceNumber = record?.dynamodb?.SequenceNumber;
    const skip = (reason: string) => skipped.push({ eventID: record?.eventID, sequenceNumber, reason });
    if (typeof sequenceNumber !== 'string' || sequenceNumber === '') {
      skip('no dynamodb.SequenceNumber');
      continue;
    }
    if (record.eventName !== 'INSERT' && record.eventName !== 'MODIFY') {
      skip(`eventName ${JSON.stringify(record.eventName)} is not INSERT or MODIFY`);
      continue;
    }
    const sk = record.dynamodb?.Keys?.['sk']?.S;
    const match = typeof sk === 'string' ? WINDOW_START.exec(sk) : null;
    const startMs = match ? Date.parse(match[1] as string) : Number.NaN;
    if (!match || !Number.isFinite(startMs)) {
      skip(`Keys.sk ${JSON.stringify(sk)} is not a window row key (<window start>#<shard>#<part>)`);
      continue;
    }
    const windowStart = match[1] as string;
    const entry = byStart.get(windowStart) ?? { windowStart, startMs, sequenceNumbers: [] };
    entry.sequenceNumbers.push(sequenceNumber);
    byStart.set(windowStart, entry);
  }
  return { windows: [...byStart.values()].sort((a, b) => a.startMs - b.startMs), skipped };
}
