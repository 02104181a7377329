// Pure translation of the stream settings into aws.kinesis.Stream inputs, with the checks
// AWS would otherwise only make at deploy time.
import { KINESIS_MANAGED_KEY } from './constants';
import type { ArgsContext } from './validate';
import { fail, requireInt } from './validate';

/** Capacity: a fixed number of shards, or on-demand scaling. */
export type StreamCapacity =
  { readonly mode: 'provisioned'; readonly shardCount: number } | { readonly mode: 'on-demand' };

/** Server-side encryption: the AWS managed key (default), a customer key, or none. */
export type StreamEncryptionArgs =
  | { readonly type: 'aws-managed' }
  | { readonly type: 'customer-key'; readonly kmsKeyArn: string }
  | { readonly type: 'none' };

/** Everything the Stream component needs. */
export interface StreamSettings {
  readonly capacity: StreamCapacity;
  /** 24–8760 hours. */
  readonly retentionHours: number;
  readonly encryption: StreamEncryptionArgs;
  readonly shardLevelMetrics: readonly string[];
  /** Tags for every taggable resource of the component. */
  readonly tags?: Readonly<Record<string, string>>;
}

/** The aws.kinesis.Stream inputs (plain values; no name: Pulumi auto-names the stream). */
export interface StreamInputs {
  readonly shardCount?: number;
  readonly streamModeDetails: { readonly streamMode: 'PROVISIONED' | 'ON_DEMAND' };
  readonly retentionPeriod: number;
  readonly encryptionType: 'KMS' | 'NONE';
  readonly kmsKeyId?: string;
  readonly shardLevelMetrics: string[];
}

/**
 * Validates the settings and returns the Stream inputs.
 *
 * @example
 * ```ts
 * streamInputs(ctx, { capacity: { mode: 'on-demand' }, retentionHours: 168,
 *   encryption: { type: 'aws-managed' }, shardLevelMetrics: [] }).kmsKeyId; // 'alias/aws/kinesis'
 * ```
 */
export function streamInputs(ctx: ArgsContext, settings: StreamSettings): StreamInputs {
  const retentionPeriod = requireInt(ctx, 'retentionHours', settings.retentionHours, 24, 8760);
  const capacity =
    settings.capacity.mode === 'provisioned'
      ? {
          shardCount: requireInt(ctx, 'capacity.shardCount', settings.capacity.shardCount, 1, 10_000),
          streamModeDetails: { streamMode: 'PROVISIONED' as const },
        }
      : { streamModeDetails: { streamMode: 'ON_DEMAND' as const } };
  return {
    ...capacity,
    retentionPeriod,
    ...encryptionInputs(ctx, settings.encryption),
    shardLevelMetrics: [...settings.shardLevelMetrics],
  };
}

function encryptionInputs(
  ctx: ArgsContext,
  encryption: StreamEncryptionArgs,
): Pick<StreamInputs, 'encryptionType' | 'kmsKeyId'> {
  switch (encryption.type) {
    case 'aws-managed':
      return { encryptionType: 'KMS', kmsKeyId: KINESIS_MANAGED_KEY };
    case 'customer-key':
      if (!/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/.+$/.test(encryption.kmsKeyArn)) {
        fail(ctx, 'encryption.kmsKeyArn', 'must be a KMS key or alias ARN', encryption.kmsKeyArn);
      }
      return { encryptionType: 'KMS', kmsKeyId: encryption.kmsKeyArn };
    case 'none':
      return { encryptionType: 'NONE' };
  }
}

/** The alias name of an alias ARN (`alias/x`), or undefined for a key ARN. */
export function kmsAliasName(arn: string): string | undefined {
  const match = /:(alias\/.+)$/.exec(arn);
  return match?.[1];
}
