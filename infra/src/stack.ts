// Composition: one StackConfig → the components of a StreamLens stack. No config reading
// here (program.ts does that), so tests build stacks from any config they like.
import * as pulumi from '@pulumi/pulumi';
import type { FunctionRole, MappingName, StackConfig } from '@streamlens/config';
import {
  FUNCTION_APPS,
  functionEnvironment,
  functionSize,
  mappingSettings,
  pipelineHealthSettings,
  type PipelineHealthNames,
} from '@streamlens/config';
import { listTableSpecs } from '@streamlens/tables';
import { Alarms } from './alarms';
import { createAlertsPath, putEventsFailuresAlarm, type AlertsPath } from './alerts-path';
import { FUNCTION_AWS_APIS, SHARD_LEVEL_METRICS } from './constants';
import { Dashboard } from './dashboard';
import { InfraError } from './errors';
import { KinesisMapping } from './event-source-mapping';
import type { FunctionVpcArgs } from './function';
import { LambdaFunction } from './function';
import { bundleDirectory } from './function-settings';
import { HttpAccess } from './http-access';
import type { PolicyStatement } from './iam/policy-document';
import type { TableGrant } from './iam/statements';
import { dynamoStatements, kinesisWriteStatements, metricsReadStatement } from './iam/statements';
import { dashboardName } from './naming';
import { Network } from './network';
import { interfaceEndpointsFor } from './network-settings';
import { Stream } from './stream';
import type { StreamEncryptionArgs } from './stream-settings';
import type { CreatedTable } from './tables';
import { Tables } from './tables';

/** Where the program runs: repo root (bundles), Pulumi project and stack (names). */
export interface StackOptions {
  readonly repoRoot: string;
  readonly project: string;
  readonly stack: string;
}

/** Stack outputs. */
export interface StackOutputs {
  readonly streamName: pulumi.Output<string>;
  readonly streamArn: pulumi.Output<string>;
  readonly postsTable: pulumi.Output<string>;
  readonly trendsTable: pulumi.Output<string>;
  readonly quarantineTable: pulumi.Output<string>;
  readonly reportUrl: pulumi.Output<string>;
  readonly ingestUrl: pulumi.Output<string>;
  readonly dlqUrls: pulumi.Output<Record<string, string>>;
  /** Mapping → S3 bucket of its failure records (mappings whose target is s3). */
  readonly failureBuckets: pulumi.Output<Record<string, string>>;
  readonly dashboardUrl: pulumi.Output<string>;
  readonly alarmTopicArn: pulumi.Output<string>;
  readonly alertsTable: pulumi.Output<string>;
  /** Undefined when streamlens:alerts.enabled is false. */
  readonly alertsBusName: pulumi.Output<string> | undefined;
  readonly alertsTopicArn: pulumi.Output<string> | undefined;
}

/**
 * Declares every resource of one stack.
 *
 * @example
 * ```ts
 * const outputs = createStack(parseStackConfig(raw), { repoRoot, project: 'streamlens', stack: 'dev' });
 * ```
 */
export function createStack(config: StackConfig, options: StackOptions): StackOutputs {
  const region = config.region;
  if (!region) throw new InfraError('aws:region: is required (the dashboard and the VPC endpoints are regional)');
  // On every taggable resource: the stack's own tags, and which stack a resource belongs to.
  const tags = { ...config.tags, 'streamlens:stack': options.stack };

  const stream = new Stream('posts', {
    tags,
    capacity:
      config.stream.mode === 'provisioned'
        ? { mode: 'provisioned', shardCount: config.stream.shardCount }
        : { mode: 'on-demand' },
    retentionHours: config.stream.retentionHours,
    encryption: streamEncryption(config),
    shardLevelMetrics: SHARD_LEVEL_METRICS,
  });
  const tables = new Tables('tables', {
    tags,
    specs: listTableSpecs(),
    billing:
      config.tables.billingMode === 'PROVISIONED'
        ? { mode: 'PROVISIONED', readCapacity: config.tables.readCapacity, writeCapacity: config.tables.writeCapacity }
        : { mode: 'PAY_PER_REQUEST' },
    pointInTimeRecovery: config.tables.pointInTimeRecovery,
    deletionProtection: config.tables.deletionProtection,
  });
  const posts = tables.table('posts');
  const trends = tables.table('trends');
  const quarantine = tables.table('quarantine');
  const alertsTable = tables.table('alerts');
  const vpc = config.network.vpc ? networkFor(region, tags, config.alerts.enabled) : undefined;

  const resources = {
    postsTable: posts.name,
    trendsTable: trends.name,
    quarantineTable: quarantine.name,
    alertsTable: alertsTable.name,
    streamName: stream.streamName,
  };
  const fn = (
    role: FunctionRole,
    access: pulumi.Output<PolicyStatement[]>,
    o: {
      reservedConcurrency?: number;
      eventBusName?: pulumi.Input<string>;
      pipelineHealth?: pulumi.Input<string>;
    } = {},
  ) =>
    new LambdaFunction(role, {
      tags,
      bundleDir: bundleDirectory(options.repoRoot, FUNCTION_APPS[role]),
      description: `StreamLens ${role} (${options.stack})`,
      runtime: config.functions.runtime,
      architecture: config.functions.architecture,
      ...functionSize(config, role),
      logRetentionDays: config.functions.logRetentionDays,
      environment: {
        ...functionEnvironment<pulumi.Input<string>>(config, role, {
          ...resources,
          ...(o.eventBusName === undefined ? {} : { eventBusName: o.eventBusName }),
          ...(o.pipelineHealth === undefined ? {} : { pipelineHealth: o.pipelineHealth }),
        }),
      },
      accessStatements: access,
      ...(vpc ? { vpc } : {}),
      ...(o.reservedConcurrency === undefined ? {} : { reservedConcurrency: o.reservedConcurrency }),
    });
  const grants = (...list: [CreatedTable, TableGrant['access']][]) =>
    pulumi.all(list.map(([t]) => t.arn)).apply((arns) =>
      dynamoStatements(
        list.map(([t, access], i) => ({
          tableArn: arns[i] as string,
          access,
          hasIndexes: t.spec.globalSecondaryIndexes.length > 0,
        })),
      ),
    );

  const consumer = fn('consumer', grants([posts, 'read-write'], [quarantine, 'write']));
  const aggregator = fn('aggregator', grants([trends, 'read-write']));
  // The HTTP-facing functions get a concurrency ceiling: a flood of requests is throttled there.
  const reserved = config.functions.reservedConcurrency;
  const alerts = config.alerts.enabled
    ? createAlertsPath({
        alerts: config.alerts,
        trends,
        alertsTable,
        tableAccess: grants([trends, 'read'], [alertsTable, 'read-write']),
        tags,
        makeFunction: (access, eventBusName) => fn('alerts', access, { eventBusName }),
      })
    : undefined;
  const ingest = fn(
    'ingest',
    pulumi.all([stream.streamArn, stream.customerKeyArn]).apply(([arn, key]) => kinesisWriteStatements(arn, key)),
    { reservedConcurrency: reserved.ingest },
  );

  const mapping = (name: MappingName, target: LambdaFunction) =>
    new KinesisMapping(
      `${name}-mapping`,
      {
        functionName: target.functionName,
        roleName: target.roleName,
        streamArn: stream.streamArn,
        streamRetentionHours: stream.retentionHours,
        customerKeyArn: stream.customerKeyArn,
        settings: { ...mappingSettings(config, name), allowUnbounded: config[name].allowUnbounded },
        tags,
      },
      // The whole function component first: its log group and logs policy exist before the
      // first batch arrives.
      { dependsOn: [target] },
    );
  const mappings = { consumer: mapping('consumer', consumer), aggregator: mapping('aggregator', aggregator) };

  // The report reads pipeline health from CloudWatch: the names of what it measures, and the
  // metrics read actions (resource "*": a documented exception).
  const report = fn(
    'report',
    grants([trends, 'read'], [posts, 'read'], [alertsTable, 'read']).apply((tableAccess) => [
      ...tableAccess,
      metricsReadStatement(),
    ]),
    {
      reservedConcurrency: reserved.report,
      pipelineHealth: pulumi.jsonStringify(
        pipelineHealthSettings(
          pipelineHealthNames(
            {
              consumer: { fn: consumer, mapping: mappings.consumer },
              aggregator: { fn: aggregator, mapping: mappings.aggregator },
            },
            alerts,
          ),
        ),
      ),
    },
  );

  const reportAccess = new HttpAccess('report-access', {
    tags,
    mode: config.report.access,
    accessLogRetentionDays: config.functions.logRetentionDays,
    ...(config.report.access === 'jwt' ? { jwt: config.report.jwt } : {}),
    functionName: report.functionName,
    functionArn: report.functionArn,
  });
  // Producers sign their requests (SigV4): the ingest URL is never public.
  const ingestAccess = new HttpAccess('ingest-access', {
    tags,
    mode: 'iam',
    functionName: ingest.functionName,
    functionArn: ingest.functionArn,
  });

  const functions = { consumer, aggregator, report, ingest, ...(alerts ? { alerts: alerts.fn } : {}) };
  const queues = [
    ...Object.entries(mappings).flatMap(([id, m]) => (m.dlqName ? [{ id: `${id}-dlq`, name: m.dlqName }] : [])),
    ...(alerts?.mapping.dlqName ? [{ id: 'alerts-mapping-dlq', name: alerts.mapping.dlqName }] : []),
    ...(alerts ? [{ id: 'alerts-target-dlq', name: alerts.bus.targetDlqName }] : []),
  ];
  const dataTables = [posts, trends, quarantine, alertsTable];
  const failureDeliveries = Object.entries(mappings).flatMap(([id, m]) =>
    m.failureBucketName ? [{ id, name: m.mappingUuid }] : [],
  );
  const alarms = new Alarms('alarms', {
    tags,
    email: config.alarms.email,
    streamName: stream.streamName,
    retentionHours: stream.retentionHours,
    mappedFunctions: [
      {
        id: 'consumer',
        name: consumer.functionName,
        maximumRecordAgeInSeconds: config.consumer.maximumRecordAgeInSeconds,
        enhancedFanOut: config.consumer.enhancedFanOut,
      },
      {
        id: 'aggregator',
        name: aggregator.functionName,
        maximumRecordAgeInSeconds: config.aggregator.maximumRecordAgeInSeconds,
        enhancedFanOut: config.aggregator.enhancedFanOut,
      },
      // The trends table's stream: Lambda's IteratorAge of this mapping is its iterator age.
      ...(alerts
        ? [
            {
              id: 'alerts',
              name: alerts.fn.functionName,
              maximumRecordAgeInSeconds: config.alerts.mapping.maximumRecordAgeInSeconds,
              source: 'table-stream' as const,
            },
          ]
        : []),
    ],
    functions: Object.entries(functions).map(([id, f]) => ({ id, name: f.functionName })),
    queues,
    failureDeliveries,
    tables: dataTables.map((t) => ({ id: `${t.spec.logicalName}-table`, name: t.name })),
    thresholds: config.alarms,
    extra: alerts ? [putEventsFailuresAlarm()] : [],
  });
  const dashboard = new Dashboard('dashboard', {
    dashboardName: dashboardName(options.project, options.stack),
    region,
    streamName: stream.streamName,
    mappedFunctions: [consumer.functionName, aggregator.functionName, ...(alerts ? [alerts.fn.functionName] : [])],
    functions: Object.values(functions).map((f) => f.functionName),
    queues: queues.map((q) => q.name),
    failureDeliveries: failureDeliveries.map((m) => m.name),
    tables: dataTables.map((t) => t.name),
  });

  return {
    streamName: stream.streamName,
    streamArn: stream.streamArn,
    postsTable: posts.name,
    trendsTable: trends.name,
    quarantineTable: quarantine.name,
    reportUrl: reportAccess.url,
    ingestUrl: ingestAccess.url,
    dlqUrls: perMapping(mappings, (m) => m.dlqUrl),
    failureBuckets: perMapping(mappings, (m) => m.failureBucketName),
    dashboardUrl: dashboard.url,
    alarmTopicArn: alarms.topicArn,
    alertsTable: alertsTable.name,
    alertsBusName: alerts?.bus.busName,
    alertsTopicArn: alerts?.bus.topicArn,
  };
}

function streamEncryption(config: StackConfig): StreamEncryptionArgs {
  const { encryption, kmsKeyArn } = config.stream;
  if (encryption === 'customer-key') {
    if (!kmsKeyArn) throw new InfraError('streamlens:stream.kmsKeyArn: is required when encryption is customer-key');
    return { type: 'customer-key', kmsKeyArn };
  }
  return { type: encryption };
}

function networkFor(region: string, tags: Readonly<Record<string, string>>, alertsEnabled: boolean): FunctionVpcArgs {
  const network = new Network('network', {
    tags,
    region,
    availabilityZones: 2,
    cidrBlock: '10.20.0.0/16',
    interfaceEndpoints: interfaceEndpointsFor(
      Object.entries(FUNCTION_AWS_APIS).flatMap(([role, apis]) => (role !== 'alerts' || alertsEnabled ? [apis] : [])),
    ),
  });
  return { subnetIds: network.privateSubnetIds, securityGroupIds: [network.functionSecurityGroupId] };
}

function perMapping(
  mappings: Record<string, KinesisMapping>,
  pick: (m: KinesisMapping) => pulumi.Output<string> | undefined,
): pulumi.Output<Record<string, string>> {
  const entries = Object.entries(mappings).flatMap(([id, m]) => {
    const value = pick(m);
    return value ? [pulumi.all([id, value])] : [];
  });
  return pulumi.all(entries).apply((pairs) => Object.fromEntries(pairs));
}

// What the report's pipeline-health panel reads per role: lag of every stream-reading function,
// the depth of each SQS on-failure queue, the deliveries of each mapping whose target is S3.
function pipelineHealthNames(
  mapped: Record<'consumer' | 'aggregator', { fn: LambdaFunction; mapping: KinesisMapping }>,
  alerts: AlertsPath | undefined,
): PipelineHealthNames<pulumi.Input<string>> {
  const functions: Record<string, pulumi.Input<string>> = {};
  const failureQueues: Record<string, pulumi.Input<string>> = {};
  const failureMappings: Record<string, pulumi.Input<string>> = {};
  for (const [role, { fn, mapping: m }] of Object.entries(mapped)) {
    functions[role] = fn.functionName;
    if (m.dlqName) failureQueues[role] = m.dlqName;
    if (m.failureBucketName) failureMappings[role] = m.mappingUuid;
  }
  if (alerts) functions['alerts'] = alerts.fn.functionName;
  if (alerts?.mapping.dlqName) failureQueues['alerts'] = alerts.mapping.dlqName;
  return { functions, failureQueues, failureMappings };
}
