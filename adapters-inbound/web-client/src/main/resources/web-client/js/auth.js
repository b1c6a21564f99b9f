// Who is logged in, and how: the embedded issuer (username and password) or an external OpenID
// Connect provider (authorization code with PKCE, RFC 7636). The session is kept in localStorage,
// so every tab of this browser is the same person (each tab still is its own device).

const SESSION = 'chat.session';
const PKCE = 'chat.oidc.pending';

export function currentSession() {
  try {
    const session = JSON.parse(localStorage.getItem(SESSION));
    return session && session.accessToken ? session : null;
  } catch {
    return null;
  }
}

export function saveSession(session) {
  localStorage.setItem(SESSION, JSON.stringify(session));
}

export function clearSession() {
  localStorage.removeItem(SESSION);
}

/** A session from the embedded issuer's token answer. */
export function embeddedSession(token) {
  return { kind: 'embedded', accessToken: token.access_token, expiresAt: Date.now() + token.expires_in * 1000 };
}

function base64url(bytes) {
  let text = '';
  for (const byte of new Uint8Array(bytes)) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomText(byteCount) {
  return base64url(crypto.getRandomValues(new Uint8Array(byteCount)));
}

async function discover(issuer) {
  const response = await fetch(issuer.replace(/\/$/, '') + '/.well-known/openid-configuration');
  if (!response.ok) throw new Error(`the identity provider's discovery document answered ${response.status}`);
  return response.json();
}

function redirectUri() {
  return location.origin + '/';
}

/** Leaves the page for the provider's log-in page; the provider sends the browser back with a code. */
export async function startProviderLogIn(oidc) {
  if (!crypto.subtle) throw new Error('log-in through a provider needs a secure page (https, or localhost)');
  const provider = await discover(oidc.issuer);
  const verifier = randomText(48);
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const state = randomText(16);
  sessionStorage.setItem(PKCE, JSON.stringify({ verifier, state, issuer: oidc.issuer }));
  const url = new URL(provider.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: oidc.clientId,
    redirect_uri: redirectUri(),
    scope: oidc.scope || 'openid profile',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state,
  }).toString();
  location.assign(url.toString());
}

/**
 * If the page was opened by the provider's redirect, trades the code for tokens and answers the
 * session; null when the page was not a redirect. The code and state leave the address bar at once.
 */
export async function finishProviderLogIn(oidc) {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return null;
  history.replaceState(null, '', location.pathname);
  const pending = JSON.parse(sessionStorage.getItem(PKCE) || 'null');
  sessionStorage.removeItem(PKCE);
  if (params.has('error')) throw new Error(`the identity provider refused: ${params.get('error_description') || params.get('error')}`);
  if (!oidc || !pending || pending.state !== params.get('state')) {
    throw new Error('this log-in was not started here (its state does not match); please log in again');
  }
  const provider = await discover(oidc.issuer);
  const tokens = await tokenRequest(provider.token_endpoint, {
    grant_type: 'authorization_code',
    code: params.get('code'),
    redirect_uri: redirectUri(),
    client_id: oidc.clientId,
    code_verifier: pending.verifier,
  });
  return providerSession(tokens, provider.token_endpoint, oidc.clientId);
}

/** A fresh access token from the provider's refresh token; null when there is none or it is refused. */
export async function refreshProviderSession(session) {
  if (session.kind !== 'oidc' || !session.refreshToken) return null;
  try {
    const tokens = await tokenRequest(session.tokenEndpoint, {
      grant_type: 'refresh_token',
      refresh_token: session.refreshToken,
      client_id: session.clientId,
    });
    return providerSession(tokens, session.tokenEndpoint, session.clientId);
  } catch {
    return null;
  }
}

async function tokenRequest(endpoint, form) {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(`the identity provider refused the token request: ${body.error_description || body.error || response.status}`);
  return body;
}

function providerSession(tokens, tokenEndpoint, clientId) {
  return {
    kind: 'oidc',
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token || null,
    expiresAt: Date.now() + (tokens.expires_in || 300) * 1000,
    tokenEndpoint,
    clientId,
  };
}
