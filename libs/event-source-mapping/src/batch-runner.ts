// One batch of one lane, from first invoke to done: invoke, read the answer, then succeed,
// checkpoint part of it, split it (bisect), retry it, or give it up to the on-failure
// destination (retries exhausted or records too old). Rules: SEMANTICS.md "Errors, retries,
// bisect" and "ReportBatchItemFailures"; choices where AWS is silent are marked CHOICE.
import { randomUUID } from 'node:crypto';
import { sleep } from './async-tools';
import { judgeResponse, type BatchVerdict, type ResponseRules } from './batch-response';
import { FAILURE_CONDITIONS, type FailureCondition } from './constants';
import { buildFailureRecord, rangeOf } from './failure-record';
import type { ShardCounters } from './shard-counters';
import type { StreamRecord } from './stream-record';
import type {
  BatchInfoKey,
  Clock,
  FailureDestination,
  FunctionInvoker,
  InvokeResult,
  Logger,
  RecordRange,
} from './types';

/** Everything a runner needs from its shard and mapping. */
export interface RunnerContext {
  readonly invoker: FunctionInvoker;
  readonly destination: FailureDestination | undefined;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly shardId: string;
  readonly streamArn: string;
  /** Key of the batch description in failure records (the source's). */
  readonly batchInfoKey: BatchInfoKey;
  readonly functionArn: string;
  readonly functionTimeoutMs: number;
  readonly bisect: boolean;
  /** −1 = infinite. */
  readonly maximumRetryAttempts: number;
  /** −1 = infinite. */
  readonly maximumRecordAgeMs: number;
  readonly responseRules: ResponseRules;
  /** Delay before retry number `attempt` (1-based). */
  readonly retryDelayMs: (attempt: number) => number;
  /** Aborted on stop: no new invoke starts. */
  readonly signal: AbortSignal;
  /** True once the mapping stopped without draining: late answers are ignored. */
  readonly abandoned: () => boolean;
  readonly counters: ShardCounters;
}

/** What the shard does with a batch's outcome. */
export interface BatchHooks {
  /** The invoke payload for these records (empty on a final window invoke). */
  buildEvent(records: readonly StreamRecord[]): unknown;
  /** The records were processed; `state` is the window state the function returned. */
  processed(records: readonly StreamRecord[], state: Record<string, unknown> | undefined): Promise<void>;
  /** The records were given up on (sent to the destination or skipped). */
  skipped(records: readonly StreamRecord[]): Promise<void>;
}

/** How a run ended: finished (processed or given up), or cut short by stop. */
export type RunOutcome = 'done' | 'aborted';

interface SubBatch {
  records: readonly StreamRecord[];
  /** Range for the failure record and the age check when `records` is empty (final invoke). */
  readonly emptyRange?: RecordRange;
  retries: number;
  invokes: number;
  lastRequestId: string | undefined;
  lastWasFunctionError: boolean;
}

function fresh(records: readonly StreamRecord[]): SubBatch {
  return { records, retries: 0, invokes: 0, lastRequestId: undefined, lastWasFunctionError: false };
}

function halves(records: readonly StreamRecord[]): SubBatch[] {
  // CHOICE: the first half takes the odd record; the first half is processed first.
  const mid = Math.ceil(records.length / 2);
  return [fresh(records.slice(0, mid)), fresh(records.slice(mid))];
}

/** Runs batches of one lane with Lambda's retry, bisect, age and destination rules. */
export class BatchRunner {
  constructor(private readonly ctx: RunnerContext) {}

  /** Processes a batch to the end (or until stop). */
  runBatch(records: readonly StreamRecord[], hooks: BatchHooks): Promise<RunOutcome> {
    return this.drive([fresh(records)], hooks);
  }

  /**
   * Runs a final tumbling-window invoke (no records), retried like a batch until it succeeds,
   * retries run out, or the window's newest record is too old; `range` describes the window.
   */
  runFinal(range: RecordRange | undefined, hooks: BatchHooks): Promise<RunOutcome> {
    return this.drive([{ ...fresh([]), ...(range ? { emptyRange: range } : {}) }], hooks);
  }

  private async drive(queue: SubBatch[], hooks: BatchHooks): Promise<RunOutcome> {
    let throttled = 0;
    while (queue.length > 0) {
      if (this.ctx.signal.aborted) return 'aborted';
      const sub = queue[0] as SubBatch;
      if (this.tooOld(sub)) {
        if ((await this.giveUp(sub, FAILURE_CONDITIONS.recordAgeExceeded, hooks)) === 'aborted') return 'aborted';
        queue.shift();
        continue;
      }
      const requestId = randomUUID();
      let result: InvokeResult;
      try {
        result = await this.ctx.invoker.invoke(hooks.buildEvent(sub.records), {
          timeoutMs: this.ctx.functionTimeoutMs,
          requestId,
        });
      } catch (err) {
        // An error before the function ran (throttle, service error): retried without using a retry attempt.
        throttled++;
        this.ctx.logger.warn('invoke failed before the function ran; retrying', {
          shardId: this.ctx.shardId,
          error: String(err),
          attempt: throttled,
        });
        await sleep(this.ctx.retryDelayMs(throttled), this.ctx.signal);
        continue;
      }
      throttled = 0;
      if (this.ctx.abandoned()) return 'aborted';
      sub.invokes++;
      sub.lastRequestId = requestId;
      this.ctx.counters.invocations++;
      const verdict: BatchVerdict = result.ok
        ? judgeResponse(
            result.payload,
            sub.records.map((r) => r.sequenceNumber),
            this.ctx.responseRules,
          )
        : { kind: 'failed', reason: `${result.errorType}: ${result.errorMessage}`, functionError: true };
      if (verdict.kind === 'success') {
        await hooks.processed(sub.records, verdict.state);
        this.ctx.counters.recordsDelivered += sub.records.length;
        queue.shift();
        continue;
      }
      if ((await this.onFailure(queue, sub, verdict, hooks)) === 'aborted') return 'aborted';
    }
    return 'done';
  }

  /** Handles a failed or partial invoke: split, retry, or give up. */
  private async onFailure(
    queue: SubBatch[],
    sub: SubBatch,
    verdict: Exclude<BatchVerdict, { kind: 'success' }>,
    hooks: BatchHooks,
  ): Promise<RunOutcome | undefined> {
    this.ctx.counters.failedInvocations++;
    sub.lastWasFunctionError = verdict.kind === 'failed' && verdict.functionError;
    this.ctx.logger.warn('batch failed', {
      shardId: this.ctx.shardId,
      records: sub.records.length,
      firstSequenceNumber: sub.records[0]?.sequenceNumber,
      ...(verdict.kind === 'failed'
        ? { reason: verdict.reason }
        : { failedSequenceNumber: sub.records[verdict.failedIndex]?.sequenceNumber }),
      retries: sub.retries,
    });
    if (verdict.kind === 'partial') {
      const done = sub.records.slice(0, verdict.failedIndex);
      if (done.length > 0 || verdict.state) {
        await hooks.processed(done, verdict.state);
        this.ctx.counters.recordsDelivered += done.length;
      }
      sub.records = sub.records.slice(verdict.failedIndex);
      // With bisect the batch is split at the reported record and only the rest is retried;
      // CHOICE: the rest is a new (sub)batch, so the split uses no retry attempt. When the first
      // record is the one reported there is nothing to split off: split in halves instead.
      if (this.ctx.bisect && done.length > 0) {
        queue[0] = fresh(sub.records);
        return undefined;
      }
    }
    if (this.ctx.bisect && sub.records.length > 1) {
      queue.splice(0, 1, ...halves(sub.records)); // the split itself uses no retry attempt
      return undefined;
    }
    const limit = this.ctx.maximumRetryAttempts;
    if (limit !== -1 && sub.retries >= limit) {
      const outcome = await this.giveUp(sub, FAILURE_CONDITIONS.retryAttemptsExhausted, hooks);
      if (outcome === 'done') queue.shift();
      return outcome;
    }
    sub.retries++;
    this.ctx.counters.retries++;
    await sleep(this.ctx.retryDelayMs(sub.retries), this.ctx.signal);
    return undefined;
  }

  /** Records older than the maximum age are not (re)tried. CHOICE: checked before every invoke, the first one included. */
  private tooOld(sub: SubBatch): boolean {
    const maxAge = this.ctx.maximumRecordAgeMs;
    if (maxAge < 0) return false;
    // The oldest record of a batch decides; a final window invoke uses the window's newest record.
    const refMs = sub.records[0]?.arrivalMs ?? sub.emptyRange?.lastArrivalMs;
    return refMs !== undefined && this.ctx.clock.now() - refMs > maxAge;
  }

  private async giveUp(sub: SubBatch, condition: FailureCondition, hooks: BatchHooks): Promise<RunOutcome> {
    const range = sub.records.length > 0 ? rangeOf(sub.records) : sub.emptyRange;
    if (range) {
      const where = {
        shardId: this.ctx.shardId,
        condition,
        startSequenceNumber: range.firstSequenceNumber,
        endSequenceNumber: range.lastSequenceNumber,
        batchSize: range.count,
      };
      if (this.ctx.destination) {
        const sent = await this.send(sub, condition, range, hooks);
        if (!sent) return 'aborted';
        this.ctx.counters.failuresSentToDestination++;
        this.ctx.logger.error('batch sent to the on-failure destination; the shard moves on', where);
      } else {
        this.ctx.logger.error(
          'NO ON-FAILURE DESTINATION: batch dropped, its records are skipped; the shard moves on',
          where,
        );
      }
      this.ctx.counters.recordsSkipped += sub.records.length;
    }
    await hooks.skipped(sub.records);
    return 'done';
  }

  /** Sends the failure record, retrying until it is accepted (the shard waits) or stop. */
  private async send(
    sub: SubBatch,
    condition: FailureCondition,
    range: RecordRange,
    hooks: { buildEvent(records: readonly StreamRecord[]): unknown },
  ): Promise<boolean> {
    const record = buildFailureRecord({
      condition,
      requestId: sub.lastRequestId ?? randomUUID(),
      functionArn: this.ctx.functionArn,
      streamArn: this.ctx.streamArn,
      batchInfoKey: this.ctx.batchInfoKey,
      shardId: this.ctx.shardId,
      range,
      invokeCount: sub.invokes,
      functionError: sub.lastWasFunctionError,
      nowMs: this.ctx.clock.now(),
    });
    for (let attempt = 1; ; attempt++) {
      try {
        // The event of the batch as invoked: an S3 destination keeps it (AWS stores the whole
        // invocation record there), the others ignore it.
        await (this.ctx.destination as FailureDestination).send(record, { event: hooks.buildEvent(sub.records) });
        return true;
      } catch (err) {
        this.ctx.logger.error('on-failure destination rejected the failure record; retrying', {
          shardId: this.ctx.shardId,
          error: String(err),
          attempt,
        });
        await sleep(this.ctx.retryDelayMs(attempt), this.ctx.signal);
        if (this.ctx.signal.aborted) return false;
      }
    }
  }
}
