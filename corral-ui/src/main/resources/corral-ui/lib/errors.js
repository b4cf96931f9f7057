// Shows a server error where the result would have been, never as a blank page: the message,
// and for a syntax error the query with a caret under the offending character; timeouts (504)
// and limits (429, 413) get a hint on what to do.

import { h, replace } from './dom.js';

function hint(error) {
  switch (error.status) {
    case 0:
      return 'Is the server running? The page will work again once it answers.';
    case 429:
      return `The server is busy with other queries${error.retryAfter ? `; retry in ${error.retryAfter} s` : ''}.`;
    case 504:
      return 'The query ran out of time: narrow the time range or make the filter more selective.';
    case 413:
      return 'The request is too large.';
    case 401:
      return 'Reload the page to enter an API key.';
    case 403:
      return 'Ask for a key with a wider scope, or use “Forget key” to enter another.';
    default:
      return null;
  }
}

function title(error) {
  if (error.isSyntax || error.position !== null && error.position !== undefined) return 'Syntax error';
  switch (error.status) {
    case 0: return 'Server unreachable';
    case 429: return 'Too many queries';
    case 504: return 'Query timed out';
    case 400: return 'Bad request';
    case 404: return 'Not found';
    case 401: return 'API key needed';
    case 403: return 'Not allowed';
    default: return error.status ? `Error ${error.status}` : 'Error';
  }
}

/**
 * The caret block: the query text on one line, a caret under `position` on the next. Uses the
 * query the user typed when given (it is what they see), else the server's caret text.
 */
function caretBlock(error, queryText) {
  if (!Number.isInteger(error.position)) {
    return null;
  }
  const text = queryText ?? (error.caret ? error.caret.split('\n')[0] : null);
  if (text === null) {
    return null;
  }
  const line = text.replace(/\n/g, ' ');
  return h('pre', { class: 'error-caret' },
      h('span', { class: 'error-query' }, line), '\n',
      h('span', { class: 'caret' }, `${' '.repeat(Math.min(error.position, line.length))}^`));
}

/**
 * An element describing the error; options.query is the query text the user ran, options.retry
 * a function offered as a "Retry" button.
 */
export function errorView(error, { query = null, retry = null } = {}) {
  const extra = hint(error);
  return h('div', { class: 'error-box', role: 'alert', dataset: { status: String(error.status ?? '') } },
      h('div', { class: 'error-title' }, title(error)),
      h('div', { class: 'error-message' }, error.message),
      caretBlock(error, query),
      error.suggestions?.length ? h('div', { class: 'error-hint' }, `Did you mean: ${error.suggestions.join(', ')}?`) : null,
      extra ? h('div', { class: 'error-hint' }, extra) : null,
      retry ? h('button', { type: 'button', class: 'button', onclick: retry }, 'Retry') : null);
}

/** Replaces the content of container with the error. */
export function showError(container, error, options = {}) {
  return replace(container, errorView(error, options));
}
