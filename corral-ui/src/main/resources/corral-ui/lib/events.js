// Events as the UI shows them everywhere (search, live tail, trace): level colours, a one-line
// row, and the full-event detail with copy-as-JSON and per-field actions. Events are the
// canonical flat JSON objects the API returns ({timestamp, level, message, service, …}).

import { copyText, externalLink, h } from './dom.js';
import { formatTimestamp } from './time.js';

export const LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];

/** The CSS variable holding a level's colour ('--lvl-error'); unknown levels get the neutral one. */
export function levelColorVar(level) {
  const name = String(level ?? '').toUpperCase();
  return LEVELS.includes(name) ? `--lvl-${name.toLowerCase()}` : '--lvl-other';
}

/** A coloured level badge. */
export function levelBadge(level) {
  const name = String(level ?? '').toUpperCase() || '—';
  return h('span', { class: ['level', `level-${name.toLowerCase()}`] }, name);
}

/** Fields shown first in a detail, in this order; the rest follow alphabetically. */
const FIRST_FIELDS = ['timestamp', 'level', 'service', 'message', 'host', 'trace_id', 'span_id', 'request_id',
  'user_id', 'logger', 'component', 'environment', 'version', 'logtype'];

/** Fields a detail offers no filter for: an exact timestamp is a time range's job. */
const UNFILTERABLE = ['timestamp'];

/** Fields whose value identifies a request across services: they offer "open trace". */
export const TRACE_FIELDS = ['trace_id', 'request_id'];

/** The event's fields as [name, value] pairs: flat, nested objects flattened with dots, in display order. */
export function eventFields(event) {
  const flat = [];
  const walk = (prefix, value) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) {
        walk(prefix ? `${prefix}.${key}` : key, inner);
      }
    } else {
      flat.push([prefix, value]);
    }
  };
  walk('', event);
  const rank = (name) => {
    const i = FIRST_FIELDS.indexOf(name);
    return i < 0 ? FIRST_FIELDS.length : i;
  };
  return flat.sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Text of a field value as shown and as put in a query. */
export function valueText(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Characters that end an unquoted term in the query language, or change its meaning. */
const SPECIAL = /[\s:()[\]{}"\\/*?!^~<>=|&+,']/;

/**
 * A filter clause for one field value: `service:checkout`, `message:"card declined"`,
 * `-level:ERROR` when negated. Values that would not survive as a bare term are quoted (an exact
 * match on keyword fields, a phrase on full-text ones).
 */
export function fieldClause(field, value, { negate = false } = {}) {
  const text = valueText(value);
  const bare = text !== '' && !SPECIAL.test(text) && !/^[-+]/.test(text)
      && !/^(AND|OR|NOT|TO)$/.test(text);
  const quoted = bare ? text : `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  return `${negate ? '-' : ''}${field}:${quoted}`;
}

/**
 * The query with a clause added to its filter part, before any pipes: "level:ERROR | stats …"
 * plus service:x → "level:ERROR service:x | stats …". A query that is blank or "*" is replaced.
 */
export function addClause(query, clause) {
  const text = (query ?? '').trim();
  const pipe = firstPipe(text);
  const filter = (pipe < 0 ? text : text.slice(0, pipe)).trim();
  const pipes = pipe < 0 ? '' : ` ${text.slice(pipe).trim()}`;
  const combined = filter === '' || filter === '*' ? clause
      : /\bOR\b|\|\|/.test(filter) ? `(${filter}) ${clause}` : `${filter} ${clause}`;
  return `${combined}${pipes}`;
}

/**
 * Index of the first pipe "|" outside quotes, regexes and escapes ("||" is OR, not a pipe), or -1.
 */
export function firstPipe(text) {
  let quote = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
    } else if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"') {
      quote = c;
    } else if (c === '/' && (i === 0 || /[\s:(]/.test(text[i - 1]))) {
      quote = '/';
    } else if (c === '|') {
      if (text[i + 1] === '|') {
        i++;
      } else {
        return i;
      }
    }
  }
  return -1;
}

/**
 * A one-line row: timestamp, level, service, message — the rows of Search, live tail and dashboard
 * event panels. `message`: what to show for the message (text or nodes, e.g. with highlights);
 * `cells: true` marks the columns as table cells (for a row of a role=table list); `className`
 * is added to the row's classes.
 */
export function eventRow(event, { onClick = null, message = messageOf(event), cells = false, className = null } = {}) {
  const role = cells ? 'cell' : null;
  const service = valueText(event.service);
  return h('div', { class: ['event-row', className, `row-${String(event.level ?? '').toLowerCase()}`], onclick: onClick, tabindex: onClick ? 0 : null },
      h('span', { class: 'cell-time', role, title: event.timestamp }, formatTimestamp(event.timestamp)),
      h('span', { class: 'cell-level', role }, levelBadge(event.level)),
      h('span', { class: 'cell-service', role, title: service }, service),
      h('span', { class: 'cell-message', role }, message));
}

/** The message to show on one line: the message, else the exception type, else the event's JSON. */
export function messageOf(event) {
  const message = event.message ?? event['exception.message'] ?? event['exception.type'];
  return message !== undefined && message !== '' ? valueText(message).replace(/\s+/g, ' ') : JSON.stringify(event);
}

/**
 * The full event: every field with its value and actions, and "Copy as JSON".
 * Callbacks (each optional): onFilter(field, value, negate), onTrace(id), onClose(). `actions`: more
 * elements for the detail's bar (e.g. the "Surrounding events" link of lib/surrounding.js).
 */
export function eventDetail(event, { onFilter = null, onTrace = null, onClose = null, actions = [] } = {}) {
  const copyButton = h('button', { type: 'button', class: 'button small', title: 'Copy the event as JSON' }, 'Copy as JSON');
  copyButton.addEventListener('click', async (e) => {
    e.stopPropagation();
    const ok = await copyText(JSON.stringify(event, null, 2));
    copyButton.textContent = ok ? 'Copied' : 'Copy failed';
    setTimeout(() => { copyButton.textContent = 'Copy as JSON'; }, 1500);
  });
  const rows = eventFields(event).map(([name, value]) => {
    const text = valueText(value);
    const filterable = onFilter && !UNFILTERABLE.includes(name);
    const actions = h('span', { class: 'field-actions' },
        filterable ? h('button', { type: 'button', class: 'icon-button', title: `Filter for ${name}: ${text}`,
          dataset: { action: 'filter-for', field: name }, onclick: (e) => { e.stopPropagation(); onFilter(name, value, false); } }, '⊕') : null,
        filterable ? h('button', { type: 'button', class: 'icon-button', title: `Filter out ${name}: ${text}`,
          dataset: { action: 'filter-out', field: name }, onclick: (e) => { e.stopPropagation(); onFilter(name, value, true); } }, '⊖') : null,
        onTrace && TRACE_FIELDS.includes(name) && text ? h('button', { type: 'button', class: 'icon-button', title: `Open the trace ${text}`,
          dataset: { action: 'open-trace', field: name }, onclick: (e) => { e.stopPropagation(); onTrace(text); } }, '⇶') : null);
    return h('tr', { dataset: { field: name } },
        h('td', { class: 'field-actions-cell' }, actions),
        h('th', { scope: 'row', class: 'field-name' }, name),
        h('td', { class: ['field-value', name === 'level' ? `level-text-${text.toLowerCase()}` : null] },
            name === 'timestamp' ? h('span', { title: formatTimestamp(text) }, text) : linkedText(text)));
  });
  return h('div', { class: 'event-detail', onclick: (e) => e.stopPropagation() },
      h('div', { class: 'event-detail-bar' },
          copyButton,
          ...actions,
          onClose ? h('button', { type: 'button', class: 'button small', title: 'Close (Esc)', onclick: (e) => { e.stopPropagation(); onClose(); } }, 'Close') : null),
      h('table', { class: 'fields-table' }, h('tbody', {}, rows)));
}

/** An http(s) URL inside a field value; it ends at a space, a quote or an angle bracket. */
const URL_IN_TEXT = /https?:\/\/[^\s<>"'`]+/gi;
/** Punctuation that ends a sentence rather than the URL before it ("see https://x/y.") */
const TRAILING_PUNCTUATION = /[.,;:!?)\]}]+$/;

/**
 * A field value as text in which every http(s) URL is a link opening in a new tab
 * (lib/dom.js externalLink); anything else — `javascript:`, `data:` — stays text.
 */
export function linkedText(text) {
  const parts = [];
  let from = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const url = match[0].replace(TRAILING_PUNCTUATION, '');
    parts.push(text.slice(from, match.index), externalLink(url));
    from = match.index + url.length;
  }
  parts.push(text.slice(from));
  return parts.filter((part) => part !== '');
}
