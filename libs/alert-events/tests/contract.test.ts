// The event contract: ids are a pure function of (window, kind, hashtag) and distinct across
// them; the rule pattern matches this version only.
import { ALERT_DETAIL_TYPE, ALERT_EVENT_SOURCE, alertEventPattern, alertId } from '../src';

describe('alertId', () => {
  it('is the same for the same window, kind and hashtag, and differs when any of them does', () => {
    const w = '2026-12-05T10:00:00.000Z';
    const ids = [
      alertId(w, 'rising', 'nba'),
      alertId(w, 'new-entrant', 'nba'),
      alertId(w, 'rising', 'nbA'),
      alertId('2026-12-05T10:00:30.000Z', 'rising', 'nba'),
      // a separator inside a tag cannot make two triples collide
      alertId(w, 'rising', 'a","b'),
      alertId(w, 'rising', 'a'),
    ];
    expect(alertId(w, 'rising', 'nba')).toBe(ids[0]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^[0-9a-f]{32}$/.test(id))).toBe(true);
  });
});

describe('alertEventPattern', () => {
  it('matches the source, detail type and schema version, optionally some kinds', () => {
    expect(alertEventPattern()).toEqual({
      source: [ALERT_EVENT_SOURCE],
      'detail-type': [ALERT_DETAIL_TYPE],
      detail: { schemaVersion: [1] },
    });
    expect(alertEventPattern(['rising'])).toMatchObject({ detail: { schemaVersion: [1], kind: ['rising'] } });
  });
});
