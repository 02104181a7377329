// EMF metric totals for the status line: declared numeric metrics only, other lines ignored.
import { addEmfMetrics } from '../../src/pipeline/emf-metrics';
import { emfLine as emf } from '../helpers/emf-line';

describe('addEmfMetrics', () => {
  it('adds every declared numeric metric and ignores other lines', () => {
    // prepare
    const totals = new Map<string, number>();
    // act
    addEmfMetrics(emf({ Quarantined: 3, PostsWritten: 10 }), totals);
    addEmfMetrics(emf({ Quarantined: 2 }), totals);
    addEmfMetrics('{"level":"WARN","message":"record quarantined","Quarantined":100}', totals);
    addEmfMetrics('{"_aws": not json', totals);
    addEmfMetrics(emf({ Quarantined: 'many' }), totals);
    // assess
    expect(Object.fromEntries(totals)).toEqual({ Quarantined: 5, PostsWritten: 10 });
  });
});
