// Unit: what a function's answer means for its batch (ReportBatchItemFailures, window state).
import { judgeResponse } from '../src/batch-response';

const SEQS = ['9', '10', '11']; // lengths differ: string order would put "10" and "11" before "9"
const RBIF = { reportBatchItemFailures: true, windowed: false };

describe('judgeResponse', () => {
  it.each([
    [
      'lowest listed sequence number, compared as BigInt',
      { batchItemFailures: [{ itemIdentifier: '11' }, { itemIdentifier: '9' }] },
      { kind: 'partial', failedIndex: 0 },
    ],
    ['a failure in the middle', { batchItemFailures: [{ itemIdentifier: '10' }] }, { kind: 'partial', failedIndex: 1 }],
    ['empty list', { batchItemFailures: [] }, { kind: 'success' }],
    ['null list', { batchItemFailures: null }, { kind: 'success' }],
    ['null response', null, { kind: 'success' }],
    ['undefined response', undefined, { kind: 'success' }],
    ['empty object', {}, { kind: 'success' }],
    ['empty identifier', { batchItemFailures: [{ itemIdentifier: '' }] }, { kind: 'failed' }],
    ['null identifier', { batchItemFailures: [{ itemIdentifier: null }] }, { kind: 'failed' }],
    ['wrong key', { batchItemFailures: [{ ItemIdentifier: '10' }] }, { kind: 'failed' }],
    ['numeric identifier', { batchItemFailures: [{ itemIdentifier: 10 }] }, { kind: 'failed' }],
    ['identifier not in the batch', { batchItemFailures: [{ itemIdentifier: '12' }] }, { kind: 'failed' }],
    [
      'one good and one bad identifier',
      { batchItemFailures: [{ itemIdentifier: '10' }, { itemIdentifier: '' }] },
      { kind: 'failed' },
    ],
    ['list is not a list', { batchItemFailures: { itemIdentifier: '10' } }, { kind: 'failed' }],
    ['response is a list', [{ itemIdentifier: '10' }], { kind: 'failed' }],
    ['response is a string', 'ok', { kind: 'failed' }],
  ])('%s', (_name, payload, expected) => {
    // act
    const verdict = judgeResponse(payload, SEQS, RBIF);
    // assess
    expect(verdict).toMatchObject(expected);
    if (verdict.kind === 'failed') expect(verdict.functionError).toBe(false);
  });

  it('ignores the response when ReportBatchItemFailures is off', () => {
    // act
    const verdict = judgeResponse('garbage', SEQS, { reportBatchItemFailures: false, windowed: false });
    // assess
    expect(verdict).toEqual({ kind: 'success' });
  });

  it.each([
    ['state present', { state: { a: 1 } }, { kind: 'success', state: { a: 1 } }],
    ['state missing', { batchItemFailures: [] }, { kind: 'failed', reason: expect.stringMatching(/no state/) }],
    ['null response', null, { kind: 'failed' }],
    ['state not an object', { state: 'x' }, { kind: 'failed', reason: expect.stringMatching(/not an object/) }],
    [
      'state with a partial failure',
      { state: { a: 2 }, batchItemFailures: [{ itemIdentifier: '10' }] },
      { kind: 'partial', failedIndex: 1, state: { a: 2 } },
    ],
  ])('windowed: %s', (_name, payload, expected) => {
    // act
    const verdict = judgeResponse(payload, SEQS, { reportBatchItemFailures: true, windowed: true });
    // assess
    expect(verdict).toMatchObject(expected);
  });
});
