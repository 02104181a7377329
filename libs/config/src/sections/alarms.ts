// streamlens:alarms — thresholds of the CloudWatch alarms and where they notify.
import type { Fields } from '../fields';
import type { AlarmsConfig } from '../types';

const KEYS = [
  'email',
  'iteratorAgeFractionOfRetention',
  'lambdaIteratorAgeMs',
  'functionErrors',
  'dlqDepth',
  'quarantinedPerMinute',
] as const;
/** "" or an e-mail address (shared with streamlens:alerts.targets.email). */
export const EMAIL = /^$|^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// RFC 5321 caps a forward path at 256 octets including the angle brackets, so an address has at
// most 254 characters (RFC 3696 errata 1690). The bound also keeps EMAIL, which backtracks
// quadratically on a long run of dots, away from long input.
export const MAX_EMAIL_LENGTH = 254;
const ANY = Number.POSITIVE_INFINITY;

/** Parses streamlens:alarms. The defaults page on the first error or DLQ message. */
export function parseAlarms(parent: Fields): AlarmsConfig {
  const f = parent.child('alarms', KEYS);
  return {
    email:
      f.string('email', EMAIL, `"" or an email address of at most ${MAX_EMAIL_LENGTH} characters`, MAX_EMAIL_LENGTH) ??
      '',
    // (0, 0.99]: 0 would alarm permanently; at 1 the threshold is the age at which records are
    // dropped or expire, which the iterator age never exceeds, so the alarm could never fire.
    iteratorAgeFractionOfRetention: f.number(
      'iteratorAgeFractionOfRetention',
      { min: 0, max: 0.99, exclusiveMin: true },
      0.5,
    ),
    lambdaIteratorAgeMs: f.number('lambdaIteratorAgeMs', { min: 0, max: ANY, exclusiveMin: true }, 60_000),
    functionErrors: f.int('functionErrors', { min: 1, max: ANY }, 1),
    dlqDepth: f.int('dlqDepth', { min: 0, max: ANY }, 0),
    quarantinedPerMinute: f.int('quarantinedPerMinute', { min: 1, max: ANY }, 100),
  };
}
