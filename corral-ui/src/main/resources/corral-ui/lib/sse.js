// A Server-Sent Events parser over a fetch body (the event-stream format of the HTML standard):
// lines end with LF, CR or CRLF; a blank line ends an event; `event:` names it (default
// "message"), `data:` lines are joined with LF, `retry:` sets the reconnection time, lines
// starting with ':' are comments (keep-alive pings); one space after the colon is dropped.

/**
 * Reads `body` (a ReadableStream of bytes) to its end, calling onEvent({event, data, id}) for each
 * complete event with data and onRetry(ms) for each `retry:` field. Rejects when the stream breaks.
 */
export async function readServerSentEvents(body, { onEvent, onRetry = () => {} }) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let event = { event: '', data: [], id: '' };
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end;
      while ((end = lineEnd(buffer)) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(buffer[end] === '\r' && buffer[end + 1] === '\n' ? end + 2 : end + 1);
        event = field(line, event, onEvent, onRetry);
      }
    }
  } finally {
    reader.releaseLock();
  }
}

/** Index of the first line ending, or -1; a CR at the very end waits for a possible LF. */
function lineEnd(buffer) {
  for (let i = 0; i < buffer.length; i++) {
    if (buffer[i] === '\n') return i;
    if (buffer[i] === '\r') return i + 1 < buffer.length ? i : -1;
  }
  return -1;
}

function field(line, event, onEvent, onRetry) {
  if (line === '') {
    if (event.data.length > 0) {
      onEvent({ event: event.event || 'message', data: event.data.join('\n'), id: event.id });
    }
    return { event: '', data: [], id: event.id };
  }
  if (line.startsWith(':')) return event;
  const colon = line.indexOf(':');
  const name = colon < 0 ? line : line.slice(0, colon);
  let value = colon < 0 ? '' : line.slice(colon + 1);
  if (value.startsWith(' ')) value = value.slice(1);
  if (name === 'event') event.event = value;
  else if (name === 'data') event.data.push(value);
  else if (name === 'id') event.id = value;
  else if (name === 'retry' && /^\d+$/.test(value)) onRetry(Number(value));
  return event;
}
