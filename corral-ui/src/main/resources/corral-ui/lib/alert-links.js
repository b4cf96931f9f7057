// The links of an alert instance (GET /api/v1/alerts/instances), shared by the Alerts page and the
// dashboard's alerts panel: "Search" (the rule's query over the alert's time range), "Trace" (the
// worst trace of a trace rule) and "Root cause" (the surrounding-events view of its root-cause event).
//
// The root-cause event of an instance, looked for in the alert's time range (that of its Search link:
// one rule window before it became active, to when it resolved or was last seen):
//   1. a trace rule (details.worst_trace): the first ERROR or FATAL event of the worst trace — in a
//      cascade, the service furthest downstream fails first;
//   2. an absence rule (details.seen_events): the last event the silent group logged, up to the end of
//      the range and at most a day back — its last words;
//   3. any other rule: the first ERROR or FATAL event matching the rule's filter narrowed to the
//      instance's group ("* | stats … by service" for service=payment-gateway → service:payment-gateway),
//      else the first event matching it at all (a latency rule's group may log no error).
// Instances name no event (only a match rule's details sample some, without their host), so the link
// carries the search, and the surrounding-events view runs it when opened (rootCauseQueries) and shows
// the event found among what its service and host logged around it.
//
// A link is only ever the `#/…` part of one the API gave, or one built here: it stays in this UI.

import { drillQuery, filterOf } from './drill.js';
import { h } from './dom.js';
import { fieldClause } from './events.js';
import { isoOf, parseIso } from './time.js';

/** How far back an absence instance's last event is looked for: the absence rules' default lookback. */
export const LAST_WORDS_MS = 24 * 60 * 60 * 1000;
const ERRORS = 'level:(ERROR OR FATAL)';

/** The `#/…` part of a link of the API (absolute, based on alerts.public_url), or null. */
export function inAppHref(link) {
  if (typeof link !== 'string') return null;
  const at = link.indexOf('#/');
  return at < 0 ? null : link.slice(at);
}

/** The rule's query and the alert's time range, read from its Search link: {q, from, to}; null parts when absent. */
export function alertRange(instance) {
  const search = inAppHref(instance?.links?.search);
  const params = new URLSearchParams(search?.includes('?') ? search.slice(search.indexOf('?') + 1) : '');
  return {
    q: params.get('q'),
    from: params.get('from') ?? instance?.active_at ?? null,
    to: params.get('to') ?? instance?.ends_at ?? instance?.last_seen_at ?? null,
  };
}

/**
 * Where the instance's root-cause event is (see the top of this file): {find, from, to, pick}, pick
 * 'first-error' or 'last'; null when the instance says neither a query nor a trace.
 */
export function rootCauseSearch(instance) {
  const range = alertRange(instance);
  const details = instance?.details ?? {};
  if (typeof details.worst_trace === 'string' && details.worst_trace !== '') {
    return { find: fieldClause(details.trace_field || 'trace_id', details.worst_trace), from: range.from, to: range.to, pick: 'first-error' };
  }
  if (range.q === null) return null;
  const find = drillQuery(filterOf(range.q), instance.group ?? {});
  if (details.seen_events !== undefined) {
    const to = parseIso(range.to);
    return { find, from: Number.isFinite(to) ? isoOf(to - LAST_WORDS_MS) : range.from, to: range.to, pick: 'last' };
  }
  return { find, from: range.from, to: range.to, pick: 'first-error' };
}

/** The surrounding-events route that finds the root-cause event ('#/surrounding?find=…&from=…&to=…&pick=…'), or null. */
export function rootCauseHref(instance) {
  const search = rootCauseSearch(instance);
  if (!search) return null;
  const params = new URLSearchParams({ find: search.find, pick: search.pick });
  if (search.from) params.set('from', search.from);
  if (search.to) params.set('to', search.to);
  return `#/surrounding?${params}`;
}

/**
 * The queries that find the event, in order (the first that answers an event wins): {q, limit: 1},
 * oldest first for 'first-error' (errors, then any event), newest first for 'last'.
 */
export function rootCauseQueries(find, pick) {
  if (pick === 'last') return [{ q: find, limit: 1 }];
  const errors = find === '*' ? ERRORS : `(${find}) AND ${ERRORS}`;
  return [{ q: `${errors} | sort timestamp`, limit: 1 }, { q: `${find} | sort timestamp`, limit: 1 }];
}

/** The instance's link buttons: Search, Trace (trace rules) and Root cause, as far as it has them. */
export function instanceLinks(instance) {
  const search = inAppHref(instance.links?.search);
  const trace = instance.details?.worst_trace ? inAppHref(instance.links?.trace) : null;
  const rootCause = rootCauseHref(instance);
  return [
    search ? h('a', { class: 'button small alert-search-link', href: search,
      title: 'the rule\'s query over the alert\'s time range' }, 'Search') : null,
    trace ? h('a', { class: 'button small alert-trace-link', href: trace,
      title: `the trace with errors in the most services: ${instance.details.worst_trace}` }, 'Trace') : null,
    rootCause ? h('a', { class: 'button small alert-root-cause-link', href: rootCause,
      title: 'the root-cause event (the first error of the alert\'s group or trace) among what its service logged around it' },
    'Root cause') : null,
  ].filter(Boolean);
}
