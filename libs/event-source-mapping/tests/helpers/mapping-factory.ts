// Builds an EventSourceMapping for a test with fast timings and in-memory stores.
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import {
  DEFAULT_MAPPING_SETTINGS,
  EventSourceMapping,
  InMemoryCheckpointStore,
  InMemoryFailureDestination,
  InProcessInvoker,
  KinesisStreamSource,
  type CheckpointStore,
  type EventSourceMappingOptions,
  type FailureDestination,
  type FunctionInvoker,
  type MappingSettings,
} from '../../src';
import type { ScriptedFunction } from './scripted-function';

/** Timings that keep tests in milliseconds. */
export const FAST_TUNING = {
  idlePollMs: 20,
  getRecordsPerSecond: 200,
  shardDiscoveryIntervalMs: 50,
  retryBaseDelayMs: 1,
  retryMaxDelayMs: 5,
  restartDelayMs: 20,
} as const;

/** A test mapping and the stores it writes to. */
export interface TestMapping {
  readonly esm: EventSourceMapping;
  readonly checkpoints: CheckpointStore & { snapshot?: InMemoryCheckpointStore['snapshot'] };
  readonly destination: InMemoryFailureDestination;
}

let mappingSeq = 0;
const live: EventSourceMapping[] = [];

/** Stops every mapping a test made (an afterEach safety net: a failed test leaves none running). */
export async function stopAllMappings(): Promise<void> {
  await Promise.all(live.splice(0).map((m) => m.stop({ drain: false })));
}

/** Options of `makeMapping`. */
export interface MakeMappingOptions {
  readonly client: KinesisClient;
  readonly stream: { streamName: string; streamArn: string };
  readonly fn?: ScriptedFunction;
  readonly invoker?: FunctionInvoker;
  readonly settings?: Partial<MappingSettings>;
  readonly checkpoints?: CheckpointStore;
  readonly mappingId?: string;
  readonly withDestination?: boolean;
  readonly destination?: FailureDestination;
  readonly extra?: Partial<EventSourceMappingOptions>;
}

/** A mapping with TRIM_HORIZON, fast tuning, in-memory checkpoints and destination. */
export function makeMapping(o: MakeMappingOptions): TestMapping {
  const checkpoints = o.checkpoints ?? new InMemoryCheckpointStore();
  const destination = new InMemoryFailureDestination();
  const invoker = o.invoker ?? new InProcessInvoker((o.fn as ScriptedFunction).handler);
  const esm = new EventSourceMapping({
    source: new KinesisStreamSource({
      kinesis: o.client,
      streamName: o.stream.streamName,
      streamArn: o.stream.streamArn,
    }),
    mappingId: o.mappingId ?? `mapping-${++mappingSeq}`,
    settings: { ...DEFAULT_MAPPING_SETTINGS, ...o.settings },
    invoker,
    checkpoints,
    ...(o.withDestination === false ? {} : { onFailure: o.destination ?? destination }),
    tuning: FAST_TUNING,
    ...o.extra,
  });
  live.push(esm);
  return { esm, checkpoints: checkpoints as TestMapping['checkpoints'], destination };
}
