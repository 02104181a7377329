// Public API of @streamlens/alert-events: the versioned trend-alert event contract.
export { alertId } from './alert-id';
export {
  ALERT_DETAIL_TYPE,
  ALERT_EVENT_SOURCE,
  ALERT_KINDS,
  ALERT_SCHEMA_VERSION,
  MAX_DETAIL_BYTES,
} from './constants';
export { alertEventPattern } from './pattern';
export type {
  AlertBasis,
  AlertFiguresByKind,
  AlertKind,
  NewEntrantFigures,
  RisingFigures,
  SentimentSwingFigures,
  TrendAlertDetail,
  TrendAlertDetailOf,
} from './types';
