import { TABLE_SPECS } from '@streamlens/tables';
import { KinesisClient } from '@aws-sdk/client-kinesis';
export const handler = async () => ({ t: TABLE_SPECS.posts.logicalName, c: typeof KinesisClient });
