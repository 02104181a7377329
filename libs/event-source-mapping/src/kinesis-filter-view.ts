// What Kinesis filter patterns see of a record: `data` as the decoded JSON payload. AWS: "Kinesis
// event source mappings only support filtering on the data key" (the keys come from
// @streamlens/config, so config validation and the local mapping refuse the same patterns).
import { KINESIS_FILTER_ROOT_KEYS, parseLosslessJson, type LosslessJson } from '@streamlens/config';
import type { FilterDocument, FilterView } from './stream-source';

/** The part of a Kinesis record a filter looks at. */
export interface FilterableRecord {
  readonly data: Uint8Array;
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

/** The Kinesis view: `data` decoded (only when a pattern reads it). */
export const KINESIS_FILTER_VIEW: FilterView<FilterableRecord> = {
  streamKind: 'Kinesis',
  rootKeys: KINESIS_FILTER_ROOT_KEYS,
  document(record: FilterableRecord, keys: ReadonlySet<string>): FilterDocument {
    const fields: { [key: string]: LosslessJson } = Object.create(null);
    if (!keys.has('data')) return { fields };
    const data = decodeJson(record.data);
    if (data === undefined) return { fields, opaque: DATA_NOT_JSON };
    fields['data'] = data;
    return { fields };
  },
};
