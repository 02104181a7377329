// Public API of @streamlens/analytics: enrichment, the tumbling-window fold, merging, trends.
export { mergeAggregates, toWindowAggregate } from './aggregate';
export type { MergedTrend, WindowKey, WindowRow } from './aggregate';
export { enrichPost, extractEntities } from './enrich';
export type { TextEntities } from './enrich';
export { InvalidAnalyticsArgumentError, InvalidWindowStateError } from './errors';
export {
  DEFAULT_HASHTAG_CAPACITY,
  DEFAULT_LANGUAGE_CAPACITY,
  MAX_ABS_SENTIMENT,
  MAX_HASHTAG_CAPACITY,
  MAX_LANGUAGE_LENGTH,
  OTHER_LANGUAGE,
  SEEN_POST_ID_BYTES_BOUND,
  STATE_JSON_BYTES_BOUND,
  UNDETERMINED_LANGUAGE,
} from './limits';
export { hashPostId, POST_ID_HASH_BITS } from './post-id-hash';
export { restoreWindowState } from './restore';
export { scoreSentiment } from './sentiment';
export { dedupe, normaliseLanguage } from './text';
export { isTrackableHashtag, isTrackableLanguage } from './trackable';
export { rankHashtags } from './trends';
export type { RankOptions, TrendingHashtag } from './trends';
export {
  countDuplicates,
  countPoison,
  emptyWindowState,
  foldPost,
  isPostSeen,
  serialiseWindowState,
  toFoldInput,
  windowStateJsonBytes,
} from './window-state';
export type { FoldInput, WindowState, WindowStateOptions } from './window-state';
