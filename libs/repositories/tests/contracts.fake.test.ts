// The same repository contracts against the in-memory fakes of @streamlens/repositories/testing.
import {
  InMemoryAlertsRepository,
  InMemoryPostsRepository,
  InMemoryQuarantineRepository,
  InMemoryTrendsRepository,
} from '../src/testing';
import { describeAlertsContract } from './contracts/alerts.contract';
import { describePostsContract } from './contracts/posts.contract';
import { describeQuarantineContract } from './contracts/quarantine.contract';
import { describeTrendsContract } from './contracts/trends.contract';

describePostsContract('in-memory fake', async () => new InMemoryPostsRepository({ ttlDays: 30 }));
describeTrendsContract('in-memory fake', async () => new InMemoryTrendsRepository({ ttlDays: 90 }));
describeQuarantineContract('in-memory fake', async () => new InMemoryQuarantineRepository({ ttlDays: 14 }));
describeAlertsContract('in-memory fake', async () => new InMemoryAlertsRepository({ ttlDays: 30 }));
