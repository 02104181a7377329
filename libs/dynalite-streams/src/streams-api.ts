// The DynamoDB Streams API (ListStreams, DescribeStream, GetShardIterator, GetRecords) over a
// StreamLog: request validation with AWS's messages, pagination, iterator expiry.
import {
  GET_RECORDS_MAX_BYTES,
  GET_RECORDS_MAX_RECORDS,
  MAX_PAGE_SIZE,
  SHARD_ITERATOR_TTL_MS,
  SHARD_ITERATOR_TYPES,
} from './constants';
import { ExpiredIteratorError, StreamsValidationError, UnknownStreamsOperationError } from './errors';
import { decodeShardIterator, encodeShardIterator } from './shard-iterator';
import { parseSequenceNumber } from './sequence-numbers';
import type { StreamLog } from './stream-log';
import type { ShardIteratorType, StreamState } from './types';

type Request = Record<string, unknown>;

function optionalLimit(request: Request, max: number, fallback: number): number {
  const limit = request['Limit'];
  if (limit === undefined || limit === null) return fallback;
  if (typeof limit !== 'number' || !Number.isInteger(limit)) {
    throw new StreamsValidationError(`Value '${String(limit)}' at 'limit' is not an integer`);
  }
  if (limit < 1) {
    throw new StreamsValidationError(
      `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1`,
    );
  }
  if (limit > max) {
    throw new StreamsValidationError(
      `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to ${max}`,
    );
  }
  return limit;
}

function requiredString(request: Request, name: string): string {
  const value = request[name];
  if (typeof value !== 'string' || value.length === 0) {
    throw new StreamsValidationError(
      `1 validation error detected: Value null at '${name.charAt(0).toLowerCase()}${name.slice(1)}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

/** Seconds with milliseconds, as the JSON protocol writes timestamps. */
const epochSeconds = (ms: number) => ms / 1000;

function page<T>(items: readonly T[], keyOf: (item: T) => string, exclusiveStart: unknown, limit: number) {
  const startAt = typeof exclusiveStart === 'string' ? items.findIndex((i) => keyOf(i) === exclusiveStart) + 1 : 0;
  const slice = items.slice(startAt, startAt + limit);
  const more = startAt + limit < items.length;
  const last = slice.at(-1);
  return { slice, lastEvaluated: more && last !== undefined ? keyOf(last) : undefined };
}

function listStreams(log: StreamLog, request: Request) {
  const limit = optionalLimit(request, MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  const table = request['TableName'];
  const streams = log
    .listStreams()
    .filter((s) => typeof table !== 'string' || s.tableName === table)
    .sort((a, b) => a.tableName.localeCompare(b.tableName) || a.createdAtMs - b.createdAtMs);
  const { slice, lastEvaluated } = page(streams, (s) => s.streamArn, request['ExclusiveStartStreamArn'], limit);
  return {
    Streams: slice.map((s) => ({ StreamArn: s.streamArn, TableName: s.tableName, StreamLabel: s.streamLabel })),
    ...(lastEvaluated ? { LastEvaluatedStreamArn: lastEvaluated } : {}),
  };
}

function describeStream(log: StreamLog, request: Request) {
  const limit = optionalLimit(request, MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  const stream: StreamState = log.describeStream(requiredString(request, 'StreamArn'));
  const { slice, lastEvaluated } = page(stream.shards, (s) => s.shardId, request['ExclusiveStartShardId'], limit);
  return {
    StreamDescription: {
      StreamArn: stream.streamArn,
      StreamLabel: stream.streamLabel,
      StreamStatus: stream.status,
      StreamViewType: stream.viewType,
      CreationRequestDateTime: epochSeconds(stream.createdAtMs),
      TableName: stream.tableName,
      KeySchema: stream.keySchema,
      Shards: slice.map((s) => ({
        ShardId: s.shardId,
        SequenceNumberRange: {
          StartingSequenceNumber: s.startingSequenceNumber,
          ...(s.endingSequenceNumber ? { EndingSequenceNumber: s.endingSequenceNumber } : {}),
        },
        ...(s.parentShardId ? { ParentShardId: s.parentShardId } : {}),
      })),
      ...(lastEvaluated ? { LastEvaluatedShardId: lastEvaluated } : {}),
    },
  };
}

function getShardIterator(log: StreamLog, request: Request, now: number) {
  const streamArn = requiredString(request, 'StreamArn');
  const shardId = requiredString(request, 'ShardId');
  const type = request['ShardIteratorType'] as ShardIteratorType;
  if (!SHARD_ITERATOR_TYPES.includes(type)) {
    throw new StreamsValidationError(
      `1 validation error detected: Value '${String(type)}' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: [${SHARD_ITERATOR_TYPES.join(', ')}]`,
    );
  }
  const needsSequence = type === 'AT_SEQUENCE_NUMBER' || type === 'AFTER_SEQUENCE_NUMBER';
  if (needsSequence && request['SequenceNumber'] === undefined) {
    throw new StreamsValidationError(`SequenceNumber is required with ShardIteratorType ${type}`);
  }
  const sequence = needsSequence ? parseSequenceNumber(request['SequenceNumber'], 'SequenceNumber') : undefined;
  const after = log.iteratorPosition(streamArn, shardId, type, sequence);
  return { ShardIterator: encodeShardIterator({ streamArn, shardId, after, issuedAtMs: now }) };
}

async function getRecords(log: StreamLog, request: Request, now: number) {
  const limit = optionalLimit(request, GET_RECORDS_MAX_RECORDS, GET_RECORDS_MAX_RECORDS);
  const position = decodeShardIterator(requiredString(request, 'ShardIterator'));
  if (now - position.issuedAtMs > SHARD_ITERATOR_TTL_MS) {
    throw new ExpiredIteratorError(
      `Iterator expired. The iterator was created at time ${new Date(position.issuedAtMs).toISOString()} while right now it is ${new Date(now).toISOString()} (iterators expire after 15 minutes)`,
    );
  }
  const page = await log.readRecords(position.streamArn, position.shardId, position.after, {
    limit,
    maxBytes: GET_RECORDS_MAX_BYTES,
  });
  return {
    Records: page.records,
    ...(page.ended
      ? {}
      : { NextShardIterator: encodeShardIterator({ ...position, after: page.after, issuedAtMs: now }) }),
  };
}

/** The operations of the DynamoDB Streams API. */
export const STREAMS_OPERATIONS = ['ListStreams', 'DescribeStream', 'GetShardIterator', 'GetRecords'] as const;

/**
 * Answers one DynamoDB Streams API call. Shards due for rollover are rolled over first, so a
 * reader sees a shard close on time even when no write came.
 *
 * @throws StreamsApiError (its `toBody()` and `statusCode` are the answer to send)
 */
export async function handleStreamsOperation(
  log: StreamLog,
  operation: string,
  request: Request,
  now: number,
): Promise<unknown> {
  await log.rollOverDueShards();
  switch (operation) {
    case 'ListStreams':
      return listStreams(log, request);
    case 'DescribeStream':
      return describeStream(log, request);
    case 'GetShardIterator':
      return getShardIterator(log, request, now);
    case 'GetRecords':
      return getRecords(log, request, now);
    default:
      throw new UnknownStreamsOperationError(operation);
  }
}
