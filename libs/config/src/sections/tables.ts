// streamlens:tables — billing, TTL and protection of the DynamoDB tables.
import { BILLING_MODES, RANGES } from '../constants';
import { describeRange, type Fields } from '../fields';
import type { TablesConfig } from '../types';

const KEYS = [
  'billingMode',
  'readCapacity',
  'writeCapacity',
  'ttlDays',
  'pointInTimeRecovery',
  'deletionProtection',
] as const;

/**
 * Parses streamlens:tables. Protection defaults to on (point-in-time recovery, deletion
 * protection): a stack must opt out explicitly, as dev does.
 */
export function parseTables(parent: Fields): TablesConfig {
  const f = parent.child('tables', KEYS);
  const billingMode = f.oneOf('billingMode', BILLING_MODES, 'PAY_PER_REQUEST');
  const common = {
    ttlDays: f.int('ttlDays', RANGES.ttlDays, 30),
    pointInTimeRecovery: f.bool('pointInTimeRecovery', true),
    deletionProtection: f.bool('deletionProtection', true),
  };
  if (!f.valid('billingMode')) return { billingMode: 'PAY_PER_REQUEST', ...common }; // reported; will throw
  if (billingMode === 'PAY_PER_REQUEST') {
    f.forbid('readCapacity', 'with PAY_PER_REQUEST billing');
    f.forbid('writeCapacity', 'with PAY_PER_REQUEST billing');
    return { billingMode, ...common };
  }
  return {
    billingMode,
    readCapacity: capacity(f, 'readCapacity'),
    writeCapacity: capacity(f, 'writeCapacity'),
    ...common,
  };
}

function capacity(f: Fields, name: string): number {
  if (!f.has(name)) f.fail(name, 'is required with PROVISIONED billing', describeRange(RANGES.capacityUnits));
  return f.int(name, RANGES.capacityUnits, 1);
}
