// StreamSpecification of CreateTable and UpdateTable: validation with a message naming the
// field, and the stream label and ARN AWS derives from the table and the enabling time.
import { STREAM_VIEW_TYPES } from './constants';
import { StreamsValidationError } from './errors';
import type { StreamViewType } from './types';

/** A validated StreamSpecification. */
export type ParsedStreamSpecification =
  { readonly enabled: false } | { readonly enabled: true; readonly viewType: StreamViewType };

/**
 * Validates a StreamSpecification as AWS does: `StreamEnabled` is required; a view type is
 * required to enable and refused to disable.
 *
 * @throws StreamsValidationError naming the field and the value sent.
 */
export function parseStreamSpecification(spec: unknown): ParsedStreamSpecification {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    throw new StreamsValidationError(`StreamSpecification must be an object, got ${JSON.stringify(spec)}`);
  }
  const { StreamEnabled: enabled, StreamViewType: viewType } = spec as Record<string, unknown>;
  if (typeof enabled !== 'boolean') {
    throw new StreamsValidationError(
      `StreamSpecification.StreamEnabled is required and must be a boolean, got ${JSON.stringify(enabled)}`,
    );
  }
  if (!enabled) {
    if (viewType !== undefined && viewType !== null) {
      throw new StreamsValidationError(
        `One or more parameter values were invalid: StreamSpecification.StreamViewType must not be set when StreamEnabled is false (got ${JSON.stringify(viewType)})`,
      );
    }
    return { enabled: false };
  }
  if (!STREAM_VIEW_TYPES.includes(viewType as StreamViewType)) {
    throw new StreamsValidationError(
      `One or more parameter values were invalid: StreamSpecification.StreamViewType must be one of ${STREAM_VIEW_TYPES.join(', ')} when StreamEnabled is true (got ${JSON.stringify(viewType)})`,
    );
  }
  return { enabled: true, viewType: viewType as StreamViewType };
}

/** The stream label AWS gives a stream: its creation time, ISO 8601 without the zone (`2026-12-05T23:42:14.985`). */
export function streamLabelAt(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, -1);
}

/** `arn:aws:dynamodb:REGION:ACCOUNT:table/NAME/stream/LABEL` */
export function streamArnOf(tableArn: string, label: string): string {
  return `${tableArn}/stream/${label}`;
}
