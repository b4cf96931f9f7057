// "Surrounding events": what the same service on the same host logged just before and after one
// event. The pure parts shared by every page that offers the action (Search, live tail, trace
// view) and by the view itself (pages/surrounding.js): the link, the filter, the event's key,
// and merging pages of neighbours into one time-ordered list without repeats.

import { h } from './dom.js';
import { fieldClause, valueText } from './events.js';

/** The host of an event: `host`, else `host.name` (flat or nested), else null. */
export function hostOf(event) {
  const host = event?.host;
  if (host !== null && typeof host === 'object') return host.name === undefined ? null : valueText(host.name);
  if (host !== undefined && host !== null && host !== '') return valueText(host);
  const dotted = event?.['host.name'];
  return dotted === undefined || dotted === null || dotted === '' ? null : valueText(dotted);
}

/**
 * The filter for an event's neighbours: its service and its host ("service:checkout host:web-1");
 * an event without a host matches its service's events without one too. Null without a service.
 */
export function neighbourFilter(service, host) {
  if (!service) return null;
  return `${fieldClause('service', service)} ${host ? fieldClause('host', host) : '-host:*'}`;
}

/**
 * A short stable key of an event (FNV-1a of its JSON): the view highlights the event whose key the
 * link carries, among those sharing its timestamp.
 */
export function eventKey(event) {
  const text = JSON.stringify(event);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** The route of the view around `event` ('#/surrounding?at=…&service=…&host=…&key=…'), or null without a time and service. */
export function surroundingHref(event) {
  const service = event?.service === undefined || event?.service === null ? '' : valueText(event.service);
  if (!event?.timestamp || !service) return null;
  const params = new URLSearchParams({ at: String(event.timestamp), service });
  const host = hostOf(event);
  if (host) params.set('host', host);
  params.set('key', eventKey(event));
  return `#/surrounding?${params}`;
}

/**
 * Joins pages of neighbours into one list in time order, each event once (an event seen twice —
 * at the instant two pages share — keeps its first place). `earlier`: older events, newest first
 * (as a search answers); `shown`: the list so far, oldest first; `later`: newer events, oldest first.
 */
export function mergeNeighbours(earlier, shown, later) {
  const seen = new Set();
  const merged = [];
  for (const event of [...[...earlier].reverse(), ...shown, ...later]) {
    const text = JSON.stringify(event);
    if (!seen.has(text)) {
      seen.add(text);
      merged.push(event);
    }
  }
  return merged;
}

/** The detail bar's "Surrounding events" link for `event`, in a list (none when the event has no time or service). */
export function surroundingActions(event) {
  const href = surroundingHref(event);
  return href ? [h('a', { class: 'button small surrounding-link', href, onclick: (e) => e.stopPropagation(),
    title: 'What the same service on the same host logged just before and after this event' }, 'Surrounding events')] : [];
}
