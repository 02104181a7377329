// StreamLens dashboard, sign-in (jwt mode only): OpenID Connect authorization code flow with
// PKCE (RFC 7636, S256) for a public client. No secret lives in the page; the access token is
// kept in sessionStorage (gone when the tab closes) and sent as a bearer token to the API.
(function (global) {
  'use strict';

  var PENDING_KEY = 'streamlens.oidc.pending';
  var TOKEN_KEY = 'streamlens.oidc.token';

  /** base64url without padding (RFC 4648 §5) of a byte array. */
  function base64url(bytes) {
    var binary = '';
    for (var i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  /** A random URL-safe string of `byteCount` random bytes (32 bytes → a 43-character verifier). */
  function randomString(byteCount) {
    var bytes = new Uint8Array(byteCount);
    crypto.getRandomValues(bytes);
    return base64url(bytes);
  }

  /** PKCE S256 code challenge: base64url(SHA-256(ASCII(verifier))). */
  function codeChallenge(verifier) {
    return crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)).then(function (digest) {
      return base64url(new Uint8Array(digest));
    });
  }

  function discover(issuer) {
    return fetch(issuer + '/.well-known/openid-configuration', { headers: { accept: 'application/json' } })
      .then(function (res) {
        if (!res.ok) throw new Error('the identity provider’s discovery document answered HTTP ' + res.status);
        return res.json();
      })
      .then(function (meta) {
        if (!meta.authorization_endpoint || !meta.token_endpoint)
          throw new Error('the identity provider’s discovery document lacks its endpoints');
        return meta;
      });
  }

  function redirectUri() {
    return global.location.origin + global.location.pathname;
  }

  /** Sends the browser to the IdP's authorization endpoint. */
  function startSignIn(config) {
    var verifier = randomString(32);
    var state = randomString(16);
    return Promise.all([discover(config.issuer), codeChallenge(verifier)]).then(function (results) {
      var meta = results[0];
      sessionStorage.setItem(
        PENDING_KEY,
        JSON.stringify({
          verifier: verifier,
          state: state,
          redirectUri: redirectUri(),
          returnTo: global.location.hash,
        }),
      );
      var url = new URL(meta.authorization_endpoint);
      url.searchParams.set('response_type', 'code');
      url.searchParams.set('client_id', config.clientId);
      url.searchParams.set('redirect_uri', redirectUri());
      url.searchParams.set('scope', config.scope);
      url.searchParams.set('state', state);
      url.searchParams.set('code_challenge', results[1]);
      url.searchParams.set('code_challenge_method', 'S256');
      if (config.audience) url.searchParams.set('audience', config.audience);
      global.location.assign(url.toString());
    });
  }

  /**
   * Finishes a sign-in when the IdP redirected back with ?code=&state= (or ?error=): checks the
   * state, exchanges the code with the verifier and removes them from the address bar.
   * Resolves true when a token was obtained, false when the URL holds no sign-in response.
   */
  function completeSignIn(config) {
    var params = new URLSearchParams(global.location.search);
    if (!params.has('code') && !params.has('error')) return Promise.resolve(false);
    var pending = null;
    try {
      pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) || 'null');
    } catch (e) {
      pending = null;
    }
    sessionStorage.removeItem(PENDING_KEY);
    global.history.replaceState(null, '', global.location.pathname + ((pending && pending.returnTo) || ''));
    if (params.has('error'))
      return Promise.reject(
        new Error('sign-in failed: ' + params.get('error') + ' ' + (params.get('error_description') || '')),
      );
    if (!pending || pending.state !== params.get('state'))
      return Promise.reject(
        new Error('sign-in failed: the response does not belong to this sign-in (state mismatch); try again'),
      );
    return discover(config.issuer)
      .then(function (meta) {
        var body = new URLSearchParams({
          grant_type: 'authorization_code',
          code: params.get('code'),
          redirect_uri: pending.redirectUri,
          client_id: config.clientId,
          code_verifier: pending.verifier,
        });
        return fetch(meta.token_endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: body,
        });
      })
      .then(function (res) {
        return res.json().then(function (tokens) {
          var token = tokens.access_token || tokens.id_token;
          if (!res.ok || !token)
            throw new Error(
              'sign-in failed: the token endpoint answered HTTP ' +
                res.status +
                (tokens.error ? ' (' + tokens.error + ')' : ''),
            );
          var lifetime = Number(tokens.expires_in) > 0 ? Number(tokens.expires_in) : 3600;
          // Renew 30 s early so a request never leaves with a token about to expire.
          sessionStorage.setItem(
            TOKEN_KEY,
            JSON.stringify({ token: token, expiresAt: Date.now() + (lifetime - 30) * 1000 }),
          );
          return true;
        });
      });
  }

  /** The stored token, or null when absent or expired. */
  function accessToken() {
    try {
      var stored = JSON.parse(sessionStorage.getItem(TOKEN_KEY) || 'null');
      return stored && stored.expiresAt > Date.now() ? stored.token : null;
    } catch (e) {
      return null;
    }
  }

  function signOut() {
    sessionStorage.removeItem(TOKEN_KEY);
  }

  global.StreamLensAuth = {
    base64url: base64url,
    randomString: randomString,
    codeChallenge: codeChallenge,
    startSignIn: startSignIn,
    completeSignIn: completeSignIn,
    accessToken: accessToken,
    signOut: signOut,
  };
})(window);
