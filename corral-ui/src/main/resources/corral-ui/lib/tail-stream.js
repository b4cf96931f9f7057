// The live-tail stream: Server-Sent Events from GET /api/v1/tail?q=<filter>. The server sends
// `event: events` about four times a second with
//   {"events": [canonical events, oldest first], "skipped": n, "matched_per_second": r, "received_per_second": r}
// A bad query is answered 400 with the usual JSON error before any stream starts, which an
// EventSource cannot read: so the query is first opened with fetch — an error answer is thrown
// as an ApiError, a good one is dropped as soon as its headers arrive — and only then streamed.

import { ApiError } from './api.js';

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
    const response = await fetch(tailUrl(filter), { headers: { Accept: 'text/event-stream' }, signal: probe.signal });
    if (response.ok) return;
    const text = await response.text();
    let json = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    throw new ApiError({
      status: response.status,
      message: json?.error ?? (text || `${response.status} ${response.statusText}`),
      position: Number.isInteger(json?.position) ? json.position : null,
      caret: json?.caret ?? null,
      retryAfter: response.headers.get('Retry-After'),
      path: '/api/v1/tail',
    });
  } catch (e) {
    if (e instanceof ApiError || e.name === 'AbortError') throw e;
    throw new ApiError({ status: 0, message: `cannot reach the Corral server (${e.message})`, path: '/api/v1/tail' });
  } finally {
    probe.abort(); // a stream that was accepted: its headers told us enough
    signal?.removeEventListener('abort', abort);
  }
}

/**
 * Streams a filter. Callbacks: onBatch(message) for each `events` message; onState(state) with
 * 'connecting' | 'live' | 'reconnecting' | 'closed'. The browser reconnects by itself after a
 * dropped connection; 'closed' means it gave up. Returns a function that ends the stream.
 */
export function openTail(filter, { onBatch, onState = () => {} }) {
  const source = new EventSource(tailUrl(filter));
  onState('connecting');
  source.addEventListener('open', () => onState('live'));
  source.addEventListener('events', (message) => {
    let batch;
    try {
      batch = JSON.parse(message.data);
    } catch (e) {
      console.warn('tail: a message that is not JSON was ignored', e);
      return;
    }
    onBatch(batch);
  });
  source.addEventListener('error', () => onState(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting'));
  return () => source.close();
}
