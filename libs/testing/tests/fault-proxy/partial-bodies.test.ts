import { createRng } from '../../src';
import { heldCount, planPartial } from '../../src/fault-proxy/partial-bodies';

describe('heldCount', () => {
  it.each([
    [0, 0.5, 0],
    [1, 0.1, 1],
    [2, 0.9, 1],
    [10, 0, 1],
    [10, 0.34, 3],
    [10, 0.99, 9],
    [10, 1, 10],
  ])('holds back of %i entries at fraction %f: %i', (n, fraction, expected) => {
    // act
    const held = heldCount(n, fraction);
    // assess
    expect(held).toBe(expected);
  });
});

describe('planPartial', () => {
  it('keeps BatchGetItem options on both halves and sends no table without keys', () => {
    // prepare
    const body = {
      RequestItems: {
        a: { Keys: [{ id: 1 }], ConsistentRead: true },
        b: { Keys: [2, 3, 4, 5, 6].map((id) => ({ id })), ProjectionExpression: 'id' },
      },
    };
    const options = { a: { ConsistentRead: true }, b: { ProjectionExpression: 'id' } };
    // act
    const plan = planPartial('BatchGetItem', body, 0.9, createRng(4));
    // assess
    expect(plan?.entries).toBe(5);
    const sent = Object.entries((plan?.forward?.['RequestItems'] ?? {}) as Record<string, { Keys: unknown[] }>);
    expect(sent).toHaveLength(1);
    const [sentTable, sentSpec] = sent[0] as [keyof typeof options, { Keys: unknown[] }];
    expect(sentSpec).toMatchObject({ ...options[sentTable], Keys: [expect.anything()] });
    const merged = plan?.merge({ Responses: { [sentTable]: [] }, UnprocessedKeys: {} });
    const unprocessed = merged?.['UnprocessedKeys'] as Record<keyof typeof options, { Keys: unknown[] }>;
    expect(Object.values(unprocessed).flatMap((spec) => spec.Keys)).toHaveLength(5);
    for (const [table, spec] of Object.entries(unprocessed))
      expect(spec).toMatchObject(options[table as keyof typeof options]);
    expect(merged?.['Responses']).toEqual({ [sentTable]: [] });
  });

  it('answers every PutRecords entry failed without forwarding when the fraction is 1', () => {
    // prepare
    const body = {
      StreamName: 's',
      Records: [
        { Data: 'AA==', PartitionKey: 'k' },
        { Data: 'AQ==', PartitionKey: 'k' },
      ],
    };
    // act
    const plan = planPartial('PutRecords', body, 1, createRng(1), 'InternalFailure');
    // assess
    expect(plan?.forward).toBeUndefined();
    expect(plan?.merge({})).toEqual({
      FailedRecordCount: 2,
      Records: [
        { ErrorCode: 'InternalFailure', ErrorMessage: 'injected fault: InternalFailure' },
        { ErrorCode: 'InternalFailure', ErrorMessage: 'injected fault: InternalFailure' },
      ],
    });
  });

  it('plans nothing for a body without entries of the operation', () => {
    // act
    const plans = [
      planPartial('BatchWriteItem', { RequestItems: 7 }, 0.5, createRng(1)),
      planPartial('PutRecords', { Records: [] }, 0.5, createRng(1)),
    ];
    // assess
    expect(plans).toEqual([undefined, undefined]);
  });
});
