// Fetch helpers for Corral's HTTP API. Every failure — an HTTP error answer or no answer at all —
// is thrown as an ApiError carrying the server's error shape:
//   {"status": 400, "error": "query syntax error: …", "position": 12, "caret": "query\n    ^"}
// plus Retry-After for 429. Requests go to the same origin only.
//
// Every call to the API goes through apiFetch, which sends the tab's API key (lib/api-key.js) as
// `Authorization: Bearer <id>:<secret>` when one is held. Without a key, a signed-in session's
// cookie goes with every call by itself, and every call that changes something (any method but
// GET and HEAD) carries the session's CSRF token as `X-CSRF-Token` (lib/session.js). A 401 asks
// the user to sign in when the server has users (lib/session.js; "Use an API key" switches to the
// key prompt), else for a key, and sends the request again (a refused key is forgotten first); a
// 403 under a key is the key's scope: the error says "this key may not …" and nothing asks again.

import { askForKey, forgetKey, heldKey } from './api-key.js';
import { askToSignIn, csrfToken, signInOffered } from './session.js';

/** Methods that change nothing: they carry no CSRF token. */
const SAFE_METHODS = ['GET', 'HEAD'];

/** An error answer of the API (status 0: the server could not be reached). */
export class ApiError extends Error {
  constructor({ status, message, position = null, caret = null, suggestions = [], retryAfter = null, path = '' }) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.position = position;
    this.caret = caret;
    this.suggestions = suggestions;
    this.retryAfter = retryAfter;
    this.path = path;
  }

  /** A syntax error with a position in the query text. */
  get isSyntax() {
    return this.status === 400 && Number.isInteger(this.position);
  }
}

function withParams(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') {
      query.set(key, String(value));
    }
  }
  const qs = query.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

/**
 * fetch() for the API: adds the tab's key; on 401 asks for a key (showing the server's reason) and
 * retries with it until the server takes it or the user cancels — then the 401 is returned.
 * `init.body` must be sendable twice (a string, not a stream).
 */
export async function apiFetch(path, init = {}) {
  for (;;) {
    const key = heldKey();
    const headers = new Headers(init.headers);
    if (key) {
      headers.set('Authorization', `Bearer ${key}`);
    }
    const token = csrfToken();
    if (token && !key && !SAFE_METHODS.includes((init.method ?? 'GET').toUpperCase())) {
      headers.set('X-CSRF-Token', token);
    }
    const response = await fetch(path, { ...init, headers });
    if (response.status !== 401) {
      return response;
    }
    const reason = errorText(await response.clone().text(), response);
    if (key && heldKey() === key) {
      forgetKey(); // refused: wrong, expired or revoked
    }
    if (!key && !heldKey() && await signInOffered()) {
      const outcome = await askToSignIn(token ? `Your session has ended: ${reason}` : null);
      if (outcome === 'session') {
        continue;
      }
      if (outcome !== 'key') {
        return response;
      }
    }
    const entered = heldKey() && heldKey() !== key ? heldKey() // another request got a key meanwhile
        : await askForKey(key ? `The key was refused: ${reason}` : reason);
    if (!entered) {
      return response;
    }
  }
}

/** The error message of an answer's body (`{"error": …}`), else its text or status line. */
function errorText(text, response) {
  try {
    const json = JSON.parse(text);
    if (typeof json?.error === 'string') return json.error;
  } catch {
    // not JSON
  }
  return text || `${response.status} ${response.statusText}`;
}

/** POST routes that only read (a query too long for a URL). */
const READING_POSTS = ['/api/v1/query'];

/** What a 403 under a key says: "This key may not read /api/v1/…: <server's reason>". */
export function scopeMessage(method, path, reason) {
  const route = path.split('?')[0];
  const reads = method === 'GET' || method === 'HEAD' || READING_POSTS.includes(route);
  return `This key may not ${reads ? 'read' : 'change'} ${route}: ${reason}`;
}

/** Sends a JSON `body`, or a `raw` text body of `contentType` as it is (a rule's YAML). */
async function request(method, path, { body, raw, contentType = 'application/json', signal } = {}) {
  let response;
  const sent = raw ?? (body === undefined ? undefined : JSON.stringify(body));
  try {
    response = await apiFetch(path, {
      method,
      signal,
      headers: sent === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': contentType },
      body: sent,
    });
  } catch (e) {
    if (e.name === 'AbortError') {
      throw e;
    }
    throw new ApiError({ status: 0, message: `cannot reach the Corral server (${e.message})`, path });
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    const message = json?.error ?? (text || `${response.status} ${response.statusText}`);
    throw new ApiError({
      status: response.status,
      message: response.status === 403 && heldKey() ? scopeMessage(method, path, message) : message,
      position: Number.isInteger(json?.position) ? json.position : null,
      caret: json?.caret ?? null,
      suggestions: Array.isArray(json?.suggestions) ? json.suggestions : [],
      retryAfter: response.headers.get('Retry-After'),
      path,
    });
  }
  return json;
}

/** GET a JSON resource; params become the query string (empty values left out). */
export function getJson(path, params = {}, { signal } = {}) {
  return request('GET', withParams(path, params), { signal });
}

/** POST a JSON body. */
export function postJson(path, body, { signal } = {}) {
  return request('POST', path, { body, signal });
}

/** PUT a JSON body. */
export function putJson(path, body, { signal } = {}) {
  return request('PUT', path, { body, signal });
}

/** PUT or POST a YAML text as it is (an alert rule); the answer is JSON like the others'. */
export function sendYaml(method, path, yaml, { signal } = {}) {
  return request(method, path, { raw: yaml, contentType: 'application/yaml', signal });
}

/** DELETE a resource. */
export function del(path, { signal } = {}) {
  return request('DELETE', path, { signal });
}

/**
 * POST /api/v1/query: events ({kind: "events", total, events}) or a table ({kind: "table",
 * columns, rows, truncated, other_row}), with took_ms, partitions and steps.
 */
export function query(text, { from, to, limit, signal } = {}) {
  const body = { q: text ?? '' };
  if (from) body.from = from;
  if (to) body.to = to;
  if (limit !== undefined && limit !== null) body.limit = limit;
  return postJson('/api/v1/query', body, { signal });
}

/** GET /api/v1/search: the same answer as {@link query}, as a GET with a shareable URL. */
export function search(text, { from, to, limit, signal } = {}) {
  return getJson('/api/v1/search', { q: text ?? '', from, to, limit }, { signal });
}

/** GET /api/v1/trace/{id}: every event of one trace_id or request_id, oldest first. */
export function trace(id, { from, to, signal } = {}) {
  return getJson(`/api/v1/trace/${encodeURIComponent(id)}`, { from, to }, { signal });
}

/**
 * GET /api/v1/fields: the fields of a sample of matching events with their top values:
 * {sampled, fields: [{name, type, count, top: [{value, count}]}]}.
 */
export function fields(text, { from, to, sample, top, signal } = {}) {
  return getJson('/api/v1/fields', { q: text ?? '', from, to, sample, top }, { signal });
}

/** GET /api/v1/fields/{name}/values: values of one field starting with a prefix, most frequent first. */
export function fieldValues(name, { prefix, q, from, to, limit, signal } = {}) {
  return getJson(`/api/v1/fields/${encodeURIComponent(name)}/values`, { prefix, q, from, to, limit }, { signal });
}

/** GET /api/v1/stats: ingest, WAL, partitions and inputs. */
export function stats({ signal } = {}) {
  return getJson('/api/v1/stats', {}, { signal });
}

/**
 * GET /api/v1/auth/whoami: who the tab's key is — {access_control: "keys"|"off", key_id, name,
 * scope, read_restriction, expires}. Any valid key may ask.
 */
export function whoami({ signal } = {}) {
  return getJson('/api/v1/auth/whoami', {}, { signal });
}
