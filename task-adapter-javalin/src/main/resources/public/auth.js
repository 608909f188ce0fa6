// Signing in at a hosted sign-in page (Cognito's, or any provider with its endpoints) with the OAuth 2.0 authorization
// code flow and PKCE (RFC 7636): the board is a public client, so it holds no secret, and a code stolen from the
// redirect is useless without the verifier that never left this tab. Tokens are kept in this tab's session storage
// (gone when the tab closes, never in a cookie, never in the URL) and only ever sent to the API and the token endpoint.

/** Session storage: the tokens of the signed-in user. */
const SESSION_KEY = 'taskBoard.session';
/** Session storage: what a sign-in under way needs when the user comes back (state, verifier, the board's address). */
const PENDING_KEY = 'taskBoard.signIn';
/** A token is refreshed this long before it expires, so no request carries one that expires on the way. */
const REFRESH_MARGIN_MS = 60_000;
/** A refresh fails after this long without an answer, rather than leaving the board waiting. */
const TOKEN_TIMEOUT_MS = 15_000;

/**
 * The board's configuration: `config.json` beside the board, written by the local server from its settings or by
 * Terraform for a deployed board. Answers `{ apiUrl, signIn }`: `apiUrl` is null when the file names none (or cannot
 * be read, as when the board is opened from a server that has no such file), `signIn` is null or
 * `{ url, clientId, scopes }`.
 */
export async function loadConfig() {
  const none = { apiUrl: null, signIn: null };
  let data;
  try {
    const response = await fetch('config.json', { cache: 'no-cache' });
    if (!response.ok) return none;
    data = await response.json();
  } catch {
    return none;
  }
  const apiUrl = typeof data?.api_url === 'string' ? data.api_url : null;
  const signIn = data?.sign_in;
  if (!signIn || typeof signIn.url !== 'string' || typeof signIn.client_id !== 'string' || !isHttpUrl(signIn.url)) {
    return { apiUrl, signIn: null };
  }
  const scopes = Array.isArray(signIn.scopes) ? signIn.scopes.filter((s) => typeof s === 'string') : ['openid'];
  return { apiUrl, signIn: { url: signIn.url.replace(/\/+$/, ''), clientId: signIn.client_id, scopes } };
}

function isHttpUrl(text) {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** A sign-in that did not work, with the words to show; `reason` is the provider's or the board's short code. */
export class SignInError extends Error {
  constructor(message, reason) {
    super(message);
    this.name = 'SignInError';
    this.reason = reason;
  }
}

/**
 * The signed-in user of `signIn` ({ url, clientId, scopes }) in this tab. The board's own address, without its query,
 * is the redirect URI registered with the provider; `onChange` is called whenever the user signs in, is refreshed, or
 * is signed out (with the reason, when it was not their choice).
 */
export function createSession(signIn, { onChange = () => {} } = {}) {
  const redirectUri = boardAddress();
  let tokens = readTokens();
  let refreshing = null;
  let timer = null;

  function save(next) {
    tokens = next;
    try {
      if (next) window.sessionStorage.setItem(SESSION_KEY, JSON.stringify(next));
      else window.sessionStorage.removeItem(SESSION_KEY);
    } catch {
      // Without session storage the tokens live in memory only: a reload signs the user in again.
    }
    schedule();
  }

  /** Refreshes ahead of expiry while the tab is open, so a long-open board keeps working. */
  function schedule() {
    window.clearTimeout(timer);
    if (!tokens?.refreshToken) return;
    const wait = Math.max(0, tokens.expiresAt - REFRESH_MARGIN_MS - Date.now());
    timer = window.setTimeout(() => refresh().catch(() => {}), wait);
  }

  async function tokenRequest(fields) {
    const controller = new AbortController();
    const timeout = window.setTimeout(() => controller.abort(), TOKEN_TIMEOUT_MS);
    let response;
    try {
      response = await fetch(signIn.url + '/oauth2/token', {
        method: 'POST',
        cache: 'no-store',
        credentials: 'omit',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: signIn.clientId, ...fields }),
        signal: controller.signal,
      });
    } catch {
      throw new SignInError(`The sign-in service at ${new URL(signIn.url).host} did not answer. Try again.`,
        'unreachable');
    } finally {
      window.clearTimeout(timeout);
    }
    const data = await response.json().catch(() => null);
    if (!response.ok || typeof data?.id_token !== 'string') {
      const reason = typeof data?.error === 'string' ? data.error : `http_${response.status}`;
      throw new SignInError('The sign-in service refused to sign you in. Sign in again.', reason);
    }
    return data;
  }

  /** Exchanges a new token answer for the tokens kept: a refresh answer keeps the refresh token it was given. */
  function keep(data, refreshToken) {
    const claims = claimsOf(data.id_token);
    if (!claims || typeof claims.exp !== 'number') {
      throw new SignInError('The sign-in service answered a token the board cannot read. Sign in again.', 'bad_token');
    }
    save({
      idToken: data.id_token,
      refreshToken: typeof data.refresh_token === 'string' ? data.refresh_token : refreshToken,
      expiresAt: claims.exp * 1000,
    });
  }

  async function refresh() {
    if (!tokens?.refreshToken) return;
    if (!refreshing) {
      const { refreshToken } = tokens;
      refreshing = tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshToken })
        .then((data) => {
          keep(data, refreshToken);
          onChange();
        })
        .catch((error) => {
          // A refresh token that is refused (expired, revoked) ends the session; an unreachable provider does not,
          // and the next request tries again while the ID token still works.
          if (error.reason !== 'unreachable' || Date.now() >= tokens?.expiresAt) {
            save(null);
            onChange('Your session has ended. Sign in again to go on.');
          }
          throw error;
        })
        .finally(() => {
          refreshing = null;
        });
    }
    await refreshing;
  }

  return {
    /**
     * Finishes a sign-in when the provider has just sent the user back here (its code or error in the query),
     * removing them from the address at once. Throws a SignInError the board shows when that sign-in failed.
     */
    async start() {
      const query = new URLSearchParams(window.location.search);
      const code = query.get('code');
      const error = query.get('error');
      const state = query.get('state');
      if (code === null && error === null) {
        schedule();
        return;
      }
      const pending = takePending();
      // The code never stays in the address, the history or a bookmark, whatever happens next.
      window.history.replaceState(null, '', redirectUri + (pending?.returnTo ?? ''));
      if (!pending || state === null || state !== pending.state) {
        throw new SignInError('That sign-in was not started from this tab, so it was ignored. Sign in again.',
          'state_mismatch');
      }
      if (error !== null) {
        if (error === 'access_denied') throw new SignInError('Sign-in was cancelled.', error);
        throw new SignInError('The sign-in service could not sign you in. Sign in again.', error);
      }
      const data = await tokenRequest({
        grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: pending.verifier,
      });
      keep(data, null);
    },

    /** Whether someone is signed in (their token may need a refresh, which `token` does). */
    signedIn() {
      return tokens !== null;
    },

    /** Who is signed in, from their ID token, for display only: `{ email, name }` (either may be ''). */
    user() {
      const claims = tokens ? claimsOf(tokens.idToken) : null;
      return {
        email: typeof claims?.email === 'string' ? claims.email : '',
        name: typeof claims?.['cognito:username'] === 'string' ? claims['cognito:username'] : '',
      };
    },

    /** The ID token for the next request, refreshed first when it is about to expire; '' when nobody is signed in. */
    async token() {
      if (tokens && Date.now() >= tokens.expiresAt - REFRESH_MARGIN_MS && tokens.refreshToken) {
        await refresh().catch(() => {});
      }
      return tokens ? tokens.idToken : '';
    },

    /** Sends the user to the sign-in page; the board comes back to `returnTo` (its query) afterwards. */
    async signIn(returnTo = window.location.search) {
      const verifier = randomText(32);
      const state = randomText(16);
      const challenge = base64Url(new Uint8Array(
        await window.crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
      const kept = putPending({ state, verifier, returnTo: safeReturn(returnTo) });
      if (!kept) {
        throw new SignInError('This browser keeps no session storage for this page, which signing in needs.',
          'no_storage');
      }
      const query = new URLSearchParams({
        response_type: 'code',
        client_id: signIn.clientId,
        redirect_uri: redirectUri,
        scope: signIn.scopes.join(' '),
        state,
        code_challenge: challenge,
        code_challenge_method: 'S256',
      });
      window.location.assign(signIn.url + '/oauth2/authorize?' + query.toString());
    },

    /**
     * Forgets the tokens, revokes the refresh token (so a copy of it is worthless), and ends the hosted session too,
     * which sends the user back to the board signed out.
     */
    async signOut() {
      const refreshToken = tokens?.refreshToken;
      save(null);
      if (refreshToken) {
        try {
          await fetch(signIn.url + '/oauth2/revoke', {
            method: 'POST',
            cache: 'no-store',
            credentials: 'omit',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ token: refreshToken, client_id: signIn.clientId }),
          });
        } catch {
          // The refresh token is gone from this tab either way; it expires on its own.
        }
      }
      const query = new URLSearchParams({ client_id: signIn.clientId, logout_uri: redirectUri });
      window.location.assign(signIn.url + '/logout?' + query.toString());
    },

    /** Forgets the tokens without leaving the page, as when the API no longer accepts them. */
    forget(reason) {
      save(null);
      onChange(reason);
    },
  };
}

/** The board's address as registered with the provider: this page without query, fragment or `index.html`. */
function boardAddress() {
  const { origin, pathname } = window.location;
  return origin + pathname.replace(/index\.html$/, '');
}

/** Only a query of the board's own comes back after sign-in: no code, state or error of a previous round. */
function safeReturn(search) {
  const query = new URLSearchParams(search);
  for (const name of ['code', 'state', 'error', 'error_description']) query.delete(name);
  const text = query.toString();
  return text ? '?' + text : '';
}

function readTokens() {
  try {
    const data = JSON.parse(window.sessionStorage.getItem(SESSION_KEY) ?? 'null');
    if (typeof data?.idToken === 'string' && typeof data.expiresAt === 'number') {
      // An expired ID token without a refresh token is of no use.
      if (data.refreshToken || data.expiresAt > Date.now()) return data;
    }
  } catch {
    // Unreadable or unavailable storage: nobody is signed in.
  }
  return null;
}

function putPending(pending) {
  try {
    window.sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
    return true;
  } catch {
    return false;
  }
}

/** The sign-in under way, which is used once: a second return with the same state finds nothing. */
function takePending() {
  try {
    const pending = JSON.parse(window.sessionStorage.getItem(PENDING_KEY) ?? 'null');
    window.sessionStorage.removeItem(PENDING_KEY);
    return typeof pending?.state === 'string' && typeof pending.verifier === 'string' ? pending : null;
  } catch {
    return null;
  }
}

/** The claims of a JWT, read without checking its signature: for display and timing only, the API checks it. */
function claimsOf(jwt) {
  try {
    const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(part + '='.repeat((4 - (part.length % 4)) % 4)), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}

/** `bytes` random bytes as base64url: 32 make a verifier of 43 characters, the shortest RFC 7636 allows. */
function randomText(bytes) {
  return base64Url(window.crypto.getRandomValues(new Uint8Array(bytes)));
}

function base64Url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
