export type { AlertKey, AlertRefinement, AlertStatus, StoredAlert } from './alert-items';
export type { AlertsRepository, ClaimResult } from './alerts-repository';
export type { Page } from './cursor';
export { CapacityMeter, WRITE_UNIT_BYTES } from './capacity';
export type { CapacitySnapshot, ConsumedUnits } from './capacity';
export { DynamoAlertsRepository } from './dynamo-alerts-repository';
export type { DynamoAlertsRepositoryOptions } from './dynamo-alerts-repository';
export { DynamoPostsReader } from './dynamo-posts-reader';
export type { DynamoPostsReaderOptions } from './dynamo-posts-reader';
export { DynamoPostsWriter } from './dynamo-posts-writer';
export type { DynamoPostsWriterOptions } from './dynamo-posts-writer';
export { DynamoQuarantineRepository } from './dynamo-quarantine-repository';
export type { DynamoQuarantineRepositoryOptions } from './dynamo-quarantine-repository';
export { DynamoTrendsRepository } from './dynamo-trends-repository';
export type { DynamoTrendsRepositoryOptions } from './dynamo-trends-repository';
export {
  GIVE_UP_REASONS,
  InvalidCursorError,
  InvalidRecordError,
  ItemRejectedError,
  ItemTooLargeError,
  RepositoryConfigError,
  RepositoryError,
  UnprocessedItemsError,
  UnprocessedKeysError,
} from './errors';
export type { GiveUp, GiveUpReason, ItemKey, PartialWriteResult, RejectedRecord } from './errors';
export { DYNAMODB_LIMITS } from './item-limits';
export { estimateItemSize, MAX_ITEM_BYTES } from './item-size';
export { TEXT_PREVIEW_CHARS } from './post-items';
export { decodePostDoc } from './post-doc';
export type { StoredDoc } from './post-doc';
export type { HashtagPostSummary } from './post-items';
export type { HashtagQuery, PostsReader, PostsWriter, PutPostsResult } from './posts-repository';
export { MAX_ERROR_DETAILS_CHARS, MAX_STORED_PAYLOAD_BYTES } from './quarantine-items';
export type { QuarantinedRecord, StoredQuarantinedRecord } from './quarantine-items';
export type { QuarantineListQuery, QuarantineRepository } from './quarantine-repository';
export type { DynamoRepositoryOptions } from './repository-options';
export type { RetryOptions } from './retry-policy';
export type { TrendsRepository } from './trends-repository';
