// Reading the raw `streamlens` namespace out of Pulumi's config map.
import { readRawConfig } from '../../src/program';

it('takes every streamlens key (typos included), decodes JSON, adds the region', () => {
  const raw = readRawConfig({
    'streamlens:stream': '{"mode":"on-demand","retentionHours":24}',
    'streamlens:consumr': '{"batchSize":1}',
    'streamlens:network': 'vpc',
    'aws:region': 'eu-west-1',
    'aws:profile': 'dev',
    'other:key': '1',
  });
  expect(raw).toEqual({
    stream: { mode: 'on-demand', retentionHours: 24 },
    consumr: { batchSize: 1 },
    network: 'vpc',
    region: 'eu-west-1',
  });
});

it('leaves region out when aws:region is not set', () => {
  expect(readRawConfig({})).toEqual({});
});
