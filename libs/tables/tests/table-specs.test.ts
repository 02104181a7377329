import { listTableSpecs, localTableName } from '../src';

describe('TABLE_SPECS', () => {
  it('gives every table a string pk/sk key schema so repositories own the item layout', () => {
    for (const spec of listTableSpecs()) {
      expect(spec.hashKey).toEqual({ name: 'pk', type: 'S' });
      expect(spec.rangeKey).toEqual({ name: 'sk', type: 'S' });
    }
  });

  it('lists the data tables, each expiring by TTL', () => {
    expect(listTableSpecs().map((s) => [s.logicalName, s.ttlAttribute])).toEqual([
      ['posts', 'expiresAt'],
      ['trends', 'expiresAt'],
      ['quarantine', 'expiresAt'],
      ['alerts', 'expiresAt'],
    ]);
  });

  it('streams only the trends table, with old and new images for the alerts function', () => {
    expect(listTableSpecs().map((s) => [s.logicalName, s.stream?.viewType])).toEqual([
      ['posts', undefined],
      ['trends', 'NEW_AND_OLD_IMAGES'],
      ['quarantine', undefined],
      ['alerts', undefined],
    ]);
  });
});

describe('localTableName', () => {
  it('derives a per-stack name so two stacks never share a table', () => {
    expect(localTableName('dev', 'posts')).toBe('streamlens-dev-posts');
    expect(localTableName('prod', 'posts')).not.toBe(localTableName('dev', 'posts'));
  });

  it('rejects a stack name DynamoDB would refuse, naming it', () => {
    expect(() => localTableName('my stack', 'posts')).toThrow('stack name "my stack"');
  });
});
