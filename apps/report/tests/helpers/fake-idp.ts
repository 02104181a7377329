// A tiny OpenID provider on loopback for the sign-in test: discovery, an authorization endpoint
// that approves at once, and a token endpoint that checks PKCE (S256) like a real IdP must.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running fake IdP. */
export interface FakeIdp {
  readonly issuer: string;
  /** Query parameters of every authorization request. */
  readonly authorizations: URLSearchParams[];
  /** Form bodies of every token request. */
  readonly tokenRequests: URLSearchParams[];
  readonly accessToken: string;
  close(): Promise<void>;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  // The page calls discovery and the token endpoint cross-origin.
  res.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
  res.end(JSON.stringify(body));
}

/** Starts the fake IdP on a free loopback port. */
export async function startFakeIdp(): Promise<FakeIdp> {
  const authorizations: URLSearchParams[] = [];
  const tokenRequests: URLSearchParams[] = [];
  const challenges = new Map<string, string>();
  const accessToken = 'test-access-token';
  let issuer = '';
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', issuer);
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
      });
    }
    if (url.pathname === '/authorize') {
      authorizations.push(url.searchParams);
      const code = `code-${authorizations.length}`;
      challenges.set(code, url.searchParams.get('code_challenge') ?? '');
      const back = new URL(url.searchParams.get('redirect_uri') ?? '');
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        const form = new URLSearchParams(body);
        tokenRequests.push(form);
        const expected = challenges.get(form.get('code') ?? '');
        const actual = createHash('sha256')
          .update(form.get('code_verifier') ?? '', 'ascii')
          .digest('base64url');
        if (expected === undefined || expected !== actual) return json(res, 400, { error: 'invalid_grant' });
        json(res, 200, { access_token: accessToken, token_type: 'Bearer', expires_in: 3600 });
      });
      return undefined;
    }
    return json(res, 404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    authorizations,
    tokenRequests,
    accessToken,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
