// The live-tail stream: Server-Sent Events from GET /api/v1/tail?q=<filter>. The server sends
// `event: events` about four times a second with
//   {"events": [canonical events, oldest first], "skipped": n, "matched_per_second": r, "received_per_second": r}
// A bad query is answered 400 with the usual JSON error before any stream starts: so the query is
// first opened and checked — an error answer is thrown as an ApiError, a good one is dropped as
// soon as its headers arrive — and only then streamed.
//
// The stream is read with fetch (through apiFetch, so it carries the tab's API key in the
// Authorization header — an EventSource cannot send headers, and a key never goes in a URL) and
// parsed as SSE frames here (lib/sse.js). Like an EventSource it reconnects after a dropped
// connection, waiting the server's `retry:` time, and sends the id of the last message it received
// as `Last-Event-ID`: each id is a write-ahead-log position, so the server first replays the
// matching events the page missed (none twice, none left out) and announces with an `event: gap`
// message what it could not replay (the log no longer holds it, or the replay limit). An error
// answer (4xx/5xx) ends it.

import { ApiError, apiFetch, scopeMessage } from './api.js';
import { heldKey } from './api-key.js';
import { readServerSentEvents } from './sse.js';

/** Wait before reconnecting until the server says otherwise with `retry:` (what browsers use). */
const DEFAULT_RETRY_MS = 3000;

/** The tail URL of a filter. */
export function tailUrl(filter) {
  return `/api/v1/tail?q=${encodeURIComponent(filter ?? '')}`;
}

/**
 * Resolves when the server accepts `filter` for tailing; rejects with an ApiError carrying the
 * server's message (and caret position) when it does not, or status 0 when it cannot be reached.
 */
export async function checkTailQuery(filter, { signal } = {}) {
  const probe = new AbortController();
  const abort = () => probe.abort();
  signal?.addEventListener('abort', abort);
  try {
    const response = await apiFetch(tailUrl(filter), { headers: { Accept: 'text/event-stream' }, signal: probe.signal });
    if (response.ok) return;
    throw await tailError(response);
  } catch (e) {
    if (e instanceof ApiError || e.name === 'AbortError') throw e;
    throw new ApiError({ status: 0, message: `cannot reach the Corral server (${e.message})`, path: '/api/v1/tail' });
  } finally {
    probe.abort(); // a stream that was accepted: its headers told us enough
    signal?.removeEventListener('abort', abort);
  }
}

async function tailError(response) {
  const text = await response.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  const message = json?.error ?? (text || `${response.status} ${response.statusText}`);
  return new ApiError({
    status: response.status,
    message: response.status === 403 && heldKey() ? scopeMessage('GET', '/api/v1/tail', message) : message,
    position: Number.isInteger(json?.position) ? json.position : null,
    caret: json?.caret ?? null,
    retryAfter: response.headers.get('Retry-After'),
    path: '/api/v1/tail',
  });
}

/** The request headers of a tail (re)connection: resume after `lastEventId` when there is one. */
export function tailHeaders(lastEventId) {
  const headers = { Accept: 'text/event-stream' };
  if (lastEventId) headers['Last-Event-ID'] = lastEventId;
  return headers;
}

/**
 * Streams a filter. Callbacks: onBatch(message) for each `events` message; onGap(gap) for each
 * `gap` message ({from, to, reason, message}: events the server could not replay after a
 * reconnection); onState(state) with 'connecting' | 'live' | 'reconnecting' | 'closed'. After a
 * dropped connection it reconnects by itself ('reconnecting', then 'live') and resumes after the
 * last message received; 'closed' means the server refused the stream. Returns a function that
 * ends the stream.
 */
export function openTail(filter, { onBatch, onGap = () => {}, onState = () => {} }) {
  const stop = new AbortController();
  let retryMs = DEFAULT_RETRY_MS;
  let lastEventId = '';

  function dispatch({ event, data, id }) {
    if (event !== 'events' && event !== 'gap') return;
    let message;
    try {
      message = JSON.parse(data);
    } catch (e) {
      console.warn('tail: a message that is not JSON was ignored', e);
      return;
    }
    if (event === 'events') onBatch(message);
    else onGap(message);
    if (id) lastEventId = id;
  }

  async function run() {
    onState('connecting');
    while (!stop.signal.aborted) {
      try {
        const response = await apiFetch(tailUrl(filter), {
          headers: tailHeaders(lastEventId), cache: 'no-store', signal: stop.signal,
        });
        if (!response.ok) {
          onState('closed');
          return;
        }
        onState('live');
        await readServerSentEvents(response.body, { onEvent: dispatch, onRetry: (ms) => { retryMs = ms; } });
      } catch (e) {
        if (stop.signal.aborted) return;
        console.warn('tail: the stream broke, reconnecting', e.message);
      }
      if (stop.signal.aborted) return;
      onState('reconnecting');
      await wait(retryMs, stop.signal);
    }
  }

  run();
  return () => stop.abort();
}

function wait(ms, signal) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
