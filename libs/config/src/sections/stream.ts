// streamlens:stream — capacity mode, retention and encryption of the Kinesis stream.
import { RANGES, STREAM_ENCRYPTIONS, STREAM_MODES } from '../constants';
import { describeRange, type Fields } from '../fields';
import type { StreamConfig } from '../types';

const KEYS = ['mode', 'shardCount', 'retentionHours', 'encryption', 'kmsKeyArn'] as const;

/** KMS key or alias ARN, any partition (aws, aws-cn, aws-us-gov). */
const KMS_ARN = /^arn:aws[a-z-]*:kms:[a-z]{2}(-[a-z]+)+-\d+:\d{12}:(key\/[A-Za-z0-9-]+|alias\/[A-Za-z0-9/_-]+)$/;

/**
 * Parses streamlens:stream. Mode defaults to on-demand (nothing to size, cannot be
 * under-provisioned); a provisioned stream must state its shardCount, and an on-demand
 * stream must not carry one (it would be silently ignored otherwise).
 */
export function parseStream(parent: Fields): StreamConfig {
  const f = parent.child('stream', KEYS);
  const mode = f.oneOf('mode', STREAM_MODES, 'on-demand');
  const common = {
    retentionHours: f.int('retentionHours', RANGES.retentionHours, 24),
    encryption: f.oneOf('encryption', STREAM_ENCRYPTIONS, 'aws-managed'),
  };
  const kmsKeyArn = f.valid('encryption') ? parseKmsKey(f, common.encryption) : undefined;
  const withKey = kmsKeyArn === undefined ? common : { ...common, kmsKeyArn };
  if (!f.valid('mode')) {
    // Unknown mode: check the shard count's range only, not whether it belongs.
    return { mode: 'provisioned', shardCount: f.int('shardCount', RANGES.shardCount, 1), ...withKey };
  }
  if (mode === 'on-demand') {
    f.forbid('shardCount', 'for an on-demand stream (AWS scales it)');
    return { mode, ...withKey };
  }
  if (!f.has('shardCount'))
    f.fail('shardCount', 'is required for a provisioned stream', describeRange(RANGES.shardCount));
  return { mode, shardCount: f.int('shardCount', RANGES.shardCount, 1), ...withKey };
}

function parseKmsKey(f: Fields, encryption: StreamConfig['encryption']): string | undefined {
  if (encryption !== 'customer-key') {
    f.forbid('kmsKeyArn', `unless encryption is customer-key`);
    return undefined;
  }
  const allowed = 'arn:aws:kms:<region>:<account>:key/<id> or …:alias/<name>';
  if (!f.has('kmsKeyArn')) f.fail('kmsKeyArn', 'is required when encryption is customer-key', allowed);
  return f.string('kmsKeyArn', KMS_ARN, allowed);
}
