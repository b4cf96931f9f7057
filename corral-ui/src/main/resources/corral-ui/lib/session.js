// The signed-in session of this tab (docs/ui.md, "Signing in"): when the server has users
// (GET /api/v1/auth/methods says sign_in), the UI opens on the sign-in dialog; signing in
// (POST /api/v1/auth/login) sets an HttpOnly session cookie the page never reads, and answers the
// session's CSRF token, which lib/api.js sends as X-CSRF-Token on every call that changes something.
// The token lives in this module only; a page loaded later fetches it again (GET /api/v1/auth/session).
// Signing out (POST /api/v1/auth/logout) ends the session on the server and reloads the page.
//
// Calls here use fetch directly, not lib/api.js: they are how lib/api.js gets its credentials.

import { showSignIn } from './sign-in.js';

let methods = null;
let session = null; // {user, role, read_restriction, csrf_token, csrf_header, expires}
let pending = null;
/** The user chose "Use an API key" or cancelled: do not offer the sign-in again until a reload. */
let declined = false;

/** Whether this server signs users in (cached for the page's life). */
export async function signInOffered() {
  if (!methods) {
    try {
      const response = await fetch('/api/v1/auth/methods', { headers: { Accept: 'application/json' } });
      methods = response.ok ? await response.json() : { sign_in: false };
    } catch {
      methods = { sign_in: false };
    }
  }
  return methods.sign_in === true;
}

/** The session of this tab, or null. */
export function currentSession() {
  return session;
}

/** The CSRF token to send with a change, or null when the tab holds no session. */
export function csrfToken() {
  return session?.csrf_token ?? null;
}

/** Fetches the session the cookie holds, if any (a page loaded after signing in); resolves to it or null. */
export async function loadSession() {
  try {
    const response = await fetch('/api/v1/auth/session', { headers: { Accept: 'application/json' } });
    session = response.ok ? await response.json() : null;
  } catch {
    session = null;
  }
  announce();
  return session;
}

/**
 * Signs in; resolves to the session, or throws an Error whose message is the server's reason
 * (wrong password, or "too many failed sign-ins … try again in N s").
 */
export async function signIn(user, password) {
  const response = await fetch('/api/v1/auth/login', {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify({ user, password }),
  });
  const json = await response.json().catch(() => null);
  if (!response.ok) {
    throw new Error(json?.error ?? `${response.status} ${response.statusText}`);
  }
  session = json;
  announce();
  return session;
}

/** Signs out: the server ends the session (a copy of the cookie is refused from now on). */
export async function signOut() {
  const token = csrfToken();
  session = null;
  if (token) {
    await fetch('/api/v1/auth/logout', { method: 'POST', headers: { 'X-CSRF-Token': token } }).catch(() => null);
  }
  announce();
}

/**
 * Asks the user to sign in (the server's reason shown); resolves to 'session' once signed in,
 * 'key' when the user chose to enter an API key instead, or null when declined. Concurrent callers
 * share one dialog.
 */
export function askToSignIn(reason) {
  if (declined) {
    return Promise.resolve(null);
  }
  if (!pending) {
    pending = showSignIn(reason, signIn).then((outcome) => {
      declined = outcome !== 'session';
      return outcome;
    }).finally(() => {
      pending = null;
    });
  }
  return pending;
}

function announce() {
  window.dispatchEvent(new CustomEvent('corral:session', { detail: { user: session?.user ?? null } }));
}
