// A stack file's mistakes as `npm start` and `pulumi preview` show them. Each file of the table
// goes through both paths: the built local stack (what `npm start` runs) and the Pulumi program
// loaded the way the Pulumi CLI loads it (its language host, ts-node, PULUMI_CONFIG as the CLI
// passes it, resources mocked). Both must give the same verdict; a refusal must exit non-zero,
// name the key, show no stack trace or object dump, start nothing, and reach a piped reader whole.
import { pulumiConfigFromStackFile, runProgramAsCli } from '@streamlens/infra/testing';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

jest.setTimeout(1_800_000);

const ROOT = resolve(__dirname, '../../../..');
const BUNDLE = join(ROOT, 'dist/apps/local/main.cjs');
const DEV = readFileSync(join(ROOT, 'Pulumi.dev.yaml'), 'utf8');

/** `file` with `from` replaced; throws when `from` is not there, so an edit of the stack file cannot leave a case testing the file as shipped. */
function edit(file: string, from: string | RegExp, to: string): string {
  const found =
    typeof from === 'string' ? file.includes(from) : new RegExp(from.source, from.flags.replace('g', '')).test(file);
  if (!found) throw new Error(`the dev stack file no longer holds ${String(from)}: update this case`);
  return file.replace(from, to);
}

// The consumer's batch size as the dev stack sets it (the first mapping section).
const BATCH = /^ {4}batchSize: (\d+)$/m.exec(DEV)?.[1] ?? 'missing';
const BATCH_LINE = `    batchSize: ${BATCH}`;

/** The dev stack file with one section's YAML replaced (or added). */
function devWith(section: string, yaml: string): string {
  const lines = DEV.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`  ${section}:`));
  if (start < 0) return `${DEV.trimEnd()}\n${yaml}\n`;
  let end = start + 1;
  while (end < lines.length && /^ {4}|^\s*$/.test(lines[end] as string)) end++;
  return [...lines.slice(0, start), yaml.trimEnd(), ...lines.slice(end)].join('\n');
}

const NO_CONSUMER_FILTERS =
  '    filters: []\n    function:\n      memoryMb: 512\n      timeoutSeconds: 60\n  streamlens:aggregator';

/** The dev stack with the consumer's filters given as YAML list items, aggregation on or off. */
function devWithFilters(items: readonly string[], options: { readonly aggregation: boolean }): string {
  const file = options.aggregation ? DEV : edit(DEV, '    aggregation: true', '    aggregation: false');
  const filters = `    filters:\n${items.map((item) => `      - ${item}`).join('\n')}\n`;
  return edit(file, NO_CONSUMER_FILTERS, NO_CONSUMER_FILTERS.replace('    filters: []\n', filters));
}

interface Case {
  readonly name: string;
  readonly file: string;
  /** `accepted`, or the key (as the message shows it) each path must name. */
  readonly verdict: 'accepted' | { readonly names: readonly string[] };
}

// As many unknown keys as the CLI can pass: it hands the program its config in one environment
// variable, which Linux caps at 128 KiB (the 20,000-key file is npm start's alone, below).
const MANY_KEYS = 4_000;

function withUnknownKeys(count: number): string {
  const keys = Array.from({ length: count }, (_, i) => `    unknownKey${i}: ${i}`).join('\n');
  return devWith('streamlens:network', `  streamlens:network:\n    vpc: false\n${keys}`);
}

const CASES: readonly Case[] = [
  { name: 'the dev stack as shipped', file: DEV, verdict: 'accepted' },
  {
    name: 'unusual but valid: on-demand, customer key, no aggregation, filters of every operator kind',
    file: devWithFilters(
      [
        '{ data: { file: [{ suffix: .png }], who: [{ equals-ignore-case: Ann }], path: [{ wildcard: "*/x/*" }] } }',
        `'{"data": {"likes": [1.50, {"numeric": [">", 2, "<=", 3.0]}], "tag": [{"anything-but": {"prefix": "bot"}}]}}'`,
      ],
      { aggregation: false },
    ).replace(
      / {2}streamlens:stream:\n(?: {4}.*\n)+/,
      '  streamlens:stream: { mode: on-demand, encryption: customer-key, kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" }\n',
    ),
    verdict: 'accepted',
  },
  {
    name: 'YAML merge keys (the Pulumi CLI merges them)',
    file: devWith('streamlens:aggregator', '  streamlens:aggregator:\n    <<: *consumer\n    batchSize: 1000').replace(
      '  streamlens:consumer:',
      '  streamlens:consumer: &consumer',
    ),
    verdict: 'accepted',
  },
  {
    name: 'a section given as a string of JSON (Pulumi decodes structured config)',
    file: devWith('streamlens:network', '  streamlens:network: \'{"vpc": false}\''),
    verdict: 'accepted',
  },
  {
    name: 'a number written as a string',
    file: edit(DEV, BATCH_LINE, `    batchSize: "${BATCH}"`),
    verdict: { names: ['streamlens:consumer.batchSize'] },
  },
  {
    name: 'out of range',
    file: edit(DEV, BATCH_LINE, '    batchSize: 0'),
    verdict: { names: ['streamlens:consumer.batchSize'] },
  },
  {
    name: 'a misspelt key',
    file: edit(DEV, BATCH_LINE, `    batchSise: ${BATCH}`),
    verdict: { names: ['streamlens:consumer.batchSise: unknown key; did you mean "batchSize"?'] },
  },
  {
    name: 'an invisible character in a key, shown escaped',
    file: edit(DEV, BATCH_LINE, `    batch\u200bSize: ${BATCH}`),
    verdict: { names: ['streamlens:consumer.batch\\u200bSize: unknown key; did you mean "batchSize"?'] },
  },
  {
    name: 'a near-miss namespace',
    file: edit(DEV, '  streamlens:consumer:', '  streamlen:consumer:'),
    verdict: { names: ['streamlen:consumer: unknown namespace "streamlen"; did you mean "streamlens:consumer"?'] },
  },
  {
    name: 'a look-alike letter in the namespace',
    file: edit(DEV, '  streamlens:consumer:', '  streaml\u0435ns:consumer:'),
    verdict: {
      names: ['streaml\\u0435ns:consumer: unknown namespace "streaml\\u0435ns"; did you mean "streamlens:consumer"?'],
    },
  },
  {
    name: 'a section under the aws namespace',
    file: edit(DEV, '  streamlens:consumer:', '  aws:consumer:'),
    verdict: {
      names: ['aws:consumer: is a StreamLens section under the aws namespace; did you mean "streamlens:consumer"?'],
    },
  },
  {
    name: 'a key without a namespace (the Pulumi CLI refuses it)',
    file: edit(DEV, '  streamlens:consumer:', '  consumer:'),
    verdict: { names: ['consumer'] },
  },
  {
    name: 'the keys written outside config:',
    file: edit(DEV, 'config:\n', '').replace(/^ {2}/gm, ''),
    verdict: { names: ['aws:region'] },
  },
  {
    name: 'a plausible region typo',
    file: edit(DEV, 'aws:region: eu-west-1', 'aws:region: eu-wset-1'),
    verdict: { names: ['aws:region: is not a region the aws provider knows; did you mean "eu-west-1"?'] },
  },
  { name: 'no region', file: edit(DEV, '  aws:region: eu-west-1\n', ''), verdict: { names: ['aws:region'] } },
  {
    name: 'a Kinesis metadata filter (AWS filters Kinesis on data only)',
    file: devWithFilters(['{ partitionKey: [{ prefix: vip- }] }'], { aggregation: false }),
    verdict: { names: ['streamlens:consumer.filters[0].partitionKey'] },
  },
  {
    name: 'a malformed operator in a filter',
    file: devWithFilters(['{ data: { file: [{ suffix: 1 }] } }'], { aggregation: false }),
    verdict: { names: ['streamlens:consumer.filters[0].data.file[0].suffix'] },
  },
  {
    name: 'filters while records are KPL-aggregated (a contradiction)',
    file: devWithFilters(['{ data: { lang: [en] } }'], { aggregation: true }),
    verdict: { names: ['streamlens:consumer.filters'] },
  },
  {
    name: 'unbounded retries without the opt-in',
    file: edit(DEV, '    maximumRetryAttempts: 5', '    maximumRetryAttempts: -1'),
    verdict: { names: ['streamlens:consumer.maximumRetryAttempts'] },
  },
  {
    name: 'a section that is plain text',
    file: devWith('streamlens:network', '  streamlens:network: fast'),
    verdict: { names: ['streamlens:network: must be a mapping'] },
  },
  {
    name: `${MANY_KEYS.toLocaleString('en')} unknown keys (long output, piped)`,
    file: withUnknownKeys(MANY_KEYS),
    verdict: { names: ['streamlens:network.unknownKey0', `… and ${MANY_KEYS - 50} more (the first 50 are listed)`] },
  },
];

interface Outcome {
  readonly code: number | null;
  readonly out: string;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'streamlens-verdicts-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `npm start -- --stack NAME` on a repository holding only the stack file (no bundles: an accepted config stops there). */
function npmStart(stack: string, dataDir: string): Promise<Outcome> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BUNDLE, '--stack', stack, '--no-load', '--data-dir', dataDir], {
      env: { ...process.env, STREAMLENS_REPO_ROOT: dir, FORCE_COLOR: '0' },
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('close', (code) => done({ code, out }));
  });
}

async function pulumiPreview(stack: string, file: string): Promise<Outcome> {
  const cli = pulumiConfigFromStackFile(file);
  if (!cli.ok) return { code: 255, out: `error: ${cli.error}` };
  const run = await runProgramAsCli({ repoRoot: ROOT, stack, config: cli.config });
  return { code: run.code, out: run.stdout + run.stderr };
}

const STACK_TRACE = /\n\s+at \S+ \(|\bat Object\.<anonymous>/;
const OBJECT_DUMP = /\{\s*issues:|\[Symbol\(|stackName:/;

describe('one verdict for every stack file on both paths', () => {
  it.each(CASES.map((c, i) => [c.name, c, i] as const))('%s', async (_name, c, i) => {
    // prepare
    const stack = `case${i}`;
    writeFileSync(join(dir, `Pulumi.${stack}.yaml`), c.file);
    const dataDir = join(dir, `data-${stack}`);
    mkdirSync(dataDir);
    // act: both paths at once
    const [local, pulumi] = await Promise.all([npmStart(stack, dataDir), pulumiPreview(stack, c.file)]);
    // assess
    const accepted = {
      local: !local.out.includes('Invalid StreamLens stack config') && /the \w+ bundle is missing/.test(local.out),
      pulumi: pulumi.code === 0,
    };
    if (c.verdict === 'accepted') {
      expect({ accepted, local: local.out, pulumi: pulumi.out }).toMatchObject({
        accepted: { local: true, pulumi: true },
      });
      return;
    }
    expect({ accepted, local: local.code }).toEqual({ accepted: { local: false, pulumi: false }, local: 1 });
    expect(pulumi.code).not.toBe(0);
    for (const out of [local.out, pulumi.out]) {
      for (const name of c.verdict.names) expect(out).toContain(name);
      expect(out).not.toMatch(STACK_TRACE);
      expect(out).not.toMatch(OBJECT_DUMP);
    }
    // Nothing started: the emulators write under the data dir as soon as they run.
    expect(existsSync(dataDir) ? readdirSync(dataDir) : []).toEqual([]);
    expect(local.out).not.toContain('is running');
  });
});

it('npm start writes a 20,000-problem verdict whole to a pipe, capped with the count of the rest', async () => {
  // prepare
  writeFileSync(join(dir, 'Pulumi.many.yaml'), withUnknownKeys(20_000));
  const dataDir = join(dir, 'data-many');
  mkdirSync(dataDir);
  // act
  const { code, out } = await npmStart('many', dataDir);
  // assess
  expect(code).toBe(1);
  const lines = out.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^error: Invalid StreamLens stack config \(stack "many", .*\): 20000 problems$/);
  expect(lines.filter((l) => l.startsWith('  streamlens:network.unknownKey'))).toHaveLength(50);
  expect(lines[lines.length - 1]).toBe('  … and 19950 more (the first 50 are listed)');
  expect(readdirSync(dataDir)).toEqual([]);
});
