export type { AlertKey, AlertRefinement, AlertStatus, StoredAlert } from './alert-items';
export type { AlertsRepository, ClaimResult } from './alerts-repository';
export type { Page } from './cursor';
export { DynamoAlertsRepository } from './dynamo-alerts-repository';
export type { DynamoAlertsRepositoryOptions } from './dynamo-alerts-repository';
export { DynamoPostsRepository } from './dynamo-posts-repository';
export type { DynamoPostsRepositoryOptions } from './dynamo-posts-repository';
export { DynamoQuarantineRepository } from './dynamo-quarantine-repository';
export type { DynamoQuarantineRepositoryOptions } from './dynamo-quarantine-repository';
export { DynamoTrendsRepository } from './dynamo-trends-repository';
export type { DynamoTrendsRepositoryOptions } from './dynamo-trends-repository';
export {
  GIVE_UP_REASONS,
  InvalidCursorError,
  InvalidRecordError,
  ItemTooLargeError,
  RepositoryConfigError,
  RepositoryError,
  UnprocessedItemsError,
  UnprocessedKeysError,
} from './errors';
export type { GiveUp, GiveUpReason, ItemKey, PartialWriteResult, RejectedRecord } from './errors';
export { estimateItemSize, MAX_ITEM_BYTES } from './item-size';
export { normaliseHashtag, TEXT_PREVIEW_CHARS } from './post-items';
export type { HashtagPostSummary } from './post-items';
export { POST_WRITE_STRATEGIES } from './post-write-strategies';
export type { PostWriteStrategy } from './post-write-strategies';
export type { HashtagQuery, PostsRepository, PutPostsResult } from './posts-repository';
export { MAX_ERROR_DETAILS_CHARS, MAX_STORED_PAYLOAD_BYTES } from './quarantine-items';
export type { QuarantinedRecord, StoredQuarantinedRecord } from './quarantine-items';
export type { QuarantineListQuery, QuarantineRepository } from './quarantine-repository';
export type { DynamoRepositoryOptions } from './repository-options';
export type { RetryOptions } from './retry-policy';
export type { TrendsRepository } from './trends-repository';
