// Pure CloudWatch dashboard body: the same signals the alarms watch, laid out in rows
// (stream, mappings, functions, queues and tables, quarantine).
import { METRICS_NAMESPACE } from '@streamlens/config';
import { QUARANTINE_METRIC } from './constants';

/** Resolved names the dashboard shows. */
export interface DashboardInput {
  readonly region: string;
  readonly streamName: string;
  readonly mappedFunctions: readonly string[];
  readonly functions: readonly string[];
  readonly queues: readonly string[];
  /** UUIDs of the mappings whose on-failure target is an S3 bucket. Default none. */
  readonly failureDeliveries?: readonly string[];
  readonly tables: readonly string[];
}

type Metric = (string | Record<string, unknown>)[];

interface Widget {
  readonly type: 'metric';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly properties: Record<string, unknown>;
}

const WIDTH = 8;
const HEIGHT = 6;

/**
 * The dashboard body object (JSON.stringify it for aws.cloudwatch.Dashboard).
 *
 * @example
 * ```ts
 * JSON.stringify(dashboardBody({ region: 'eu-west-1', streamName: 's', mappedFunctions: [],
 *   functions: [], queues: [], tables: [] }));
 * ```
 */
export function dashboardBody(input: DashboardInput): { widgets: Widget[] } {
  const stream = (name: string, stat: string): Metric => [
    'AWS/Kinesis',
    name,
    'StreamName',
    input.streamName,
    { stat },
  ];
  const perFunction = (metric: string, stat: string, names: readonly string[]): Metric[] =>
    names.map((fn) => ['AWS/Lambda', metric, 'FunctionName', fn, { stat }]);
  const panels: [string, Metric[]][] = [
    ['Stream iterator age (ms, max)', [stream('GetRecords.IteratorAgeMilliseconds', 'Maximum')]],
    [
      'Stream throughput exceeded (sum)',
      [stream('WriteProvisionedThroughputExceeded', 'Sum'), stream('ReadProvisionedThroughputExceeded', 'Sum')],
    ],
    [
      'PutRecords records (sum)',
      [
        stream('PutRecords.TotalRecords', 'Sum'),
        stream('PutRecords.SuccessfulRecords', 'Sum'),
        stream('PutRecords.FailedRecords', 'Sum'),
      ],
    ],
    ['Mapping iterator age (ms, max)', perFunction('IteratorAge', 'Maximum', input.mappedFunctions)],
    ['Function errors (sum)', perFunction('Errors', 'Sum', input.functions)],
    ['Function throttles (sum)', perFunction('Throttles', 'Sum', input.functions)],
    ['Function duration (ms, p99)', perFunction('Duration', 'p99', input.functions)],
    [
      'On-failure queues (visible messages)',
      input.queues.map((q) => ['AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', q, { stat: 'Maximum' }]),
    ],
    [
      'Failure records sent to S3 (sum)',
      (input.failureDeliveries ?? []).map((uuid) => [
        'AWS/Lambda',
        'OnFailureDestinationDeliveredEventCount',
        'EventSourceMappingUUID',
        uuid,
        { stat: 'Sum' },
      ]),
    ],
    [
      'Table throttle events (sum)',
      input.tables.flatMap((t): Metric[] => [
        ['AWS/DynamoDB', 'ReadThrottleEvents', 'TableName', t, { stat: 'Sum' }],
        ['AWS/DynamoDB', 'WriteThrottleEvents', 'TableName', t, { stat: 'Sum' }],
      ]),
    ],
    [
      'Quarantined records (per minute)',
      [[METRICS_NAMESPACE, QUARANTINE_METRIC, 'service', 'consumer', { stat: 'Sum', period: 60 }]],
    ],
  ];
  // A panel with nothing to chart (no on-failure queue, say) is left out: CloudWatch rejects a
  // widget whose metrics list is empty, and the whole dashboard with it.
  return {
    widgets: panels
      .filter(([, metrics]) => metrics.length > 0)
      .map(([title, metrics], i) => ({
        type: 'metric',
        x: (i % 3) * WIDTH,
        y: Math.floor(i / 3) * HEIGHT,
        width: WIDTH,
        height: HEIGHT,
        properties: { title, region: input.region, view: 'timeSeries', stacked: false, period: 60, metrics },
      })),
  };
}
