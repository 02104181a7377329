export { InMemoryAlertsRepository } from './in-memory-alerts-repository';
export { InMemoryPostsRepository } from './in-memory-posts-repository';
export { auditPostsIndex } from './posts-index-audit';
export type { PostsIndexAudit } from './posts-index-audit';
export { InMemoryQuarantineRepository } from './in-memory-quarantine-repository';
export { InMemoryTable } from './in-memory-table';
export type { InMemoryQuery } from './in-memory-table';
export { InMemoryTrendsRepository } from './in-memory-trends-repository';
