// Pure parts of the report: configuration, CSV, cache lifetimes, ranges and the page's PKCE helper.
import { createHash } from 'node:crypto';
import { csvField, toCsv } from '../src/api/csv';
import { resolveTimeRange } from '../src/api/time-range';
import { stepSecondsFor } from '../src/api/volume';
import { FunctionEnvironmentError } from '@streamlens/config';
import { readReportConfig } from '../src/config';
import authScript from '../src/dashboard/auth.client.js';
import { contentSecurityPolicy } from '../src/dashboard/page';
import { cacheControl, secondsToNextWindowEnd } from '../src/http/cache';

describe('readReportConfig', () => {
  const base = {
    TRENDS_TABLE: 'trends',
    POSTS_TABLE: 'posts',
    TTL_DAYS: '30',
    WINDOW_SECONDS: '30',
    REPORT_AUTH: 'iam',
  };

  it('reads the variables the stack sets', () => {
    expect(readReportConfig(base)).toEqual({
      trendsTable: 'trends',
      postsTable: 'posts',
      windowSeconds: 30,
      retentionDays: 30,
      auth: { mode: 'iam' },
    });
  });

  it('takes the range limit from TTL_DAYS, how long trend rows live (no second variable for it)', () => {
    expect(readReportConfig({ ...base, TTL_DAYS: '7' }).retentionDays).toBe(7);
    expect(readReportConfig({ ...base, TTL_DAYS: '7', RETENTION_DAYS: '1' }).retentionDays).toBe(7);
  });

  it('reads the OIDC client in jwt mode', () => {
    const env = {
      ...base,
      WINDOW_SECONDS: '60',
      REPORT_AUTH: 'jwt',
      OIDC_ISSUER: 'https://idp.example.com/pool/',
      OIDC_CLIENT_ID: 'dash',
      OIDC_AUDIENCE: 'api',
      OIDC_SCOPE: 'openid report/read',
    };
    expect(readReportConfig(env)).toMatchObject({
      windowSeconds: 60,
      auth: {
        mode: 'jwt',
        oidc: {
          issuer: 'https://idp.example.com/pool',
          clientId: 'dash',
          audience: 'api',
          scope: 'openid report/read',
        },
      },
    });
  });

  it.each([
    [{ ...base, TRENDS_TABLE: undefined }, 'TRENDS_TABLE', /TRENDS_TABLE is required/],
    [{ ...base, POSTS_TABLE: ' ' }, 'POSTS_TABLE', /POSTS_TABLE is required/],
    [{ ...base, TTL_DAYS: undefined }, 'TTL_DAYS', /TTL_DAYS is required/],
    [{ ...base, WINDOW_SECONDS: '0' }, 'WINDOW_SECONDS', /an integer from 1 to 900, got "0"/],
    [{ ...base, WINDOW_SECONDS: '1.5' }, 'WINDOW_SECONDS', /integer/],
    [{ ...base, TTL_DAYS: '-1' }, 'TTL_DAYS', /got "-1"/],
    [{ ...base, TTL_DAYS: '3651' }, 'TTL_DAYS', /from 1 to 3650/],
    [{ ...base, REPORT_AUTH: 'cognito' }, 'REPORT_AUTH', /one of iam, jwt, public/],
    [
      { ...base, REPORT_AUTH: 'jwt', OIDC_CLIENT_ID: 'x', OIDC_SCOPE: 'openid' },
      'OIDC_ISSUER',
      /OIDC_ISSUER is required/,
    ],
    [
      { ...base, REPORT_AUTH: 'jwt', OIDC_ISSUER: 'http://idp.example.com', OIDC_CLIENT_ID: 'x', OIDC_SCOPE: 'openid' },
      'OIDC_ISSUER',
      /https/,
    ],
    [
      { ...base, REPORT_AUTH: 'jwt', OIDC_ISSUER: 'https://idp.example.com', OIDC_SCOPE: 'openid' },
      'OIDC_CLIENT_ID',
      /OIDC_CLIENT_ID is required/,
    ],
  ])('refuses %j naming %s', (env, variable, message) => {
    let caught: unknown;
    try {
      readReportConfig(env);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(FunctionEnvironmentError);
    expect((caught as FunctionEnvironmentError).variables).toEqual([variable]);
    expect((caught as FunctionEnvironmentError).message).toMatch(message);
  });
});

describe('CSV', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r', '"cr\r"'],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@cmd', "'@cmd"],
    ['東京', '東京'],
  ])('escapes %j as %j', (input, output) => {
    expect(csvField(input)).toBe(output);
  });

  it('prints numbers as numbers (negative ones too), null and non-finite as empty, rows with CRLF', () => {
    expect(
      toCsv([
        ['a', -1.5, null, Number.NaN],
        ['b', 0, 2, 3],
      ]),
    ).toBe('a,-1.5,,\r\nb,0,2,3\r\n');
  });
});

describe('cache lifetime', () => {
  it('lasts until the next window end, at least 1 s and at most a window', () => {
    expect(secondsToNextWindowEnd(Date.parse('2025-01-15T12:00:10Z'), 30)).toBe(20);
    expect(secondsToNextWindowEnd(Date.parse('2025-01-15T12:00:29.900Z'), 30)).toBe(1);
    expect(secondsToNextWindowEnd(Date.parse('2025-01-15T12:00:00Z'), 30)).toBe(30);
    expect(secondsToNextWindowEnd(Date.parse('2025-01-15T12:00:00.001Z'), 60)).toBe(60);
  });

  it('is private unless the report is deliberately public', () => {
    expect(cacheControl('iam', 5)).toBe('private, max-age=5');
    expect(cacheControl('jwt', 5)).toBe('private, max-age=5');
    expect(cacheControl('public', 5)).toBe('public, max-age=5');
  });
});

describe('time ranges', () => {
  const ctx = { nowMs: Date.parse('2025-01-15T12:00:10Z'), windowSeconds: 30, retentionDays: 30 };

  it('ends a preset at the start of the open window; the previous range is equally long', () => {
    const range = resolveTimeRange(new URLSearchParams('range=5m'), ctx);
    expect([range.previousFrom, range.from, range.to].map((d) => d.toISOString())).toEqual([
      '2025-01-15T11:50:00.000Z',
      '2025-01-15T11:55:00.000Z',
      '2025-01-15T12:00:00.000Z',
    ]);
  });

  it('reads offsets and fractions of from/to exactly', () => {
    const range = resolveTimeRange(
      new URLSearchParams({ from: '2025-01-15T13:00:00.250+02:00', to: '2025-01-15T11:30:00Z' }),
      ctx,
    );
    expect(range.from.toISOString()).toBe('2025-01-15T11:00:00.250Z');
    expect(range.previousFrom.toISOString()).toBe('2025-01-15T10:30:00.500Z');
  });

  it('groups windows into at most 360 points', () => {
    expect(stepSecondsFor(300_000, 30)).toBe(30);
    expect(stepSecondsFor(86_400_000, 30)).toBe(240);
    expect(stepSecondsFor(86_400_000, 60)).toBe(240);
    expect(stepSecondsFor(7 * 86_400_000, 30)).toBe(1680);
  });
});

describe('page CSP', () => {
  it('lets the page reach the IdP only in jwt mode', () => {
    expect(contentSecurityPolicy({ mode: 'iam' })).toContain("connect-src 'self';");
    expect(
      contentSecurityPolicy({
        mode: 'jwt',
        oidc: { issuer: 'http://127.0.0.1:9000/realm', clientId: 'c', scope: 'openid' },
      }),
    ).toContain("connect-src 'self' http://127.0.0.1:9000 https:;");
  });
});

describe('PKCE helper of the page (the shipped auth.client.js)', () => {
  interface Auth {
    codeChallenge(verifier: string): Promise<string>;
    randomString(bytes: number): string;
    base64url(bytes: Uint8Array): string;
  }
  // The browser script runs here as it does in the page: it only needs window, crypto, btoa.
  const fakeWindow: { StreamLensAuth?: Auth } = {};
  new Function('window', authScript)(fakeWindow);
  const auth = fakeWindow.StreamLensAuth as Auth;

  it('computes the RFC 7636 appendix B challenge', async () => {
    await expect(auth.codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).resolves.toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('is base64url(SHA-256(verifier)) for random verifiers of 43 unreserved characters', async () => {
    for (let i = 0; i < 20; i++) {
      const verifier = auth.randomString(32);
      expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
      await expect(auth.codeChallenge(verifier)).resolves.toBe(
        createHash('sha256').update(verifier, 'ascii').digest('base64url'),
      );
    }
  });

  it('encodes base64url without padding, with - and _', () => {
    expect(auth.base64url(new Uint8Array([251, 255]))).toBe('-_8');
    expect(auth.base64url(new Uint8Array([]))).toBe('');
  });
});
