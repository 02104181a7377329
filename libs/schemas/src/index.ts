// Public API of @streamlens/schemas: record types, validation, the stream codec and its errors.
export { decodePost, encodePost, postVersionKey } from './codec';
export type { DecodeOptions } from './codec';
export {
  CorruptAggregateError,
  MalformedEventRecordError,
  MissingRecordDataError,
  NotBase64Error,
  NotJsonError,
  NotUtf8Error,
  POISON_REASONS,
  PoisonRecordError,
  SchemaViolationError,
  TooLargeError,
  UnknownVersionError,
  isPoisonRecordError,
} from './errors';
export type { PoisonReason, ValidationIssue } from './errors';
export { isIndexableHashtag, MAX_HASHTAG_BYTES, normaliseHashtag } from './hashtag';
export { compareInstants, formatUtcKey, parseIsoTimestamp } from './iso-time';
export type { IsoInstant } from './iso-time';
export { DEFAULT_MAX_RECORD_BYTES, FORBIDDEN_KEYS, LANGUAGE_TAG_PATTERN, POST_LIMITS } from './limits';
export { CURRENT_SCHEMA_VERSION, SOURCE_NETWORKS } from './types';
export type {
  Engagement,
  EnrichedPost,
  Lineage,
  SentimentScore,
  SocialPost,
  SocialPostV1,
  SourceNetwork,
  WindowAggregate,
} from './types';
export { firstInvalidUtf8Offset } from './utf8';
export { parseSocialPost, validateSocialPost } from './validate';
export type { ValidationResult } from './validate';
export { instantKey, recordVersionKey } from './version';
export type { StreamPosition } from './version';
