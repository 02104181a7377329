// The summary's reconciliation: every post in the stream is stored, a superseded version,
// quarantined, on the on-failure destination, or not yet consumed.
import { PostAccountant, quarantineKeyOf, type StreamUserRecord } from '../../src/pipeline/post-accounting';

const S0 = 'shardId-000000000000';
const S1 = 'shardId-000000000001';

function rec(shardId: string, seq: number, body: unknown, sub?: number): StreamUserRecord {
  const data = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  return { shardId, sequenceNumber: String(seq), data, ...(sub !== undefined ? { subSequenceNumber: sub } : {}) };
}

describe('PostAccountant', () => {
  it('puts every record of the stream in exactly one term', () => {
    // prepare: shard 0 consumed up to 30, shard 1 up to 10
    const records = [
      rec(S0, 10, { postId: 'a' }, 0),
      rec(S0, 10, { postId: 'b' }, 1),
      rec(S0, 10, 'not json', 2), // quarantined
      rec(S0, 20, { postId: 'a', editedAt: 'later' }), // an edit of a
      rec(S0, 30, { postId: 'c' }), // given up on, on the on-failure destination
      rec(S0, 40, { postId: 'd' }), // after the checkpoint
      rec(S1, 10, { postId: 'e' }),
      rec(S1, 10, { postId: 'e' }), // a re-send of the same version
      rec(S1, 11, { postId: 'f' }), // after the checkpoint
      rec(S1, 5, '{"no":"id"}'), // consumed, not a post, not quarantined: unexplained
    ];
    const accountant = new PostAccountant({
      checkpoints: new Map([
        [S0, '30'],
        [S1, '10'],
      ]),
      quarantined: new Set([quarantineKeyOf({ shardId: S0, sequenceNumber: '10', subSequenceNumber: 2 })]),
      givenUp: [{ shardId: S0, startSequenceNumber: '25', endSequenceNumber: '30' }],
    });
    // act
    for (const r of records) accountant.add(r);
    const a = accountant.result();
    // assess
    expect(a).toEqual({
      inStream: 10,
      distinctStored: 3, // a, b, e
      superseded: 2, // a's edit, e's re-send
      quarantined: 1,
      onFailure: 1,
      notYetConsumed: 2,
      unexplained: 1,
    });
    expect(a.distinctStored + a.superseded + a.quarantined + a.onFailure + a.notYetConsumed + a.unexplained).toBe(
      a.inStream,
    );
  });

  it('counts every record of a shard without a checkpoint as not yet consumed', () => {
    const accountant = new PostAccountant({
      checkpoints: new Map([[S0, undefined]]),
      quarantined: new Set(),
      givenUp: [],
    });
    accountant.add(rec(S0, 1, { postId: 'a' }));
    accountant.add(rec(S1, 1, { postId: 'b' })); // a shard the consumer has not seen
    expect(accountant.result()).toMatchObject({ inStream: 2, notYetConsumed: 2, distinctStored: 0 });
  });

  it('matches quarantine keys whatever the zero padding of the sequence number', () => {
    expect(quarantineKeyOf({ shardId: S0, sequenceNumber: '000123' })).toBe(
      quarantineKeyOf({ shardId: S0, sequenceNumber: '123' }),
    );
  });
});
