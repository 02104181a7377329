import { TABLE_SPECS, listTableSpecs, localTableName } from '../src';

describe('TABLE_SPECS', () => {
  it('gives every table a string pk/sk key schema so repositories own the item layout', () => {
    for (const spec of listTableSpecs({ includeLocalOnly: true })) {
      expect(spec.hashKey).toEqual({ name: 'pk', type: 'S' });
      expect(spec.rangeKey).toEqual({ name: 'sk', type: 'S' });
    }
  });

  it('keeps local-only runtime tables out of what infra provisions', () => {
    const deployed = listTableSpecs({ includeLocalOnly: false }).map((s) => s.logicalName);
    expect(deployed).toEqual(['posts', 'trends', 'quarantine']);
    expect(listTableSpecs({ includeLocalOnly: true })).toHaveLength(5);
  });

  it('expires data tables by TTL but never the local checkpoints', () => {
    expect(TABLE_SPECS.posts.ttlAttribute).toBe('expiresAt');
    expect('ttlAttribute' in TABLE_SPECS.checkpoints).toBe(false);
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
