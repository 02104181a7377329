// Fakes for unit tests: in-memory repositories from @streamlens/repositories/testing, with the
// partial failures the DynamoDB repositories can report scripted on top, and recording
// logger/metrics sinks.
import { InMemoryPostsRepository, InMemoryQuarantineRepository } from '@streamlens/repositories/testing';
import {
  GIVE_UP_REASONS,
  InvalidRecordError,
  ItemTooLargeError,
  UnprocessedItemsError,
  type PostsReader,
  type PostsWriter,
  type PutPostsResult,
  type QuarantinedRecord,
  type QuarantineRepository,
  type RejectedRecord,
} from '@streamlens/repositories';
import type { EnrichedPost } from '@streamlens/schemas';
import type { LoggerPort, MetricsPort, MetricUnitName } from '../../src/ports';

/** What the scripted posts repository does besides storing. */
export interface PostsScript {
  /** Post ids left unwritten: putPosts throws UnprocessedItemsError naming them (after storing the rest). */
  unwritten?: readonly string[];
  /** Post ids rejected as over 400 KB. */
  tooLarge?: readonly string[];
  /** Post ids rejected as unstorable. */
  unstorable?: readonly string[];
  /** Thrown before anything is stored (e.g. a throttling error). */
  throws?: unknown;
}

/** InMemoryPostsRepository plus scripted failures; records every putPosts call's input size. */
export class ScriptedPostsRepository implements PostsWriter, Pick<PostsReader, 'getPost'> {
  readonly store = new InMemoryPostsRepository({ ttlDays: 30 });
  readonly calls: number[] = [];

  constructor(private readonly script: PostsScript = {}) {}

  async putPosts(posts: readonly EnrichedPost[]): Promise<PutPostsResult> {
    this.calls.push(posts.length);
    if (this.script.throws !== undefined) throw this.script.throws;
    const tooLarge = new Set(this.script.tooLarge);
    const unstorable = new Set(this.script.unstorable);
    const unwritten = new Set(this.script.unwritten);
    const rejected: RejectedRecord[] = [];
    const keep: EnrichedPost[] = [];
    for (const e of posts) {
      const id = e.post.postId;
      if (tooLarge.has(id))
        rejected.push({
          id,
          error: new ItemTooLargeError('posts', { pk: `POST#${id}`, sk: 'POST' }, id, 500_000, 409_600),
        });
      else if (unstorable.has(id))
        rejected.push({ id, error: new InvalidRecordError(id, 'post.createdAt', 'is not a valid ISO 8601 timestamp') });
      else if (!unwritten.has(id)) keep.push(e);
    }
    const result = await this.store.putPosts(keep);
    const missing = [...new Set(posts.map((p) => p.post.postId).filter((id) => unwritten.has(id)))];
    if (missing.length > 0) {
      const giveUp = { reason: GIVE_UP_REASONS.attemptsExhausted, attempts: 8, elapsedMs: 1234 };
      throw new UnprocessedItemsError(
        'posts',
        missing,
        missing.map((id) => ({ pk: `POST#${id}`, sk: 'POST' })),
        giveUp,
        {
          writtenIds: result.written,
          skippedIds: result.skippedAsOlder,
          rejected,
        },
      );
    }
    return { ...result, rejected: [...result.rejected, ...rejected] };
  }

  getPost(postId: string): Promise<EnrichedPost | undefined> {
    return this.store.getPost(postId);
  }
}

/** InMemoryQuarantineRepository that can be told to fail every write. */
export class ScriptedQuarantineRepository implements Pick<QuarantineRepository, 'quarantine' | 'listAll'> {
  readonly store = new InMemoryQuarantineRepository({ ttlDays: 30 });
  failWith: unknown = undefined;

  async quarantine(records: readonly QuarantinedRecord[]): Promise<void> {
    if (this.failWith !== undefined) throw this.failWith;
    await this.store.quarantine(records);
  }

  listAll() {
    return this.store.listAll();
  }
}

/** One log line. */
export interface LogLine {
  readonly level: 'debug' | 'warn' | 'error';
  readonly message: string;
  readonly attributes: Record<string, unknown>;
}

/** Logger that keeps its lines. */
export class RecordingLogger implements LoggerPort {
  readonly lines: LogLine[] = [];
  debug(message: string, attributes: Record<string, unknown>): void {
    this.lines.push({ level: 'debug', message, attributes });
  }
  warn(message: string, attributes: Record<string, unknown>): void {
    this.lines.push({ level: 'warn', message, attributes });
  }
  error(message: string, attributes: Record<string, unknown>): void {
    this.lines.push({ level: 'error', message, attributes });
  }
}

/** Metrics sink that keeps each flushed document as name → { unit, value }. */
export class RecordingMetrics implements MetricsPort {
  readonly flushed: Map<string, { unit: MetricUnitName; value: number }>[] = [];
  private current = new Map<string, { unit: MetricUnitName; value: number }>();

  addMetric(name: string, unit: MetricUnitName, value: number): void {
    this.current.set(name, { unit, value });
  }

  publishStoredMetrics(): void {
    this.flushed.push(this.current);
    this.current = new Map();
  }

  /** Values of the last flushed document. */
  last(): Record<string, number> {
    const doc = this.flushed[this.flushed.length - 1] ?? new Map();
    return Object.fromEntries([...doc].map(([k, v]) => [k, v.value]));
  }
}
