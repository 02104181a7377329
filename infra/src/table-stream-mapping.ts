// Mapping concern for a DynamoDB table's stream: the event-source mapping (window-row changes
// only), its on-failure queue, and the role permissions the poller needs (read that stream,
// send failures to that queue).
import * as pulumi from '@pulumi/pulumi';
import { DYNAMODB_STREAMS_FILTER_RULES, type StreamMappingConfig } from '@streamlens/config';
import { tableStreamReadStatements } from './iam/alert-statements';
import { declareMappingResources } from './mapping-resources';
import { mappingInputs, type MappingInputs } from './mapping-settings';
import { failureQueue } from './on-failure-target';

/** DynamoDB Streams keep records 24 hours. */
export const TABLE_STREAM_RETENTION_HOURS = 24;

/** Args of {@link TableStreamMapping}. */
export interface TableStreamMappingArgs {
  readonly functionName: pulumi.Input<string>;
  readonly roleName: pulumi.Input<string>;
  readonly tableStreamArn: pulumi.Input<string>;
  readonly settings: StreamMappingConfig;
  /** Filter patterns (matched against whole stream records). */
  readonly filters: readonly Readonly<Record<string, unknown>>[];
  /** Tags of the queue and the mapping. */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * The mapping inputs of a table stream: the Kinesis rules (bounded retries and age, explicit
 * values) with the stream's 24-hour retention, no tumbling window, ReportBatchItemFailures.
 *
 * @example
 * ```ts
 * tableStreamMappingInputs('alerts-mapping', config.alerts.mapping, [windowRowChangesFilter()]).startingPosition;
 * ```
 */
export function tableStreamMappingInputs(
  name: string,
  settings: StreamMappingConfig,
  filters: TableStreamMappingArgs['filters'],
): MappingInputs {
  return mappingInputs(
    { component: 'TableStreamMapping', name },
    { ...settings, filters, tumblingWindowInSeconds: 0, functionResponseTypes: ['ReportBatchItemFailures'] },
    // Patterns match whole stream records (eventName, dynamodb.NewImage, …), not a `data` field.
    { streamRetentionHours: TABLE_STREAM_RETENTION_HOURS, filterRules: DYNAMODB_STREAMS_FILTER_RULES },
  );
}

/**
 * An event-source mapping from a table's stream to a function, with an SQS on-failure
 * destination (SSE, 14 days) when `settings.onFailureDestination` is true.
 *
 * @example
 * ```ts
 * new TableStreamMapping('alerts-mapping', { functionName, roleName, tableStreamArn: trends.streamArn,
 *   settings: config.alerts.mapping, filters: [windowRowChangesFilter()] }, { dependsOn: [fn] });
 * ```
 */
export class TableStreamMapping extends pulumi.ComponentResource {
  readonly mappingUuid: pulumi.Output<string>;
  readonly dlqUrl: pulumi.Output<string> | undefined;
  readonly dlqName: pulumi.Output<string> | undefined;

  constructor(name: string, args: TableStreamMappingArgs, opts?: pulumi.ComponentResourceOptions) {
    super('streamlens:infra:TableStreamMapping', name, {}, opts);
    const inputs = tableStreamMappingInputs(name, args.settings, args.filters);
    const dlq = args.settings.onFailureDestination ? failureQueue(name, args.tags, this) : undefined;
    const mapping = declareMappingResources(this, name, {
      functionName: args.functionName,
      roleName: args.roleName,
      eventSourceArn: args.tableStreamArn,
      inputs,
      target: dlq,
      readStatements: pulumi.output(args.tableStreamArn).apply(tableStreamReadStatements),
      ...(args.tags ? { tags: args.tags } : {}),
    });
    this.mappingUuid = mapping.uuid;
    this.dlqUrl = dlq?.url;
    this.dlqName = dlq?.name;
    this.registerOutputs({ mappingUuid: this.mappingUuid, dlqUrl: this.dlqUrl });
  }
}
