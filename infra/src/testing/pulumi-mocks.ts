// Pulumi mocks that record every registered resource and answer like AWS would: computed
// outputs (arn, name, url) derived from the logical name and the stack, so two stacks get
// different "auto-generated" names just as Pulumi's random suffix would give them.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as pulumi from '@pulumi/pulumi';
import { parse } from 'yaml';

/** One registered resource. */
export interface Captured {
  readonly stack: string;
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  // Inputs as the engine received them (resolved JSON-like values).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly inputs: Record<string, any>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly state: Record<string, any>;
}

export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';
export const REPO_ROOT = path.resolve(__dirname, '../../..');

/** Physical name Pulumi would generate: `<logical>-<7 hex>`, the suffix varying by stack. */
export function autoName(stack: string, logical: string): string {
  return `${logical}-${createHash('sha256').update(`${stack}/${logical}`).digest('hex').slice(0, 7)}`;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function computed(stack: string, type: string, name: string, inputs: Record<string, any>): Record<string, unknown> {
  const physical = (inputs['name'] as string | undefined) ?? autoName(stack, name);
  const arn = (service: string, resource: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;
  switch (type) {
    case 'aws:kinesis/stream:Stream':
      return { name: physical, arn: arn('kinesis', `stream/${physical}`) };
    case 'aws:dynamodb/table:Table':
      return {
        name: physical,
        arn: arn('dynamodb', `table/${physical}`),
        ...(inputs['streamEnabled']
          ? { streamArn: arn('dynamodb', `table/${physical}/stream/2026-12-05T00:00:00.000`) }
          : {}),
      };
    case 'aws:cloudwatch/eventBus:EventBus':
      return { name: physical, arn: arn('events', `event-bus/${physical}`) };
    case 'aws:cloudwatch/eventRule:EventRule':
      return { name: physical, arn: arn('events', `rule/${physical}`) };
    case 'aws:cloudwatch/eventArchive:EventArchive':
      return { name: physical, arn: arn('events', `archive/${physical}`) };
    case 'aws:cloudwatch/eventConnection:EventConnection':
      return { name: physical, arn: arn('events', `connection/${physical}`) };
    case 'aws:cloudwatch/eventApiDestination:EventApiDestination':
      return { name: physical, arn: arn('events', `api-destination/${physical}`) };
    case 'aws:iam/role:Role':
      return { name: physical, arn: `arn:aws:iam::${ACCOUNT}:role/${physical}` };
    case 'aws:iam/rolePolicy:RolePolicy':
      return { name: physical };
    case 'aws:lambda/function:Function': {
      const fnArn = arn('lambda', `function:${physical}`);
      return {
        name: physical,
        arn: fnArn,
        invokeArn: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${fnArn}/invocations`,
      };
    }
    case 'aws:cloudwatch/logGroup:LogGroup':
      return { name: physical, arn: arn('logs', `log-group:${physical}`) };
    case 'aws:kinesis/streamConsumer:StreamConsumer':
      return { name: physical, arn: `${inputs['streamArn'] as string}/consumer/${physical}:1700000000` };
    case 'aws:s3/bucket:Bucket': {
      const bucket = (inputs['bucket'] as string | undefined) ?? autoName(stack, name);
      return { bucket, arn: `arn:aws:s3:::${bucket}` };
    }
    case 'aws:sqs/queue:Queue':
      return {
        name: physical,
        arn: arn('sqs', physical),
        url: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${physical}`,
      };
    case 'aws:kms/key:Key':
      return { arn: arn('kms', `key/${autoName(stack, name)}`), keyId: autoName(stack, name) };
    case 'aws:sns/topic:Topic':
      return { name: physical, arn: arn('sns', physical) };
    case 'aws:cloudwatch/metricAlarm:MetricAlarm':
      return { name: physical, arn: arn('cloudwatch', `alarm:${physical}`) };
    case 'aws:lambda/functionUrl:FunctionUrl':
      return { functionUrl: `https://${autoName(stack, name).slice(-7)}.lambda-url.${REGION}.on.aws/` };
    case 'aws:lambda/eventSourceMapping:EventSourceMapping':
      return { uuid: `uuid-${autoName(stack, name)}` };
    case 'aws:apigatewayv2/api:Api': {
      const id = autoName(stack, name).slice(-7);
      return { apiEndpoint: `https://${id}.execute-api.${REGION}.amazonaws.com`, executionArn: arn('execute-api', id) };
    }
    case 'aws:apigatewayv2/stage:Stage':
      return { invokeUrl: `https://api-${autoName(stack, name).slice(-7)}.execute-api.${REGION}.amazonaws.com/` };
    case 'awsx:ec2:Vpc':
      return { vpcId: `vpc-${autoName(stack, name).slice(-7)}`, privateSubnetIds: ['subnet-a', 'subnet-b'] };
    default:
      return {};
  }
}

/** The capture of one or more mocked runs. */
export interface MockRun {
  readonly resources: Captured[];
  /** Custom resources of a type, optionally of one stack. */
  ofType(type: string, stack?: string): Captured[];
  /** The custom resource of a logical name (throws if absent). */
  byName(name: string, stack?: string): Captured;
  /** Switches the mocks to another stack (resets Pulumi's per-run state). */
  useStack(stack: string): Promise<void>;
}

/** Installs the mocks for `stack`. Call before the program creates resources. */
export async function installMocks(stack: string, project = 'streamlens'): Promise<MockRun> {
  const resources: Captured[] = [];
  let current = stack;
  const mocks: pulumi.runtime.Mocks = {
    newResource(args) {
      const state = { ...args.inputs, ...computed(current, args.type, args.name, args.inputs) };
      resources.push({
        stack: current,
        type: args.type,
        name: args.name,
        custom: args.custom ?? false,
        inputs: args.inputs,
        state,
      });
      // A bucket's id is its name in AWS (and so differs per stack); other ids need not.
      return { id: (state['bucket'] as string | undefined) ?? `${args.name}-id`, state };
    },
    call(args) {
      if (args.token === 'aws:kms/getAlias:getAlias') {
        return {
          targetKeyArn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
          name: args.inputs['name'],
        };
      }
      if (args.token === 'aws:index/getCallerIdentity:getCallerIdentity') {
        return { accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/deployer`, userId: 'AIDEXAMPLE' };
      }
      if (args.token === 'aws:index/getPartition:getPartition') return { partition: 'aws', dnsSuffix: 'amazonaws.com' };
      if (args.token === 'aws:secretsmanager/getSecretVersion:getSecretVersion') {
        return { ...args.inputs, secretString: `value-of-${String(args.inputs['secretId'])}` };
      }
      return args.inputs;
    },
  };
  await pulumi.runtime.setMocks(mocks, project, stack, false);
  const run: MockRun = {
    resources,
    ofType: (type, onStack) =>
      resources.filter((r) => r.custom && r.type === type && (!onStack || r.stack === onStack)),
    byName(name, onStack) {
      const found = resources.find((r) => r.custom && r.name === name && (!onStack || r.stack === onStack));
      if (!found)
        throw new Error(
          `no resource named ${name}; have ${resources
            .filter((r) => r.custom)
            .map((r) => r.name)
            .join(', ')}`,
        );
      return found;
    },
    async useStack(next) {
      current = next;
      await pulumi.runtime.setMocks(mocks, project, next, false);
    },
  };
  return run;
}

/** Waits until every pending resource registration reached the mocks. */
export async function settle(): Promise<void> {
  // waitForRPCs is internal to @pulumi/pulumi (no typings); it drains the registration queue.
  const settings = require('@pulumi/pulumi/runtime/settings') as { waitForRPCs(): Promise<void> };
  await settings.waitForRPCs();
}

/** The value of an Output. */
export function resolve<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((done) => output.apply((value) => done(value)));
}

/** Loads `Pulumi.<stack>.yaml` of the repo into Pulumi's config, replacing what was set. */
export function useStackFile(file: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const doc = parse(fs.readFileSync(path.join(REPO_ROOT, file), 'utf8')) as { config: Record<string, unknown> };
  const entries = { ...doc.config, ...overrides };
  const config: Record<string, string> = {};
  for (const [key, value] of Object.entries(entries)) {
    if (key.startsWith('streamlens:') || key.startsWith('aws:')) {
      config[key] = typeof value === 'string' ? value : JSON.stringify(value);
    }
  }
  pulumi.runtime.setAllConfig(config, []);
  return entries;
}

const fakeRoots: string[] = [];

/** Deletes the roots fakeRepoRoot made (call in afterAll). */
export function removeFakeRepoRoots(): void {
  for (const root of fakeRoots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
}

/** A throwaway repo root with stub bundles (handler, source map, an unrelated output) for every app. */
export function fakeRepoRoot(
  apps: readonly string[] = ['consumer', 'aggregator', 'report', 'producer', 'alerts'],
): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'streamlens-infra-'));
  fakeRoots.push(root);
  for (const app of apps) {
    fs.mkdirSync(path.join(root, 'dist', 'apps', app), { recursive: true });
    const dir = path.join(root, 'dist', 'apps', app);
    fs.writeFileSync(path.join(dir, 'main.cjs'), 'exports.handler = async () => ({});\n');
    fs.writeFileSync(path.join(dir, 'main.cjs.map'), '{"version":3,"sources":[],"mappings":""}\n');
    // Other build outputs beside the handler (the producer's load generator) must stay out of the zip.
    fs.writeFileSync(path.join(dir, 'load.cjs'), '// not a handler\n');
  }
  return root;
}

/** Parses every RolePolicy document captured (name → document). */
export function policyDocuments(
  run: MockRun,
  stack?: string,
): Map<string, { Statement: { Sid: string; Action: string[]; Resource: string[]; Condition?: unknown }[] }> {
  return new Map(
    run.ofType('aws:iam/rolePolicy:RolePolicy', stack).map((p) => [p.name, JSON.parse(p.inputs['policy'] as string)]),
  );
}

/** Every ARN the mocked resources of a stack expose (resources this stack owns). */
export function ownedArns(run: MockRun, stack?: string): string[] {
  // A table's stream has an ARN of its own (streamArn), owned by the same table.
  return run.resources
    .filter((r) => r.custom && (!stack || r.stack === stack))
    .flatMap((r) => ['arn', 'streamArn'].map((k) => r.state[k]).filter((a): a is string => typeof a === 'string'));
}
