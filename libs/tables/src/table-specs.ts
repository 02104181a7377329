// Storage layout shared by repositories (data access), infra (Pulumi) and the local stack:
// one constant, so key names, attribute names and indexes cannot drift between them.

/** DynamoDB scalar attribute types used in key schemas. */
export type KeyAttributeType = 'S' | 'N' | 'B';

/** A key attribute: its name and scalar type. */
export interface KeyAttribute {
  readonly name: string;
  readonly type: KeyAttributeType;
}

/** A global secondary index with its key schema and projection. */
export interface GlobalSecondaryIndexSpec {
  readonly name: string;
  readonly hashKey: KeyAttribute;
  readonly rangeKey?: KeyAttribute;
  readonly projection: 'ALL' | 'KEYS_ONLY';
}

/** What a table's DynamoDB stream records of each change (StreamSpecification.StreamViewType). */
export type StreamViewType = 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';

/** A table's DynamoDB stream: every change to an item, in order per item, kept 24 hours. */
export interface TableStreamSpec {
  readonly viewType: StreamViewType;
}

/** Everything needed to create a table, in AWS (infra) or in dynalite (local stack, tests). */
export interface TableSpec {
  /** Logical name; physical names are derived per stack, never hard-coded. */
  readonly logicalName: string;
  readonly description: string;
  readonly hashKey: KeyAttribute;
  readonly rangeKey?: KeyAttribute;
  /** Epoch-seconds attribute DynamoDB TTL deletes by, if the table expires items. */
  readonly ttlAttribute?: string;
  readonly globalSecondaryIndexes: readonly GlobalSecondaryIndexSpec[];
  /** The table's DynamoDB stream, when something reacts to its changes. */
  readonly stream?: TableStreamSpec;
}

const PK: KeyAttribute = { name: 'pk', type: 'S' };
const SK: KeyAttribute = { name: 'sk', type: 'S' };

/**
 * The tables of StreamLens. Every table uses generic `pk`/`sk` keys so the item layout
 * (prefixes such as `POST#`, `TAG#`, `DAY#`) is owned by the repositories and can evolve
 * without a table replacement.
 *
 * @example
 * ```ts
 * import { TABLE_SPECS } from '@streamlens/tables';
 * const { hashKey, rangeKey } = TABLE_SPECS.posts;
 * ```
 */
export const TABLE_SPECS = {
  posts: {
    logicalName: 'posts',
    description: 'Enriched posts keyed by post id, plus per-hashtag index items for drill-down.',
    hashKey: PK,
    rangeKey: SK,
    ttlAttribute: 'expiresAt',
    globalSecondaryIndexes: [],
  },
  trends: {
    logicalName: 'trends',
    description: 'One deterministic row per (tumbling window, shard, part), partitioned by day.',
    hashKey: PK,
    rangeKey: SK,
    ttlAttribute: 'expiresAt',
    globalSecondaryIndexes: [],
    // The alerts function reacts to window rows: old and new image, so a refined row can be
    // told from a first one without reading the table.
    stream: { viewType: 'NEW_AND_OLD_IMAGES' },
  },
  quarantine: {
    logicalName: 'quarantine',
    description: 'Poison records with payload, reason, shard and sequence number.',
    hashKey: PK,
    rangeKey: SK,
    ttlAttribute: 'expiresAt',
    globalSecondaryIndexes: [],
  },
  alerts: {
    logicalName: 'alerts',
    description: 'Trend alerts: one item per (window, kind, hashtag), claimed before it is published to the bus.',
    hashKey: PK,
    rangeKey: SK,
    ttlAttribute: 'expiresAt',
    globalSecondaryIndexes: [],
  },
} as const satisfies Record<string, TableSpec>;

/** Logical table names. */
export type TableName = keyof typeof TABLE_SPECS;

/** All table specs as a list, in a stable order: what infra deploys and the local stack creates. */
export function listTableSpecs(): TableSpec[] {
  return Object.values(TABLE_SPECS);
}

/**
 * The physical table name used by the local stack and tests: `streamlens-<stack>-<table>`.
 * In AWS, Pulumi auto-names tables from the component name instead.
 */
export function localTableName(stack: string, table: TableName): string {
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(stack)) {
    throw new Error(`stack name "${stack}" must be 1-64 characters of A-Z a-z 0-9 _ . -`);
  }
  return `streamlens-${stack}-${TABLE_SPECS[table].logicalName}`;
}
