import { DEFAULT_FLAGS, parseFlags } from '../../src/cli/flags';
import { UsageError } from '../../src/cli/errors';

describe('parseFlags', () => {
  it('gives the defaults with no flags', () => {
    expect(parseFlags([])).toEqual(DEFAULT_FLAGS);
  });

  it('reads every flag, in both --flag value and --flag=value forms', () => {
    const flags = parseFlags([
      '--stack',
      'prod',
      '--rate=500',
      '--duration',
      '30',
      '--drain-timeout',
      '90',
      '--shards',
      '4',
      '--data-dir',
      '/tmp/x',
      '--no-load',
      '--poison-rate',
      '0.01',
      '--seed',
      '7',
      '--ports',
      'kinesis=4568,report=0',
      '--dynamodb-endpoint=http://127.0.0.1:9000',
      '--function-errors',
      'consumer=0.01,aggregator=0',
      '--crash-on-key',
      'consumer=a=b',
      '--alerts-webhook',
      'http://localhost:9000/hook',
      '--put-events-failures=0.05',
    ]);
    expect(flags).toEqual({
      stack: 'prod',
      rate: 500,
      durationSec: 30,
      drainTimeoutSec: 90,
      shards: 4,
      dataDir: '/tmp/x',
      load: false,
      poisonRate: 0.01,
      seed: 7,
      dynamodb: 'dynalite',
      ports: { kinesis: 4568, dynamodb: 0, report: 0 },
      external: { dynamodb: 'http://127.0.0.1:9000' },
      functionErrors: { consumer: 0.01, aggregator: 0 },
      crashOnKey: { consumer: 'a=b' },
      alertsWebhook: 'http://localhost:9000/hook',
      putEventsFailures: 0.05,
      help: false,
    });
  });

  it('starts DynamoDB Local with --dynamodb dynamodb-local', () => {
    expect(parseFlags(['--dynamodb', 'dynamodb-local']).dynamodb).toBe('dynamodb-local');
    expect(parseFlags(['--dynamodb=dynalite']).dynamodb).toBe('dynalite');
  });

  it.each([
    [['--dynamodb', 'cassandra'], '--dynamodb "cassandra": must be one of dynalite, dynamodb-local'],
    [['--dynamodb'], '--dynamodb needs'],
    [
      ['--dynamodb', 'dynamodb-local', '--dynamodb-endpoint', 'http://127.0.0.1:9000'],
      'conflicts with --dynamodb-endpoint http://127.0.0.1:9000',
    ],
    [['--rate', '0'], '--rate "0": must be a number of posts per second in (0, 100000]'],
    [['--rate'], '--rate needs a value'],
    [['--duration', 'soon'], '--duration "soon": must be a number of seconds'],
    [['--shards', '2.5'], '--shards "2.5": must be an integer 1–64'],
    [['--stack', 'my stack'], '--stack "my stack": must be a stack name'],
    [
      ['--ports', 'kinesis=4567,dynamodb=4567'],
      '--ports "kinesis=4567,dynamodb=4567": gives two services the same port',
    ],
    [['--ports', 'redis=1'], '"redis=1" is not one of kinesis=N, dynamodb=N, report=N'],
    [['--ports', 'report=70000'], 'a port 0–65535 for report'],
    [['--poison-rate', '2'], '--poison-rate "2": must be a fraction 0–1'],
    [['--data-dir', '--no-load'], '--data-dir "--no-load": needs a folder'],
    [['--turbo'], '--turbo is not a flag of npm start'],
    [
      ['--kinesis-endpoint', 'localhost:4567'],
      '--kinesis-endpoint "localhost:4567": must be an http:// or https:// URL',
    ],
    [['--kinesis-endpoint', 'not a url'], '--kinesis-endpoint "not a url": must be a URL'],
    [['--dynamodb-endpoint', 'http://127.0.0.1:9/x'], 'must be a bare endpoint without a path or query'],
    [['--dynamodb-endpoint'], '--dynamodb-endpoint needs a URL'],
    [['--ports', 'kinesis=4568', '--kinesis-endpoint', 'http://127.0.0.1:4567'], 'conflicts with --ports kinesis=4568'],
    [['--function-errors', 'consumer=1'], 'a fraction in [0, 1) for consumer'],
    [['--function-errors', 'report=0.1'], '"report=0.1" is not one of consumer=F, aggregator=F, alerts=F'],
    [['--alerts-webhook', 'https://hooks.example.com/x'], 'must be an http(s) URL on loopback'],
    [['--alerts-webhook'], '--alerts-webhook needs an http(s) URL on loopback'],
    [['--put-events-failures', '1'], '--put-events-failures "1": must be a fraction in [0, 1)'],
    [
      ['--function-errors', 'consumer=0.1,consumer=0.2'],
      '--function-errors "consumer=0.1,consumer=0.2": gives consumer twice',
    ],
    [['--function-errors', 'consumer=0.1=0.2'], 'a fraction in [0, 1) for consumer'],
    [['--ports', 'report=3001,report=3002'], '--ports "report=3001,report=3002": gives report twice'],
    [['--crash-on-key', 'consumer='], '--crash-on-key "consumer=": the partition key must be 1–256 characters'],
    [['--crash-on-key', 'consumer'], 'the partition key must be 1–256 characters'],
    [
      ['--crash-on-key', 'aggregator=k'],
      '--crash-on-key "aggregator=k": must be consumer=KEY (the aggregator does not bisect',
    ],
    [['--crash-on-key', `consumer=${'k'.repeat(257)}`], 'the partition key must be 1–256 characters'],
  ])('rejects %j naming the flag', (argv, message) => {
    expect(() => parseFlags(argv)).toThrow(UsageError);
    expect(() => parseFlags(argv)).toThrow(message);
  });
});
