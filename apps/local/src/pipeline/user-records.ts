// Posts inside Kinesis records. The producer puts posts, but most Kinesis records are KPL
// aggregates of many posts; every figure a person compares is counted in posts ("user records"),
// with Kinesis records as a second figure.
import { decodeAggregatedRecord, isAggregated } from '@streamlens/kinesis';

/** Posts (user records) in one Kinesis record's data: 1 unless it is a KPL aggregate. */
export function userRecordCount(data: Uint8Array): number {
  if (!isAggregated(data)) return 1;
  try {
    return decodeAggregatedRecord(data).length;
  } catch {
    return 1; // a corrupt aggregate is one poison record, quarantined as one
  }
}
