// streamlens:report — who may call the report API and dashboard.
import { REPORT_ACCESS } from '../constants';
import type { Fields } from '../fields';
import type { JwtSettings, ReportConfig } from '../types';

const KEYS = ['access', 'jwt', 'allowPublic'] as const;
const JWT_KEYS = ['issuer', 'audience', 'scopes'] as const;
// RFC 6749 scope-token: printable ASCII without space, quote or backslash.
const SCOPE = /^[\x21\x23-\x5B\x5D-\x7E]{1,256}$/;
const HTTPS_URL = /^https:\/\/[^\s/?#]+[^\s]*$/;

/**
 * Parses streamlens:report. Default `iam`. `public` needs `allowPublic: true` as a second,
 * deliberate switch so one mistyped word cannot open the API to the internet.
 */
export function parseReport(parent: Fields): ReportConfig {
  const f = parent.child('report', KEYS);
  const access = f.oneOf('access', REPORT_ACCESS, 'iam');
  if (!f.valid('access')) return { access: 'iam' }; // already reported; the parse will throw
  if (access !== 'jwt') f.forbid('jwt', 'unless access is jwt');
  if (access !== 'public') f.forbid('allowPublic', 'unless access is public');
  if (access === 'jwt') return { access, jwt: parseJwt(f) };
  if (access === 'public') {
    if (f.raw['allowPublic'] !== true) {
      f.fail('allowPublic', 'must be true to make the report public (explicit opt-in)', 'true');
    }
    return { access };
  }
  return { access };
}

function parseJwt(parent: Fields): JwtSettings {
  if (!parent.has('jwt')) {
    parent.fail('jwt', 'is required when access is jwt', 'a mapping with issuer, audience and scopes');
    return { issuer: '', audience: [], scopes: [] };
  }
  const f = parent.child('jwt', JWT_KEYS);
  const issuerAllowed = 'an https:// URL of the identity provider';
  if (!f.has('issuer')) f.fail('issuer', 'is required', issuerAllowed);
  const issuer = f.string('issuer', HTTPS_URL, issuerAllowed) ?? '';
  return { issuer, audience: parseAudience(f), scopes: parseScopes(f) };
}

// Without a scope the authorizer accepts any token the issuer signs for the audience (a token
// minted for another API of the same user pool, say): the data routes require one.
function parseScopes(f: Fields): readonly string[] {
  const value = f.raw['scopes'];
  const list = typeof value === 'string' ? [value] : value;
  const allowed = 'a non-empty list of OAuth scopes, e.g. [streamlens/report.read]';
  const valid = Array.isArray(list) && list.length > 0 && list.every((s) => typeof s === 'string' && SCOPE.test(s));
  if (valid) return list as string[];
  f.fail('scopes', value === undefined ? 'is required' : 'must be OAuth scope names without spaces', allowed);
  return [];
}

function parseAudience(f: Fields): readonly string[] {
  const value = f.raw['audience'];
  const list = typeof value === 'string' ? [value] : value;
  const valid = Array.isArray(list) && list.length > 0 && list.every((a) => typeof a === 'string' && a.trim() !== '');
  if (valid) return list as string[];
  const problem = value === undefined ? 'is required' : 'must be a non-empty string or list of them';
  f.fail('audience', problem, 'e.g. streamlens-report');
  return [];
}
