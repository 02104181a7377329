// Reading Pulumi.<stack>.yaml from disk: namespaces, YAML errors with lines, missing files.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ConfigFileNotFoundError,
  ConfigFileSyntaxError,
  ConfigValidationError,
  InvalidStackNameError,
  loadStackConfig,
  readStackConfigFile,
} from '../src';
import { thrown } from './helpers/raw-config';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'streamlens-config-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeStack(stack: string, text: string): string {
  const file = path.join(dir, `Pulumi.${stack}.yaml`);
  writeFileSync(file, text);
  return file;
}

describe('loadStackConfig / readStackConfigFile', () => {
  it('reads streamlens: keys and aws:region, ignoring other namespaces', () => {
    // prepare
    writeStack(
      'mini',
      [
        'encryptionsalt: v1:abc',
        'config:',
        '  aws:region: us-east-2',
        '  aws:profile: someone',
        '  other:setting: 42',
        '  streamlens:stream:',
        '    mode: provisioned',
        '    shardCount: 3',
      ].join('\n'),
    );

    // act
    const config = loadStackConfig('mini', dir);

    // assess
    expect(config.region).toBe('us-east-2');
    expect(config.stream).toEqual({
      mode: 'provisioned',
      shardCount: 3,
      retentionHours: 24,
      encryption: 'aws-managed',
    });
  });

  it('names the file and line of a YAML syntax error', () => {
    // prepare
    const file = writeStack(
      'broken',
      [
        'config:',
        '  aws:region: eu-west-1',
        '  streamlens:stream:',
        '    mode: [provisioned',
        '  streamlens:network: {}',
      ].join('\n'),
    );

    // act
    const error = thrown(() => loadStackConfig('broken', dir));

    // assess
    expect(error).toBeInstanceOf(ConfigFileSyntaxError);
    const syntax = error as ConfigFileSyntaxError;
    expect(syntax.path).toBe(file);
    expect(syntax.line).toBe(5);
    expect(error.message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:5:\\d+: invalid YAML: `));
  });

  it('treats a duplicate key as a syntax error at its line', () => {
    writeStack(
      'dup',
      ['config:', '  aws:region: eu-west-1', '  streamlens:network: {}', '  streamlens:network: { vpc: true }'].join(
        '\n',
      ),
    );
    const error = thrown(() => loadStackConfig('dup', dir)) as ConfigFileSyntaxError;
    expect(error).toBeInstanceOf(ConfigFileSyntaxError);
    expect(error.line).toBe(4);
  });

  it('throws a typed error naming the path of a missing file', () => {
    // act
    const error = thrown(() => loadStackConfig('nope', dir));

    // assess
    expect(error).toBeInstanceOf(ConfigFileNotFoundError);
    expect((error as ConfigFileNotFoundError).path).toBe(path.join(dir, 'Pulumi.nope.yaml'));
    expect(error.message).toContain(path.join(dir, 'Pulumi.nope.yaml'));
  });

  it('refuses a stack name that would escape the directory', () => {
    expect(() => loadStackConfig('../etc/passwd', dir)).toThrow(InvalidStackNameError);
  });

  it('requires aws:region and rejects streamlens:region, naming the file and stack', () => {
    // prepare
    const file = writeStack('noregion', ['config:', '  streamlens:region: eu-west-1'].join('\n'));

    // act
    const error = thrown(() => loadStackConfig('noregion', dir)) as ConfigValidationError;

    // assess
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect(error.issues.map((i) => i.key)).toEqual(['aws:region', 'streamlens:region']);
    expect(error.source).toBe(file);
    expect(error.message.split('\n')[0]).toBe(
      `Invalid StreamLens stack config (stack "noregion", ${file}): 2 problems`,
    );
  });

  it('rejects a file whose config is not a mapping', () => {
    const file = writeStack('list', 'config:\n  - a\n');
    const error = thrown(() => readStackConfigFile(file)) as ConfigValidationError;
    expect(error.issues.map((i) => i.key)).toEqual(['config', 'aws:region']);
  });
});
