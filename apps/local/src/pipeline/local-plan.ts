// Local stack, planning step: what the stack runs for a stack config, derived only through
// @streamlens/config's builders (mapping settings, function environment and sizes) and the table
// specs — the same ones infra deploys with. Pure; the start steps apply the plan unchanged, and
// the contract test compares it with what infra declares.
import {
  ENV,
  FUNCTION_APPS,
  functionEnvironment,
  functionSize,
  initialShardCount,
  mappingSettings,
  MAPPING_NAMES,
  type FunctionRole,
  type MappingName,
  type OnFailureTarget,
  type StackConfig,
} from '@streamlens/config';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '@streamlens/emulators';
import type { MappingSettings } from '@streamlens/event-source-mapping';
import { listTableSpecs, localTableName, type TableName, type TableSpec } from '@streamlens/tables';

/**
 * The functions the local stack runs (ingest is not served locally: the load writes to the
 * stream); alerts only when streamlens:alerts.enabled is true, as infra deploys it.
 */
export const LOCAL_FUNCTIONS = [
  'consumer',
  'aggregator',
  'report',
  'alerts',
] as const satisfies readonly FunctionRole[];

/** A function the local stack runs. */
export type LocalFunction = (typeof LOCAL_FUNCTIONS)[number];

/**
 * Where the laptop knowingly differs from AWS, variable by variable, and why. The contract test
 * allows exactly these differences and no other.
 */
export const LOCAL_ENVIRONMENT_OVERRIDES = {
  // The local report server has no authorizer and no identity provider to sign in against: the
  // page calls the API directly, as in `iam` mode.
  [ENV.reportAuth]: 'iam',
  [ENV.oidcIssuer]: undefined,
  [ENV.oidcAudience]: undefined,
  [ENV.oidcClientId]: undefined,
  [ENV.oidcScope]: undefined,
  // The stack serves pipeline health itself (PIPELINE_HEALTH_URL, set when its health server is
  // up); CloudWatch, which the deployed report reads, does not exist here.
  [ENV.pipelineHealthCloudWatch]: undefined,
} as const;

/** One function as the local stack runs it. */
export interface LocalFunctionPlan {
  readonly role: LocalFunction;
  /** The Nx app whose built bundle runs (dist/apps/<app>/main.cjs). */
  readonly app: string;
  readonly functionName: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  /** The deployed environment with local table and stream names and LOCAL_ENVIRONMENT_OVERRIDES. */
  readonly environment: Readonly<Record<string, string>>;
}

/** One event-source mapping as the local stack runs it. */
export interface LocalMappingPlan {
  readonly name: MappingName;
  readonly mappingId: string;
  /** The stack's mapping settings plus the function timeout the invoker enforces. */
  readonly settings: MappingSettings;
  readonly onFailureDestination: boolean;
  /** Where failure records go when `onFailureDestination` (an SQS queue or an S3 bucket in AWS). */
  readonly onFailureTarget: OnFailureTarget;
  /** Reads through a consumer of its own (a read budget of its own). */
  readonly enhancedFanOut: boolean;
}

/** A table as the local stack creates it. */
export interface LocalTablePlan {
  readonly name: string;
  readonly spec: TableSpec;
}

/** Everything the local stack runs for one stack config. */
export interface LocalStackPlan {
  readonly stack: string;
  readonly streamName: string;
  readonly shardCount: number;
  readonly tables: readonly LocalTablePlan[];
  /** The functions the stack runs (alerts absent when disabled). */
  readonly functions: Readonly<Record<Exclude<LocalFunction, 'alerts'>, LocalFunctionPlan>> & {
    readonly alerts?: LocalFunctionPlan;
  };
  readonly mappings: readonly LocalMappingPlan[];
}

/** Options of {@link planLocalStack}. */
export interface PlanOptions {
  readonly stack: string;
  /** Overrides the stack config's shard count (`--shards`). */
  readonly shards?: number;
  /** Mappings read through an enhanced fan-out consumer, whatever the stack file says (benchmarks). */
  readonly enhancedFanOut?: readonly MappingName[];
}

/** Physical names of the local stream: one per stack, so two stacks never share it. */
export function localStreamName(stack: string): string {
  return `streamlens-${stack}-posts`;
}

/** Name of the stack's local alerts bus. */
export function localBusName(stack: string): string {
  return `streamlens-${stack}-alerts`;
}

function localEnvironment(config: StackConfig, role: LocalFunction, stack: string): Record<string, string> {
  const table = (name: TableName) => localTableName(stack, name);
  const deployed = functionEnvironment(config, role, {
    postsTable: table('posts'),
    trendsTable: table('trends'),
    quarantineTable: table('quarantine'),
    alertsTable: table('alerts'),
    streamName: localStreamName(stack),
    eventBusName: localBusName(stack),
  });
  const env: Record<string, string> = { ...deployed };
  if (ENV.reportAuth in env) {
    for (const [name, value] of Object.entries(LOCAL_ENVIRONMENT_OVERRIDES)) {
      if (value === undefined) delete env[name];
      else env[name] = value;
    }
  }
  return env;
}

function functionPlan(config: StackConfig, role: LocalFunction, stack: string): LocalFunctionPlan {
  return {
    role,
    app: FUNCTION_APPS[role],
    functionName: `streamlens-${stack}-${role}`,
    ...functionSize(config, role),
    environment: localEnvironment(config, role, stack),
  };
}

function mappingPlan(config: StackConfig, name: MappingName, options: PlanOptions): LocalMappingPlan {
  const { stack } = options;
  const { onFailureDestination, onFailureTarget, enhancedFanOut, ...settings } = mappingSettings(config, name);
  return {
    name,
    mappingId: `streamlens-${stack}-${name}`,
    settings: { ...settings, functionTimeoutSeconds: functionSize(config, name).timeoutSeconds },
    onFailureDestination,
    onFailureTarget,
    enhancedFanOut: enhancedFanOut || (options.enhancedFanOut?.includes(name) ?? false),
  };
}

/**
 * The plan of a local stack for a validated stack config.
 *
 * @example
 * ```ts
 * const plan = planLocalStack(loadStackConfig('dev', repoRoot), { stack: 'dev' });
 * plan.mappings[0].settings.batchSize; // 500, as Pulumi.dev.yaml deploys it
 * ```
 */
export function planLocalStack(config: StackConfig, options: PlanOptions): LocalStackPlan {
  const { stack } = options;
  return {
    stack,
    streamName: localStreamName(stack),
    shardCount: options.shards ?? initialShardCount(config),
    tables: listTableSpecs().map((spec) => ({ name: localTableName(stack, spec.logicalName as TableName), spec })),
    functions: {
      consumer: functionPlan(config, 'consumer', stack),
      aggregator: functionPlan(config, 'aggregator', stack),
      report: functionPlan(config, 'report', stack),
      ...(config.alerts.enabled ? { alerts: functionPlan(config, 'alerts', stack) } : {}),
    },
    mappings: MAPPING_NAMES.map((name) => mappingPlan(config, name, options)),
  };
}

/** Endpoints of the emulators a running local stack uses. */
export interface EmulatorEndpoints {
  readonly kinesis: string;
  readonly dynamodb: string;
}

/**
 * What a sandbox gets on top of the planned environment: what Lambda itself provides in AWS
 * (region, credentials) and where the emulators listen (the AWS SDK honours AWS_ENDPOINT_URL_*).
 */
export function emulatorEnvironment(endpoints: EmulatorEndpoints): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_KINESIS: endpoints.kinesis,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_REGION: LOCAL_REGION,
    AWS_SDK_JS_SUPPRESS_NODE_DEPRECATION_WARNING: '1',
  };
}
