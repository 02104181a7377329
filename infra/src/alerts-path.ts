// Composition of the alerts path: bus (+ archive, topic, webhook), the alerts function with
// trends read, alerts read-write and PutEvents on that bus only, and the mapping from the trends
// table's stream (window-row changes only). Called by createStack when alerts are enabled.
import * as pulumi from '@pulumi/pulumi';
import { METRICS_NAMESPACE, type AlertsConfig } from '@streamlens/config';
import { windowRowChangesFilter } from '@streamlens/tables';
import { AlertsBus } from './alerts-bus';
import type { AlarmSpec } from './alarm-specs';
import type { LambdaFunction } from './function';
import { putEventsStatement } from './iam/alert-statements';
import type { PolicyStatement } from './iam/policy-document';
import type { CreatedTable } from './tables';
import { TableStreamMapping } from './table-stream-mapping';

/** Name of the metric the alerts function emits per alert the bus never accepted. */
export const PUT_EVENTS_FAILURES_METRIC = 'PutEventsFailedEntries';

/** What the path needs from the stack. */
export interface AlertsPathDeps {
  readonly alerts: AlertsConfig;
  readonly trends: CreatedTable;
  readonly alertsTable: CreatedTable;
  /** Item access to the tables (trends read, alerts read-write). */
  readonly tableAccess: pulumi.Output<PolicyStatement[]>;
  /** Tags for every taggable resource. */
  readonly tags: Readonly<Record<string, string>>;
  /**
   * Builds the function with the stack's shared settings plus these statements; its environment
   * (config's functionEnvironment) names this bus.
   */
  readonly makeFunction: (
    access: pulumi.Output<PolicyStatement[]>,
    eventBusName: pulumi.Input<string>,
  ) => LambdaFunction;
}

/** The resources of the path the rest of the stack refers to. */
export interface AlertsPath {
  readonly bus: AlertsBus;
  readonly fn: LambdaFunction;
  readonly mapping: TableStreamMapping;
}

/**
 * Declares the alerts path.
 *
 * @example
 * ```ts
 * const path = createAlertsPath({ alerts: config.alerts, trends, alertsTable, tableAccess, makeFunction });
 * ```
 */
export function createAlertsPath(deps: AlertsPathDeps): AlertsPath {
  const { alerts } = deps;
  const bus = new AlertsBus('alerts', {
    archiveRetentionDays: alerts.archiveRetentionDays,
    email: alerts.targets.email,
    ...(alerts.targets.webhook ? { webhook: alerts.targets.webhook } : {}),
    tags: deps.tags,
  });
  const access = pulumi
    .all([deps.tableAccess, bus.busArn])
    .apply(([statements, busArn]) => [...statements, putEventsStatement(busArn)]);
  const fn = deps.makeFunction(access, bus.busName);
  const mapping = new TableStreamMapping(
    'alerts-mapping',
    {
      functionName: fn.functionName,
      roleName: fn.roleName,
      tableStreamArn: deps.trends.streamArn,
      settings: alerts.mapping,
      filters: [windowRowChangesFilter()],
      tags: deps.tags,
    },
    { dependsOn: [fn] },
  );
  return { bus, fn, mapping };
}

/**
 * The PutEvents-failures alarm: any alert the bus did not accept after the function's retries
 * (the batch is retried, but someone should know the bus refuses).
 */
export function putEventsFailuresAlarm<T>(): AlarmSpec<T> {
  return {
    id: 'alerts-put-events-failures',
    description: 'Alerts the event bus refused after every PutEvents retry (the batch is retried)',
    metric: {
      namespace: METRICS_NAMESPACE,
      metricName: PUT_EVENTS_FAILURES_METRIC,
      dimensions: { service: 'alerts' },
      statistic: 'Sum',
      period: 300,
    },
    comparisonOperator: 'GreaterThanThreshold',
    threshold: 0,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    treatMissingData: 'notBreaching',
  };
}
