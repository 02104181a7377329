// Unit: config entries as the Pulumi CLI passes them (and a stack file holds them) — the one path
// to a StackConfig for `pulumi preview` and `npm start`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigValidationError, MAX_LISTED_ISSUES, parseConfigEntries, readStackConfigFile } from '../src';

function problems(entries: Record<string, unknown>): string[] {
  try {
    parseConfigEntries({ 'aws:region': 'eu-west-1', ...entries });
  } catch (err) {
    if (err instanceof ConfigValidationError) return err.issues.map((i) => `${i.key}: ${i.message.split(' (got')[0]}`);
    throw err;
  }
  return [];
}

describe('parseConfigEntries', () => {
  it.each([
    [
      'a near-miss namespace',
      { 'streamlen:consumer': '{}' },
      'streamlen:consumer: unknown namespace "streamlen"; did you mean "streamlens:consumer"?',
    ],
    [
      'a namespace in capitals',
      { 'StreamLens:consumer': '{}' },
      'StreamLens:consumer: unknown namespace "StreamLens"; did you mean "streamlens:consumer"?',
    ],
    [
      'a look-alike letter',
      { 'streaml\u0435ns:tables': '{}' },
      'streaml\\u0435ns:tables: unknown namespace "streaml\\u0435ns"; did you mean "streamlens:tables"?',
    ],
    [
      'a misspelt section under a near-miss namespace',
      { 'streamlen:consumr': '{}' },
      'streamlen:consumr: unknown namespace "streamlen"; did you mean "streamlens:consumer"?',
    ],
    [
      'a section under aws',
      { 'aws:consumer': '{}' },
      'aws:consumer: is a StreamLens section under the aws namespace; did you mean "streamlens:consumer"?',
    ],
    [
      'a near miss of aws',
      { 'awz:region': 'eu-west-1' },
      'awz:region: unknown namespace "awz"; did you mean "aws:region"?',
    ],
    [
      'a key without a namespace',
      { consumer: '{}' },
      'consumer: has no namespace, which the Pulumi CLI refuses; did you mean "streamlens:consumer"?',
    ],
    [
      'a region typo',
      { 'aws:region': 'eu-wset-1' },
      'aws:region: is not a region the aws provider knows; did you mean "eu-west-1"?',
    ],
  ])('refuses %s, naming the key', (_what, entries, expected) => {
    expect(problems(entries)).toEqual([expected]);
  });

  it("leaves other tools' namespaces and the aws provider's own keys alone", () => {
    expect(
      problems({
        'datadog:apiKey': 'x',
        'aws:profile': 'dev',
        'pulumi:tags': '{}',
        'kubernetes:context': 'c',
        'awsx:x': '1',
      }),
    ).toEqual([]);
  });

  it('decodes a section given as JSON text (all the program sees of structured config) and reads it as a mapping', () => {
    const config = parseConfigEntries({ 'aws:region': 'eu-west-1', 'streamlens:network': '{"vpc": true}' });
    expect(config.network.vpc).toBe(true);
    expect(problems({ 'streamlens:network': 'fast' })).toEqual(['streamlens:network: must be a mapping of keys']);
  });
});

describe('readStackConfigFile', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'streamlens-entries-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function read(text: string): string[] {
    const file = join(dir, 'Pulumi.test.yaml');
    writeFileSync(file, text);
    try {
      readStackConfigFile(file);
    } catch (err) {
      if (err instanceof ConfigValidationError)
        return err.issues.map((i) => `${i.key}: ${i.message.split(' (got')[0]}`);
      throw err;
    }
    return [];
  }

  it('merges YAML merge keys, as the Pulumi CLI does', () => {
    const text = [
      'config:',
      '  aws:region: eu-west-1',
      '  streamlens:consumer: &mapping',
      '    batchSize: 250',
      '  streamlens:aggregator:',
      '    <<: *mapping',
      '    tumblingWindowInSeconds: 60',
    ].join('\n');
    expect(read(text)).toEqual([]);
  });

  it('names the keys written outside config:, not only the region they then lack', () => {
    expect(read('aws:region: eu-west-1\nstreamlens:consumer:\n  batchSize: 250\n')).toEqual([
      'aws:region: is outside `config:`; indent it under config:',
      'streamlens:consumer: is outside `config:`; indent it under config:',
    ]);
  });

  it(`lists ${MAX_LISTED_ISSUES} problems in its message and counts the rest (all stay in issues)`, () => {
    const keys = Array.from({ length: 120 }, (_, i) => `    k${i}: ${i}`).join('\n');
    const file = join(dir, 'Pulumi.many.yaml');
    writeFileSync(file, `config:\n  aws:region: eu-west-1\n  streamlens:network:\n${keys}\n`);
    let error: ConfigValidationError | undefined;
    try {
      readStackConfigFile(file);
    } catch (err) {
      error = err as ConfigValidationError;
    }
    expect(error?.issues).toHaveLength(120);
    const lines = error?.message.split('\n') ?? [];
    expect(lines).toHaveLength(1 + MAX_LISTED_ISSUES + 1);
    expect(lines[lines.length - 1]).toBe(`  … and 70 more (the first ${MAX_LISTED_ISSUES} are listed)`);
  });
});
