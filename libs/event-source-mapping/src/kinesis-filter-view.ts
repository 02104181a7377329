// What Kinesis filter patterns see of a record: `data` as the decoded JSON payload and the
// record's metadata beside it at the top level (SEMANTICS.md "Filter criteria").
import { JsonNumber, parseLosslessJson, type LosslessJson } from './lossless-json';
import type { FilterDocument, FilterView } from './stream-source';

/** Top-level keys a Kinesis pattern may use. */
export const KINESIS_FILTER_KEYS = [
  'data',
  'partitionKey',
  'sequenceNumber',
  'approximateArrivalTimestamp',
  'kinesisSchemaVersion',
] as const;

/** The parts of a Kinesis record a filter looks at. */
export interface FilterableRecord {
  readonly partitionKey: string;
  readonly sequenceNumber: string;
  readonly data: Uint8Array;
  readonly arrivalMs: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const DATA_NOT_JSON: ReadonlySet<string> = new Set(['data']);

function decodeJson(data: Uint8Array): LosslessJson | undefined {
  try {
    return parseLosslessJson(utf8.decode(data));
  } catch {
    return undefined; // not UTF-8 or not JSON (e.g. a KPL aggregate)
  }
}

/** The Kinesis view: `data` is decoded only when a pattern reads it. */
export const KINESIS_FILTER_VIEW: FilterView<FilterableRecord> = {
  streamKind: 'Kinesis',
  rootKeys: KINESIS_FILTER_KEYS,
  document(record: FilterableRecord, keys: ReadonlySet<string>): FilterDocument {
    const fields: { [key: string]: LosslessJson } = Object.create(null);
    fields['partitionKey'] = record.partitionKey;
    fields['sequenceNumber'] = record.sequenceNumber;
    fields['approximateArrivalTimestamp'] = new JsonNumber(String(record.arrivalMs / 1000));
    fields['kinesisSchemaVersion'] = '1.0';
    if (!keys.has('data')) return { fields };
    const data = decodeJson(record.data);
    if (data === undefined) return { fields, opaque: DATA_NOT_JSON };
    fields['data'] = data;
    return { fields };
  },
};
