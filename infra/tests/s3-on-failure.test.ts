// An S3 on-failure destination (dev stack with `consumer.onFailureTarget: s3`): AWS stores the
// whole invocation record in the bucket, so failed batches outlive the stream's retention. The
// bucket is encrypted, private, TLS only and expires its objects; the role may only put objects
// there and list it; the failures are alarmed and charted by mapping.
import type { StackOutputs } from '../src/stack';
import type { MockRun } from './helpers/mocks';
import { deployStackFile, policyDocuments, removeFakeRepoRoots, resolve } from './helpers/mocks';

let run: MockRun;
let outputs: StackOutputs;

beforeAll(async () => {
  ({ run, outputs } = await deployStackFile('dev', 'Pulumi.dev.yaml', (raw) => ({
    'streamlens:consumer': { ...(raw['streamlens:consumer'] as object), onFailureTarget: 's3' },
  })));
});
afterAll(removeFakeRepoRoots);

const inputs = (name: string) => run.byName(name).inputs;
const state = (name: string) => run.byName(name).state;

it('the consumer mapping sends failed batches to its bucket; the aggregator keeps its queue', async () => {
  const bucketArn = state('consumer-mapping-failures')['arn'];
  expect(inputs('consumer-mapping-esm')['destinationConfig']).toEqual({ onFailure: { destinationArn: bucketArn } });
  expect(run.resources.filter((r) => r.name === 'consumer-mapping-dlq')).toEqual([]);
  expect(inputs('aggregator-mapping-esm')['destinationConfig']).toEqual({
    onFailure: { destinationArn: state('aggregator-mapping-dlq')['arn'] },
  });
  expect(await resolve(outputs.failureBuckets)).toEqual({ consumer: state('consumer-mapping-failures')['bucket'] });
  expect(Object.keys(await resolve(outputs.dlqUrls))).toEqual(['aggregator']);
});

it('the bucket: SSE, no public access, owner-enforced objects, expiry after 30 days, TLS only', () => {
  const bucket = state('consumer-mapping-failures');
  expect(inputs('consumer-mapping-failures')['bucket']).toBeUndefined(); // auto-named per stack
  expect(inputs('consumer-mapping-failures-sse')).toMatchObject({
    bucket: bucket['bucket'], // a bucket's id is its name
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
  });
  expect(inputs('consumer-mapping-failures-private')).toMatchObject({
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
  expect(inputs('consumer-mapping-failures-owner')['rule']).toEqual({ objectOwnership: 'BucketOwnerEnforced' });
  expect(inputs('consumer-mapping-failures-lifecycle')['rules']).toEqual([
    {
      id: 'expire-failure-records',
      status: 'Enabled',
      filter: { prefix: '' },
      expiration: { days: 30 },
      abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
    },
  ]);
  const policy = JSON.parse(inputs('consumer-mapping-failures-tls')['policy'] as string);
  expect(policy.Statement).toEqual([
    expect.objectContaining({
      Effect: 'Deny',
      Action: 's3:*',
      Resource: [bucket['arn'], `${bucket['arn']}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    }),
  ]);
});

it('the function role may put objects into the bucket and list it, nothing more', () => {
  const bucketArn = state('consumer-mapping-failures')['arn'];
  const statements = policyDocuments(run).get('consumer-mapping-policy')?.Statement ?? [];
  expect(statements.filter((s) => s.Sid !== 'ReadStream')).toEqual([
    { Sid: 'PutFailureRecords', Effect: 'Allow', Action: ['s3:PutObject'], Resource: [`${bucketArn}/*`] },
    { Sid: 'ListFailureBucket', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: [bucketArn] },
  ]);
});

it('failure records delivered to the bucket raise an alarm and are charted, by mapping UUID', () => {
  const uuid = state('consumer-mapping-esm')['uuid'];
  expect(inputs('alarms-consumer-failures-delivered')).toMatchObject({
    namespace: 'AWS/Lambda',
    metricName: 'OnFailureDestinationDeliveredEventCount',
    dimensions: { EventSourceMappingUUID: uuid },
    comparisonOperator: 'GreaterThanThreshold',
    threshold: 0,
  });
  const body = JSON.parse(run.ofType('aws:cloudwatch/dashboard:Dashboard')[0]?.inputs['dashboardBody'] as string) as {
    widgets: { properties: { title: string; metrics: unknown[] } }[];
  };
  expect(
    body.widgets.find((w) => w.properties.title === 'Failure records sent to S3 (sum)')?.properties.metrics,
  ).toEqual([
    ['AWS/Lambda', 'OnFailureDestinationDeliveredEventCount', 'EventSourceMappingUUID', uuid, { stat: 'Sum' }],
  ]);
});

it("the report's pipeline health counts the failure records the S3 target received, by the mapping's UUID", () => {
  const env = run.byName('report-function').inputs['environment'].variables;
  const health = JSON.parse(env['PIPELINE_HEALTH_CLOUDWATCH']);
  expect(health.failureMappings).toEqual({ consumer: run.byName('consumer-mapping-esm').state['uuid'] });
  expect(health.failureQueues['consumer']).toBeUndefined();
  expect(health.failureQueues['aggregator']).toBe(run.byName('aggregator-mapping-dlq').state['name']);
});
