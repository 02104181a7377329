// Report flow, API: the time range of a request — a preset ending at the last closed window,
// or explicit from/to instants — and the previous range of equal length to compare with.
import { parseIsoTimestamp } from '@streamlens/schemas';
import { BAD_REQUEST_CODES, BadRequestError } from '../errors';

/** Preset ranges and their length in seconds. */
export const RANGE_PRESETS = { '5m': 300, '1h': 3_600, '24h': 86_400 } as const;

/** A preset name. */
export type RangePreset = keyof typeof RANGE_PRESETS;

/** Range used when none is given. */
export const DEFAULT_RANGE: RangePreset = '1h';

/** The parameters a range is read from. */
export const RANGE_PARAMETERS = ['range', 'from', 'to'] as const;

/** A resolved range: windows starting in [from, to) and the equally long range before. */
export interface TimeRange {
  /** The preset name, or "custom" for from/to. */
  readonly name: RangePreset | 'custom';
  readonly from: Date;
  readonly to: Date;
  readonly previousFrom: Date;
  readonly previousTo: Date;
}

/** What resolving a range needs besides the query. */
export interface RangeContext {
  readonly nowMs: number;
  readonly windowSeconds: number;
  readonly retentionDays: number;
}

const DAY_MS = 86_400_000;

/**
 * Resolves `range` (5m | 1h | 24h, default 1h) or `from` + `to` (ISO 8601 date-times with a
 * timezone). A preset ends at the start of the open window, so it covers closed windows only
 * (rows are written when a window closes).
 *
 * @throws BadRequestError naming the parameter: unknown preset, both kinds given, one of
 *   from/to missing, unparsable instant, from not before to, range longer than the retention.
 * @example
 * ```ts
 * resolveTimeRange(new URLSearchParams('range=5m'), { nowMs: Date.now(), windowSeconds: 30, retentionDays: 30 });
 * ```
 */
export function resolveTimeRange(query: URLSearchParams, ctx: RangeContext): TimeRange {
  const preset = query.get('range');
  const from = query.get('from');
  const to = query.get('to');
  if (preset !== null && (from !== null || to !== null)) {
    throw new BadRequestError(
      BAD_REQUEST_CODES.conflictingParameters,
      'range',
      'give either range or from and to, not both',
    );
  }
  if (from !== null || to !== null) return customRange(from, to, ctx);
  return presetRange(preset ?? DEFAULT_RANGE, ctx);
}

function presetRange(name: string, ctx: RangeContext): TimeRange {
  if (!Object.hasOwn(RANGE_PRESETS, name)) {
    throw new BadRequestError(
      BAD_REQUEST_CODES.unknownRange,
      'range',
      `range must be one of ${Object.keys(RANGE_PRESETS).join(', ')}, got "${name.slice(0, 40)}"`,
    );
  }
  const preset = name as RangePreset;
  const lengthMs = RANGE_PRESETS[preset] * 1000;
  checkRetention(lengthMs, 'range', ctx);
  const windowMs = ctx.windowSeconds * 1000;
  const to = Math.floor(ctx.nowMs / windowMs) * windowMs;
  return build(preset, to - lengthMs, to);
}

function customRange(fromRaw: string | null, toRaw: string | null, ctx: RangeContext): TimeRange {
  if (fromRaw === null)
    throw new BadRequestError(BAD_REQUEST_CODES.missingParameter, 'from', 'from is required with to');
  if (toRaw === null) throw new BadRequestError(BAD_REQUEST_CODES.missingParameter, 'to', 'to is required with from');
  const from = instant(fromRaw, 'from');
  const to = instant(toRaw, 'to');
  if (from >= to)
    throw new BadRequestError(
      BAD_REQUEST_CODES.invalidRangeOrder,
      'from',
      `from (${fromRaw}) must be earlier than to (${toRaw})`,
    );
  checkRetention(to - from, 'from', ctx);
  return build('custom', from, to);
}

function instant(raw: string, parameter: 'from' | 'to'): number {
  const parsed = parseIsoTimestamp(raw);
  if (!parsed) {
    throw new BadRequestError(
      BAD_REQUEST_CODES.invalidDate,
      parameter,
      `${parameter} must be an ISO 8601 date-time with a timezone, e.g. 2025-01-15T12:00:00Z, got "${raw.slice(0, 40)}"`,
    );
  }
  return parsed.epochSeconds * 1000 + Math.floor(parsed.nanos / 1_000_000);
}

function checkRetention(lengthMs: number, parameter: 'range' | 'from', ctx: RangeContext): void {
  if (lengthMs > ctx.retentionDays * DAY_MS) {
    throw new BadRequestError(
      BAD_REQUEST_CODES.rangeTooLong,
      parameter,
      `${parameter === 'range' ? 'range' : 'from..to'} is longer than the ${ctx.retentionDays}-day retention of the trend data`,
    );
  }
}

function build(name: TimeRange['name'], from: number, to: number): TimeRange {
  const length = to - from;
  return {
    name,
    from: new Date(from),
    to: new Date(to),
    previousFrom: new Date(from - length),
    previousTo: new Date(from),
  };
}

/** The JSON view of a range. */
export interface RangeView {
  readonly name: TimeRange['name'];
  readonly from: string;
  readonly to: string;
  readonly previousFrom: string;
  readonly previousTo: string;
  readonly windowSeconds: number;
}

/** The JSON view of a range. */
export function rangeView(range: TimeRange, windowSeconds: number): RangeView {
  return {
    name: range.name,
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    previousFrom: range.previousFrom.toISOString(),
    previousTo: range.previousTo.toISOString(),
    windowSeconds,
  };
}
