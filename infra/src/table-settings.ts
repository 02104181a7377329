// Pure translation of a table spec (libs/tables) and the stack's table settings into
// aws.dynamodb.Table inputs: keys come from the spec so repositories and infra cannot drift.
import type { KeyAttribute, TableSpec } from '@streamlens/tables';
import type { ArgsContext } from './validate';
import { fail, requireInt } from './validate';

/** On-demand or provisioned capacity. */
export type TableBilling =
  | { readonly mode: 'PAY_PER_REQUEST' }
  | { readonly mode: 'PROVISIONED'; readonly readCapacity: number; readonly writeCapacity: number };

/** Settings applied to every table of the stack. */
export interface TableSettings {
  readonly billing: TableBilling;
  readonly pointInTimeRecovery: boolean;
  readonly deletionProtection: boolean;
  /** Tags for every taggable resource of the component. */
  readonly tags?: Readonly<Record<string, string>>;
}

/** aws.dynamodb.Table inputs of one table (no name: Pulumi auto-names it). */
export interface TableInputs {
  readonly attributes: { name: string; type: string }[];
  readonly hashKey: string;
  readonly rangeKey?: string;
  readonly billingMode: 'PAY_PER_REQUEST' | 'PROVISIONED';
  readonly readCapacity?: number;
  readonly writeCapacity?: number;
  readonly globalSecondaryIndexes?: {
    name: string;
    hashKey: string;
    rangeKey?: string;
    projectionType: string;
    readCapacity?: number;
    writeCapacity?: number;
  }[];
  readonly ttl?: { attributeName: string; enabled: boolean };
  readonly streamEnabled?: boolean;
  readonly streamViewType?: string;
  readonly pointInTimeRecovery: { enabled: boolean };
  readonly serverSideEncryption: { enabled: boolean };
  readonly deletionProtectionEnabled: boolean;
}

/**
 * Builds the inputs of one table. Attributes list only key attributes (DynamoDB rejects
 * attribute definitions no key uses). Encryption at rest uses the AWS managed key.
 *
 * @example
 * ```ts
 * tableInputs(ctx, TABLE_SPECS.posts, { billing: { mode: 'PAY_PER_REQUEST' },
 *   pointInTimeRecovery: true, deletionProtection: true }).ttl; // { attributeName: 'expiresAt', enabled: true }
 * ```
 */
export function tableInputs(ctx: ArgsContext, spec: TableSpec, settings: TableSettings): TableInputs {
  const capacity = capacityInputs(ctx, settings.billing);
  const indexes = spec.globalSecondaryIndexes.map((index) => ({
    name: index.name,
    hashKey: index.hashKey.name,
    ...(index.rangeKey ? { rangeKey: index.rangeKey.name } : {}),
    projectionType: index.projection,
    ...capacity,
  }));
  return {
    attributes: keyAttributes(ctx, spec),
    hashKey: spec.hashKey.name,
    ...(spec.rangeKey ? { rangeKey: spec.rangeKey.name } : {}),
    billingMode: settings.billing.mode,
    ...capacity,
    ...(indexes.length > 0 ? { globalSecondaryIndexes: indexes } : {}),
    ...(spec.ttlAttribute ? { ttl: { attributeName: spec.ttlAttribute, enabled: true } } : {}),
    ...(spec.stream ? { streamEnabled: true, streamViewType: spec.stream.viewType } : {}),
    pointInTimeRecovery: { enabled: settings.pointInTimeRecovery },
    serverSideEncryption: { enabled: true },
    deletionProtectionEnabled: settings.deletionProtection,
  };
}

function capacityInputs(ctx: ArgsContext, billing: TableBilling): { readCapacity?: number; writeCapacity?: number } {
  if (billing.mode === 'PAY_PER_REQUEST') return {};
  return {
    readCapacity: requireInt(ctx, 'billing.readCapacity', billing.readCapacity, 1, 40_000),
    writeCapacity: requireInt(ctx, 'billing.writeCapacity', billing.writeCapacity, 1, 40_000),
  };
}

function keyAttributes(ctx: ArgsContext, spec: TableSpec): { name: string; type: string }[] {
  const keys: KeyAttribute[] = [spec.hashKey];
  if (spec.rangeKey) keys.push(spec.rangeKey);
  for (const index of spec.globalSecondaryIndexes) {
    keys.push(index.hashKey);
    if (index.rangeKey) keys.push(index.rangeKey);
  }
  const byName = new Map<string, string>();
  for (const key of keys) {
    const seen = byName.get(key.name);
    if (seen && seen !== key.type) {
      fail(ctx, `${spec.logicalName}.${key.name}`, `key attribute declared as both ${seen} and ${key.type}`);
    }
    byName.set(key.name, key.type);
  }
  return [...byName].map(([name, type]) => ({ name, type }));
}
