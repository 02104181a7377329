// Behaviour every QuarantineRepository must have.
import { createHash } from 'node:crypto';
import {
  InvalidRecordError,
  MAX_ERROR_DETAILS_CHARS,
  MAX_STORED_PAYLOAD_BYTES,
  type QuarantinedRecord,
  type QuarantineRepository,
} from '../../src';

export function poison(sequenceNumber: string, extra: Partial<QuarantinedRecord> = {}): QuarantinedRecord {
  return {
    shardId: 'shardId-000000000000',
    sequenceNumber,
    arrivedAt: 1_736_942_400_000,
    quarantinedAt: '2025-01-15T12:00:01.000Z',
    reason: 'not-json',
    errorDetails: 'Unexpected token } in JSON at position 3',
    payload: new Uint8Array(Buffer.from(`{"a":}${sequenceNumber}`)),
    ...extra,
  };
}

export function describeQuarantineContract(name: string, makeRepo: () => Promise<QuarantineRepository>): void {
  describe(`QuarantineRepository contract: ${name}`, () => {
    let repo: QuarantineRepository;
    beforeEach(async () => {
      repo = await makeRepo();
    });

    it('stores payload bytes, reason, details and position', async () => {
      // prepare
      const bytes = new Uint8Array([0xff, 0xfe, 0x00, 0x80, 0x41]);
      const r = poison('49590338271490256608559692538361571095921575989136588898', {
        subSequenceNumber: 3,
        payload: bytes,
        reason: 'bad-utf8',
        errorDetails: '',
      });
      // act
      await repo.quarantine([r]);
      const all = await repo.listAll();
      // assess
      expect(all).toEqual([
        {
          ...r,
          payloadBytes: 5,
          payloadTruncated: false,
          payloadSha256: createHash('sha256').update(bytes).digest('hex'),
        },
      ]);
    });

    it('is idempotent per (shard, sequence, sub-sequence)', async () => {
      // prepare
      const records = [
        poison('10'),
        poison('10', { subSequenceNumber: 0 }),
        poison('10', { subSequenceNumber: 1 }),
        poison('10', { shardId: 'shardId-000000000001' }),
      ];
      // act
      await repo.quarantine(records);
      await repo.quarantine(records);
      await repo.quarantine([poison('10', { reason: 'schema' })]);
      // assess
      const all = await repo.listAll();
      expect(all).toHaveLength(4);
      expect(all.filter((r) => r.reason === 'schema').map((r) => [r.shardId, r.subSequenceNumber])).toEqual([
        ['shardId-000000000000', undefined],
      ]);
    });

    it('lists one shard in stream order (numeric), page by page', async () => {
      // prepare
      await repo.quarantine(['100', '9', '20', '3'].map((s) => poison(s)));
      await repo.quarantine([poison('1', { shardId: 'shardId-000000000009' })]);
      // act
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await repo.list({ shardId: 'shardId-000000000000', limit: 3, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((r) => r.sequenceNumber));
        cursor = page.cursor;
        pages++;
      } while (cursor && pages < 10);
      // assess
      expect(seen).toEqual(['3', '9', '20', '100']);
      const everything: string[] = [];
      cursor = undefined;
      do {
        const page = await repo.list({ limit: 2, ...(cursor ? { cursor } : {}) });
        everything.push(...page.items.map((r) => `${r.shardId.slice(-1)}:${r.sequenceNumber}`));
        cursor = page.cursor;
      } while (cursor);
      expect(everything.sort()).toEqual(['0:100', '0:20', '0:3', '0:9', '9:1']);
    });

    it('caps the stored payload and error details, keeping the full size and hash', async () => {
      // prepare
      const payload = new Uint8Array(2 * 1024 * 1024).fill(0x61);
      const details = 'e'.repeat(MAX_ERROR_DETAILS_CHARS + 500);
      // act
      await repo.quarantine([poison('5', { reason: 'too-large', payload, errorDetails: details })]);
      const [got] = await repo.listAll();
      // assess
      expect(got?.payloadBytes).toBe(2 * 1024 * 1024);
      expect(got?.payloadTruncated).toBe(true);
      expect(got?.payload.byteLength).toBe(MAX_STORED_PAYLOAD_BYTES);
      expect(got?.payloadSha256).toBe(createHash('sha256').update(payload).digest('hex'));
      expect(got?.errorDetails.startsWith('e'.repeat(MAX_ERROR_DETAILS_CHARS))).toBe(true);
      expect(got?.errorDetails.endsWith('…[truncated 500 chars]')).toBe(true);
    });

    it('rejects a record without a usable position and writes nothing of that call', async () => {
      // act
      const err = await repo.quarantine([poison('1'), poison('12a')]).catch((e: unknown) => e);
      // assess
      expect(err).toBeInstanceOf(InvalidRecordError);
      expect((err as InvalidRecordError).message).toBe(
        'record shardId-000000000000/12a: sequenceNumber must be 1–129 decimal digits, got "12a"',
      );
      expect(await repo.listAll()).toEqual([]);
    });
  });
}
