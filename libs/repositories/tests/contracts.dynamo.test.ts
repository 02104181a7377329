// The repository contracts against DynamoDB (dynalite on a free port).
import {
  DynamoAlertsRepository,
  DynamoPostsReader,
  DynamoPostsWriter,
  DynamoQuarantineRepository,
  DynamoTrendsRepository,
} from '../src';
import { describeAlertsContract } from './contracts/alerts.contract';
import { describePostsContract } from './contracts/posts.contract';
import { describeQuarantineContract } from './contracts/quarantine.contract';
import { describeTrendsContract } from './contracts/trends.contract';
import { combine, FAST_RETRY, startLocalDynamo, type LocalDynamo } from './helpers/local-dynamo';

let dynamo: LocalDynamo;
beforeAll(async () => {
  dynamo = await startLocalDynamo();
});
afterAll(async () => {
  await dynamo.close();
});

const base = async (table: Parameters<LocalDynamo['freshTable']>[0]) => ({
  client: dynamo.client,
  tableName: await dynamo.freshTable(table),
  retry: FAST_RETRY,
});

describePostsContract('DynamoDB', async () => {
  const options = await base('posts');
  return combine(new DynamoPostsWriter({ ...options, ttlDays: 30 }), new DynamoPostsReader(options));
});
describeTrendsContract('DynamoDB', async () => new DynamoTrendsRepository({ ...(await base('trends')), ttlDays: 90 }));
describeQuarantineContract(
  'DynamoDB',
  async () => new DynamoQuarantineRepository({ ...(await base('quarantine')), ttlDays: 14 }),
);
describeAlertsContract('DynamoDB', async () => new DynamoAlertsRepository({ ...(await base('alerts')), ttlDays: 30 }));
