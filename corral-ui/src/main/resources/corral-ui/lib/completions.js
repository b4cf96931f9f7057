// What to suggest while a query is typed: which token the caret is in (a field name, a field's
// value, a pipe name, a field or function inside a pipe), and a provider that answers with field
// names and top values from /api/v1/fields and /api/v1/fields/{name}/values.

import { fields as fetchFields, fieldValues } from './api.js';
import { firstPipe, fieldClause, LEVELS } from './events.js';

export const PIPES = [
  { name: 'stats', hint: 'count(), avg(f), p95(f) … by f' },
  { name: 'timechart', hint: 'span=1m count() by f' },
  { name: 'top', hint: '10 f' },
  { name: 'sort', hint: '-timestamp' },
  { name: 'head', hint: '20' },
  { name: 'fields', hint: 'timestamp, service, message' },
  { name: 'where', hint: 'count() > 10, errors / total > 0.05 and …' },
  { name: 'eval', hint: 'rate = errors / total * 100' },
  { name: 'json', hint: '[field] [as prefix]' },
  { name: 'logfmt', hint: '[field] [as prefix]' },
  { name: 'kv', hint: '[field] pair_sep=" " kv_sep="="' },
  { name: 'parse', hint: '"%{ip} - %{user} %{status}" [field]' },
];

export const FUNCTIONS = ['count()', 'count_distinct(', 'dc(', 'sum(', 'avg(', 'min(', 'max(', 'p50(', 'p75(', 'p90(',
  'p95(', 'p99(', 'percentile(',
  // eval and where expressions (docs/query-language.md, "eval and where expressions")
  'if(', 'coalesce(', 'round(', 'abs(', 'lower(', 'upper(', 'len(', 'substr(', 'concat(', 'tostring(', 'tonumber('];

/** Canonical fields, suggested even before the server has answered. */
const CANONICAL = ['timestamp', 'level', 'service', 'message', 'host', 'trace_id', 'span_id', 'request_id', 'user_id',
  'logger', 'component', 'environment', 'version', 'logtype'];

/** Characters that separate tokens in a filter; pipes also split on , ( ) =. */
const FILTER_BREAK = /[\s()]/;
const PIPE_BREAK = /[\s(),=]/;

/**
 * The token at the caret and what kind of completion fits it:
 * {kind: 'field'|'value'|'pipe'|'pipe-field'|'none', prefix, field, start, end}, where
 * [start, end) is the text a chosen completion replaces.
 */
export function completionContext(text, caret) {
  const pipe = firstPipe(text);
  const inPipes = pipe >= 0 && caret > pipe;
  const breaks = inPipes ? PIPE_BREAK : FILTER_BREAK;
  let start = caret;
  let inQuote = false;
  for (let i = 0; i < caret; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') inQuote = !inQuote;
  }
  while (start > 0) {
    const c = text[start - 1];
    if (c === '"' && inQuote) {
      inQuote = false; // the opening quote: keep going back to its field
    } else if (!inQuote && breaks.test(c)) {
      break;
    }
    start--;
  }
  let end = caret;
  while (end < text.length && !breaks.test(text[end]) && text[end] !== '"') end++;
  if (inPipes) {
    const segmentStart = text.lastIndexOf('|', caret - 1) + 1;
    const before = text.slice(segmentStart, start).trim();
    const prefix = text.slice(start, caret);
    return { kind: before === '' ? 'pipe' : 'pipe-field', prefix, field: null, start, end };
  }
  const sign = /^[-+!]*/.exec(text.slice(start, caret))[0];
  start += sign.length;
  const token = text.slice(start, caret);
  const colon = token.indexOf(':');
  if (colon < 0) {
    if (/^(AND|OR|NOT|TO)$/.test(token)) return { kind: 'none', prefix: token, field: null, start, end };
    return { kind: 'field', prefix: token, field: null, start, end };
  }
  const field = token.slice(0, colon);
  const value = token.slice(colon + 1);
  if (/^[[{<>=]/.test(value)) return { kind: 'none', prefix: value, field, start, end };
  return { kind: 'value', prefix: value.replace(/^"/, ''), field, start, end };
}

/**
 * A suggestion provider for a query bar: (context) → Promise of items
 * {label, insert, kind, detail, reopen}. range() gives the {from, to} to sample fields from.
 */
export function createCompletionProvider(range) {
  let fieldCache = { key: null, names: null };

  async function fieldNames(signal) {
    const { from, to } = range();
    const key = `${from}|${to}`;
    if (fieldCache.key !== key) {
      fieldCache = { key, names: fetchFields('', { from, to, sample: 1000, top: 0, signal })
          .then((answer) => answer.fields.map((f) => ({ name: f.name, count: f.count })))
          .catch((e) => { if (e.name !== 'AbortError') fieldCache.key = null; return []; }) };
    }
    const fetched = await fieldCache.names;
    const known = new Set(fetched.map((f) => f.name));
    return fetched.concat(CANONICAL.filter((n) => !known.has(n)).map((name) => ({ name, count: null })));
  }

  return async function suggest(context, signal) {
    const prefix = context.prefix.toLowerCase();
    switch (context.kind) {
      case 'field': {
        const names = await fieldNames(signal);
        return names.filter((f) => f.name.toLowerCase().startsWith(prefix) && f.name.toLowerCase() !== prefix)
            .slice(0, 12)
            .map((f) => ({ label: f.name, insert: `${f.name}:`, kind: 'field', detail: f.count ? `${f.count}` : '', reopen: true }));
      }
      case 'value': {
        if (context.field.toLowerCase() === 'level') {
          return LEVELS.filter((l) => l.toLowerCase().startsWith(prefix))
              .map((l) => ({ label: l, insert: `${fieldClause(context.field, l)} `, kind: 'value', detail: '' }));
        }
        const { from, to } = range();
        const answer = await fieldValues(context.field, { prefix: context.prefix, from, to, limit: 10, signal })
            .catch((e) => { if (e.name === 'AbortError') throw e; return { values: [] }; });
        return (answer.values ?? []).map((v) => ({ label: String(v.value), insert: `${fieldClause(context.field, v.value)} `,
          kind: 'value', detail: String(v.count ?? '') }));
      }
      case 'pipe':
        return PIPES.filter((p) => p.name.startsWith(prefix))
            .map((p) => ({ label: p.name, insert: `${p.name} `, kind: 'pipe', detail: p.hint }));
      case 'pipe-field': {
        if (prefix === '') return [];
        const names = await fieldNames(signal);
        const functions = FUNCTIONS.filter((f) => f.startsWith(prefix))
            .map((f) => ({ label: f, insert: f, kind: 'function', detail: '' }));
        const matching = names.filter((f) => f.name.toLowerCase().startsWith(prefix) && f.name.toLowerCase() !== prefix)
            .slice(0, 10).map((f) => ({ label: f.name, insert: f.name, kind: 'field', detail: '' }));
        return functions.concat(matching);
      }
      default:
        return [];
    }
  };
}
