// The function log sink keeps lines per function and totals their EMF metrics for the status line.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FunctionLogSink } from '../../src/pipeline/function-logs';
import { emfLine as emf } from '../helpers/emf-line';

describe('FunctionLogSink', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'streamlens-logs-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes each function to its own file and totals its metrics separately', async () => {
    // prepare
    const sink = new FunctionLogSink(dir);
    // act
    sink.write('consumer', emf({ Quarantined: 4 }));
    sink.write('consumer', '{"level":"INFO","message":"hi"}');
    sink.write('aggregator', emf({ Quarantined: 7 }));
    await sink.close();
    // assess
    expect(sink.metricTotal('consumer', 'Quarantined')).toBe(4);
    expect(sink.metricTotal('aggregator', 'Quarantined')).toBe(7);
    expect(sink.metricTotal('report', 'Quarantined')).toBe(0);
    expect(readFileSync(join(dir, 'consumer.log'), 'utf8').trim().split('\n')).toHaveLength(2);
    expect(sink.lines.get('aggregator')).toBe(1);
  });
});
