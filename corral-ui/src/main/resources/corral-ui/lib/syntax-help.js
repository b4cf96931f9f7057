// The syntax-help popover of the query bar: the filter syntax and the pipes, each with an example
// that, clicked, replaces the query. docs/query-language.md is the full reference.

import { h } from './dom.js';

const FILTERS = [
  ['timeout', 'a word in the message or stack trace'],
  ['"card declined"', 'a phrase'],
  ['service:payment-gateway', 'a field\'s exact value'],
  ['level:(ERROR OR WARN)', 'several values'],
  ['http.status_code:[500 TO 599]', 'a range; also >, >=, <, <='],
  ['performance.duration_ms:>1000', 'a numeric comparison'],
  ['trace_id:*', 'the field exists'],
  ['service:pay*', 'wildcards'],
  ['message:/time.?out/', 'a regular expression'],
  ['level:ERROR AND NOT service:api-gateway', 'AND, OR, NOT (or -), ( )'],
];

const PIPES = [
  ['level:ERROR | stats count() by service', 'count per group; avg, p95, dc, …'],
  ['* | timechart count() by level', 'counts over time'],
  ['exception.type:* | top 10 exception.type', 'most frequent values'],
  ['level:ERROR | sort -timestamp | head 20', 'order and cut'],
  ['* | fields timestamp, service, message', 'a table of some fields'],
  ['* | stats count() by service | where count() > 100', 'keep rows'],
  ['* | stats count() as total, count(level:ERROR) as errors by service | eval error_rate = errors / total * 100 | where error_rate > 5',
    'conditional counts, computed columns; also sum(f) if (filter)'],
  ['service:web | parse "%{ip} - %{user} [%{_}] \\"%{method} %{path} %{_}\\" %{status} %{bytes}" | where status >= 500',
    'parse raw lines at query time; also json, logfmt, kv'],
];

/** A heading row and one row per example; both sections share one table, so their columns align. */
function section(title, rows, onExample) {
  return [
    h('tr', { class: 'syntax-section' }, h('th', { colspan: 2, class: 'popover-heading' }, title)),
    rows.map(([example, meaning]) => h('tr', {},
        h('td', {}, h('button', { type: 'button', class: 'link-button mono', title: 'Use this query',
          onclick: () => onExample(example) }, example)),
        h('td', { class: 'muted' }, meaning))),
  ];
}

/** The popover (hidden at first); onExample(text) is called with a clicked example. */
export function syntaxHelp(onExample) {
  const element = h('div', { class: 'popover syntax-help', role: 'dialog', 'aria-label': 'Query syntax', hidden: true },
      h('table', { class: 'syntax-table' }, h('tbody', {}, section('Filter', FILTERS, onExample), section('Pipes', PIPES, onExample))),
      h('div', { class: 'syntax-keys muted' },
          h('kbd', {}, '/'), ' focus · ', h('kbd', {}, 'Enter'), ' run · ', h('kbd', {}, '↑'), h('kbd', {}, '↓'),
          ' history or suggestions · ', h('kbd', {}, 'Tab'), ' complete · ', h('kbd', {}, 'Esc'), ' close'));
  return { element };
}
