// The deployment contract: for dev, prod and many generated valid stack configs, what infra
// declares (captured through the Pulumi mocks) equals, field for field, what the local stack
// applies — mapping settings and filters, on-failure destination, function memory, timeout and
// environment, tables, shards. A default changed on one side only fails here.
import { loadStackConfig, parseStackConfig, type StackConfig } from '@streamlens/config';
import { createStack } from '@streamlens/infra';
import {
  fakeRepoRoot,
  installMocks,
  removeFakeRepoRoots,
  settle,
  type Captured,
  type MockRun,
} from '@streamlens/infra/testing';
import fc from 'fast-check';
import { resolve } from 'node:path';
import {
  LOCAL_ENVIRONMENT_OVERRIDES,
  localBusName,
  planLocalStack,
  type LocalStackPlan,
} from '../../src/pipeline/local-plan';
import { alertsMappingSettings } from '../../src/pipeline/local-alerts';
import { arbitraryStackConfig } from './arbitrary-stack-config';

jest.setTimeout(240_000);

const REPO_ROOT = resolve(__dirname, '../../../..');
const MAPPINGS = ['consumer', 'aggregator'] as const;
const LOCAL_FUNCTIONS = ['consumer', 'aggregator', 'report', 'alerts'] as const;

let run: MockRun;
let repoRoot: string;

// createStack declares resources only when called, so its module may load before the mocks.
beforeAll(async () => {
  run = await installMocks('contract-0');
  repoRoot = fakeRepoRoot();
});

afterAll(() => removeFakeRepoRoots());

let stacks = 0;

/** Declares the stack with infra under the mocks; returns its resources. */
async function declare(config: StackConfig): Promise<{ stack: string; byName(name: string): Captured }> {
  const stack = `contract-${++stacks}`;
  await run.useStack(stack);
  createStack(config, { repoRoot, project: 'streamlens', stack });
  await settle();
  return { stack, byName: (name) => run.byName(name, stack) };
}

/** What a mapping is, in one shape for both sides. */
function infraMapping(esm: Captured, fn: Captured) {
  const i = esm.inputs;
  const ts = i['startingPositionTimestamp'] as string | undefined;
  return {
    batchSize: i['batchSize'],
    maximumBatchingWindowInSeconds: i['maximumBatchingWindowInSeconds'],
    startingPosition: i['startingPosition'],
    startingPositionTimestamp: ts === undefined ? undefined : Date.parse(ts) / 1000,
    parallelizationFactor: i['parallelizationFactor'],
    bisectBatchOnFunctionError: i['bisectBatchOnFunctionError'],
    maximumRetryAttempts: i['maximumRetryAttempts'],
    maximumRecordAgeInSeconds: i['maximumRecordAgeInSeconds'],
    functionResponseTypes: i['functionResponseTypes'],
    tumblingWindowInSeconds: i['tumblingWindowInSeconds'],
    filters: ((i['filterCriteria']?.filters ?? []) as { pattern: string }[]).map((f) => f.pattern),
    onFailureDestination: i['destinationConfig']?.onFailure?.destinationArn !== undefined,
    onFailureTarget: onFailureTargetOf(i['destinationConfig']?.onFailure?.destinationArn as string | undefined),
    // A mapping on enhanced fan-out reads from its stream consumer's ARN.
    enhancedFanOut: (i['eventSourceArn'] as string).includes('/consumer/'),
    functionTimeoutSeconds: fn.inputs['timeout'],
  };
}

function onFailureTargetOf(arn: string | undefined): string | undefined {
  if (arn === undefined) return undefined;
  return arn.startsWith('arn:aws:s3:') ? 's3' : 'sqs';
}

function localMapping(plan: LocalStackPlan, name: (typeof MAPPINGS)[number]) {
  const m = plan.mappings.find((x) => x.name === name);
  if (!m) throw new Error(`the local plan has no ${name} mapping`);
  const s = m.settings;
  return {
    batchSize: s.batchSize,
    maximumBatchingWindowInSeconds: s.maximumBatchingWindowInSeconds,
    startingPosition: s.startingPosition,
    startingPositionTimestamp: s.startingPositionTimestamp,
    parallelizationFactor: s.parallelizationFactor,
    bisectBatchOnFunctionError: s.bisectBatchOnFunctionError,
    maximumRetryAttempts: s.maximumRetryAttempts,
    maximumRecordAgeInSeconds: s.maximumRecordAgeInSeconds,
    functionResponseTypes: [...s.functionResponseTypes],
    tumblingWindowInSeconds: s.tumblingWindowInSeconds,
    filters: [...s.filters],
    onFailureDestination: m.onFailureDestination,
    onFailureTarget: m.onFailureDestination ? m.onFailureTarget : undefined,
    enhancedFanOut: m.enhancedFanOut,
    functionTimeoutSeconds: s.functionTimeoutSeconds,
  };
}

/** Physical names of a side's resources, by what they are. */
interface Resources {
  readonly tables: Readonly<Record<string, string>>;
  readonly stream: string;
  /** The alerts bus (absent when alerts are off). */
  readonly bus: string | undefined;
}

/** An environment with resource names replaced by the resource they name (names differ by design). */
function comparableEnvironment(env: Record<string, string>, resources: Resources): Record<string, string> {
  const tableOf = Object.fromEntries(
    Object.entries(resources.tables).map(([table, name]) => [name, `<${table} table>`]),
  );
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (key.endsWith('_TABLE')) out[key] = tableOf[value] ?? `<unknown table ${value}>`;
    else if (key === 'STREAM_NAME') out[key] = value === resources.stream ? '<stream>' : `<unknown stream ${value}>`;
    else if (key === 'EVENT_BUS_NAME') out[key] = value === resources.bus ? '<bus>' : `<unknown bus ${value}>`;
    else out[key] = value;
  }
  return out;
}

function withLocalOverrides(env: Record<string, string>): Record<string, string> {
  if (!('REPORT_AUTH' in env)) return env;
  const out = { ...env };
  for (const [key, value] of Object.entries(LOCAL_ENVIRONMENT_OVERRIDES)) {
    if (value === undefined) delete out[key];
    else out[key] = value;
  }
  return out;
}

/** Asserts the contract for one config; returns nothing, throws on the first difference. */
async function assertContract(config: StackConfig): Promise<void> {
  const declared = await declare(config);
  const plan = planLocalStack(config, { stack: declared.stack });
  const name = (resource: string) => declared.byName(resource).state['name'] as string;
  const infraResources: Resources = {
    tables: Object.fromEntries(plan.tables.map((t) => [t.spec.logicalName, name(`tables-${t.spec.logicalName}`)])),
    stream: name('posts-stream'),
    bus: config.alerts.enabled ? name('alerts-bus') : undefined,
  };
  const localResources: Resources = {
    tables: Object.fromEntries(plan.tables.map((t) => [t.spec.logicalName, t.name])),
    stream: plan.streamName,
    bus: config.alerts.enabled ? localBusName(plan.stack) : undefined,
  };

  for (const mapping of MAPPINGS) {
    const esm = declared.byName(`${mapping}-mapping-esm`);
    const fn = declared.byName(`${mapping}-function`);
    expect({ mapping, ...localMapping(plan, mapping) }).toEqual({ mapping, ...infraMapping(esm, fn) });
  }
  if (config.alerts.enabled) {
    // The trends table's stream → alerts: the same settings and filter on both sides.
    const local = alertsMappingSettings(config);
    const { onFailureDestination, onFailureTarget, enhancedFanOut, ...declaredAlerts } = infraMapping(
      declared.byName('alerts-mapping-esm'),
      declared.byName('alerts-function'),
    );
    expect({
      onFailureDestination,
      enhancedFanOut,
      target: onFailureDestination ? onFailureTarget : undefined,
      ...declaredAlerts,
    }).toEqual({
      onFailureDestination: config.alerts.mapping.onFailureDestination,
      enhancedFanOut: false,
      target: config.alerts.mapping.onFailureDestination ? 'sqs' : undefined,
      batchSize: local.batchSize,
      maximumBatchingWindowInSeconds: local.maximumBatchingWindowInSeconds,
      startingPosition: local.startingPosition,
      startingPositionTimestamp: undefined,
      parallelizationFactor: local.parallelizationFactor,
      bisectBatchOnFunctionError: local.bisectBatchOnFunctionError,
      maximumRetryAttempts: local.maximumRetryAttempts,
      maximumRecordAgeInSeconds: local.maximumRecordAgeInSeconds,
      functionResponseTypes: [...local.functionResponseTypes],
      tumblingWindowInSeconds: local.tumblingWindowInSeconds,
      filters: local.filters.map((f) => (typeof f === 'string' ? f : JSON.stringify(f))),
      functionTimeoutSeconds: local.functionTimeoutSeconds,
    });
  }
  // The alerts function exists on both sides or on neither.
  expect(plan.functions.alerts !== undefined).toBe(
    run.ofType('aws:lambda/function:Function', declared.stack).some((r) => r.name === 'alerts-function'),
  );
  for (const role of LOCAL_FUNCTIONS) {
    const local = plan.functions[role];
    if (!local) continue;
    const fn = declared.byName(`${role}-function`).inputs;
    expect({ role, memoryMb: local.memoryMb, timeoutSeconds: local.timeoutSeconds }).toEqual({
      role,
      memoryMb: fn['memorySize'],
      timeoutSeconds: fn['timeout'],
    });
    expect({ role, env: comparableEnvironment({ ...local.environment }, localResources) }).toEqual({
      role,
      env: withLocalOverrides(comparableEnvironment(fn['environment'].variables, infraResources)),
    });
  }
  for (const table of plan.tables) {
    const declaredTable = declared.byName(`tables-${table.spec.logicalName}`).inputs;
    expect({
      table: table.spec.logicalName,
      hashKey: table.spec.hashKey.name,
      rangeKey: table.spec.rangeKey?.name,
      ttl: table.spec.ttlAttribute,
    }).toEqual({
      table: table.spec.logicalName,
      hashKey: declaredTable['hashKey'],
      rangeKey: declaredTable['rangeKey'],
      ttl: declaredTable['ttl']?.attributeName,
    });
  }
  if (config.stream.mode === 'provisioned')
    expect(plan.shardCount).toBe(declared.byName('posts-stream').inputs['shardCount']);
}

describe('deployment contract: infra declares what the local stack applies', () => {
  it.each(['dev', 'prod'])('Pulumi.%s.yaml', async (stack) => {
    await assertContract(loadStackConfig(stack, REPO_ROOT));
  });

  it('holds for generated valid stack configs (every section, mode and filter operator)', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryStackConfig(), async (raw) => {
        const config = parseStackConfig(raw, { nowMs: () => Date.UTC(2026, 0, 1) });
        await assertContract(config);
      }),
      { numRuns: 15, seed: 20261205 },
    );
  });

  it('fails when one side applies a different default (the check is not vacuous)', async () => {
    // prepare: the dev config, and a local plan whose batch size drifted
    const config = loadStackConfig('dev', REPO_ROOT);
    const declared = await declare(config);
    const plan = planLocalStack(config, { stack: declared.stack });
    const drifted = plan.mappings.map((m) =>
      m.name === 'consumer' ? { ...m, settings: { ...m.settings, batchSize: m.settings.batchSize + 1 } } : m,
    );
    // act / assess
    expect(localMapping({ ...plan, mappings: drifted }, 'consumer')).not.toEqual(
      infraMapping(declared.byName('consumer-mapping-esm'), declared.byName('consumer-function')),
    );
    expect(localMapping(plan, 'consumer')).toEqual(
      infraMapping(declared.byName('consumer-mapping-esm'), declared.byName('consumer-function')),
    );
  });
});
