// Surrounding events (#/surrounding?at=<timestamp>&service=<s>&host=<h>&key=<event key>): what the
// same service on the same host logged just before and after one event — PAGE events on each side
// by timestamp, the event itself highlighted, and "Load earlier" / "Load later" for more. Reached
// from an event's detail in Search, the live tail and the trace view (lib/surrounding.js). Uses
// only the query API: earlier events are the filter up to `at` (newest first), later ones the
// filter from `at` sorted by time.
//
// An alert's "Root cause" link (lib/alert-links.js) names no event but how to find it:
// #/surrounding?find=<filter>&from=<iso>&to=<iso>&pick=first-error|last. The view runs those queries,
// then shows the event found in place of that URL (so Back returns to the alert), with `cause`
// saying how it was found.

import { rootCauseQueries } from '../lib/alert-links.js';
import { query } from '../lib/api.js';
import { h, replace, setLink } from '../lib/dom.js';
import { errorView } from '../lib/errors.js';
import { addClause, eventDetail, eventRow, fieldClause } from '../lib/events.js';
import { eventKey, mergeNeighbours, neighbourFilter, surroundingHref } from '../lib/surrounding.js';
import { formatTimestamp } from '../lib/time.js';

/** Events on each side at first and per "load" click: a screenful of context either way. */
export const PAGE = 20;
/** Most events the view holds: past it, Search with the filter is the better tool. */
export const MAX_SHOWN = 1_000;

export function mount(container, params, app) {
  if (params.find && !params.at) {
    return findEvent(container, params, app);
  }
  const controller = new AbortController();
  const filter = neighbourFilter(params.service, params.host);
  const list = h('div', { class: 'surrounding-list', role: 'list', 'aria-label': 'Surrounding events' });
  const earlierButton = h('button', { type: 'button', class: 'button surrounding-earlier', onclick: () => loadEarlier() }, `Load ${PAGE} earlier`);
  const laterButton = h('button', { type: 'button', class: 'button surrounding-later', onclick: () => loadLater() }, `Load ${PAGE} later`);
  const status = h('div', { class: 'muted surrounding-status' });
  const searchLink = h('a', { class: 'surrounding-search-link' }, 'Open in Search');
  replace(container, h('section', { class: 'page surrounding-page' },
      h('div', { class: 'toolbar surrounding-toolbar' },
          h('h1', { class: 'surrounding-title' }, 'Surrounding events'),
          h('span', { class: 'muted' }, `${params.service ?? '?'}${params.host ? ` on ${params.host}` : ' (no host)'} around ${params.at ? formatTimestamp(params.at) : '?'}`),
          h('span', { class: 'spacer' }), searchLink),
      params.cause ? h('div', { class: 'muted surrounding-cause' }, 'The alert\'s root-cause event, found by ',
          h('code', {}, params.cause), ' in the alert\'s time range, is outlined.') : null,
      status, earlierButton, list, laterButton));
  if (!filter || !params.at) {
    replace(list, h('div', { class: 'placeholder' }, 'This link names no event: it needs a time (at) and a service.'));
    earlierButton.hidden = laterButton.hidden = true;
    return () => controller.abort();
  }
  setLink(searchLink, `#/search?${new URLSearchParams({ q: filter, to: params.at })}`);
  let events = [];
  let busy = false;

  /** Earlier events: up to `to` (inclusive: the events at that instant are already shown or filtered out). */
  const earlier = (to, extra) => query(filter, { to, limit: PAGE + extra, signal: controller.signal });
  /** Later events: from `from`, oldest first. */
  const later = (from, extra) => query(`${filter} | sort timestamp`, { from, limit: PAGE + extra, signal: controller.signal });
  /** Events already shown at the instant a page starts from: asked for on top, then dropped as repeats. */
  const atInstant = (timestamp) => events.filter((e) => e.timestamp === timestamp).length;

  async function run(work) {
    if (busy) return;
    busy = true;
    earlierButton.disabled = laterButton.disabled = true;
    try {
      await work();
      draw();
    } catch (error) {
      if (error.name !== 'AbortError') replace(status, errorView(error, { retry: () => run(work) }));
    } finally {
      busy = false;
      earlierButton.disabled = laterButton.disabled = events.length >= MAX_SHOWN;
    }
  }

  function draw() {
    const key = params.key;
    replace(list, events.length === 0 ? h('div', { class: 'placeholder' }, 'No events of this service and host around this time.')
      : events.map((event) => {
        const anchor = event.timestamp === params.at && (!key || eventKey(event) === key);
        const wrapper = h('div', { class: ['surrounding-item', anchor ? 'surrounding-anchor' : null], role: 'listitem',
          dataset: { anchor: anchor ? 'true' : 'false', timestamp: event.timestamp }, 'aria-current': anchor ? 'true' : null });
        const row = eventRow(event, { className: 'surrounding-row', onClick: () => toggle(wrapper, row, event) });
        wrapper.append(row);
        return wrapper;
      }));
    status.textContent = events.length >= MAX_SHOWN
      ? `${events.length} events shown, the most this view holds: open Search for more.`
      : `${events.length} events of ${params.service}${params.host ? ` on ${params.host}` : ''}`;
  }

  function toggle(wrapper, row, event) {
    const open = wrapper.querySelector('.event-detail');
    if (open) {
      open.remove();
      return;
    }
    wrapper.append(eventDetail(event, {
      onFilter: (field, value, negate) => app.navigate('search', { q: addClause(filter, fieldClause(field, value, { negate })) }),
      onTrace: (id) => app.navigate(`trace/${id}`),
      onClose: () => wrapper.querySelector('.event-detail')?.remove(),
    }));
  }

  async function loadEarlier() {
    await run(async () => {
      const oldest = events[0]?.timestamp ?? params.at;
      const answer = await earlier(oldest, atInstant(oldest));
      const before = events.length;
      events = mergeNeighbours(answer.events, events, []);
      if (events.length === before) earlierButton.textContent = 'No earlier events';
    });
  }

  async function loadLater() {
    await run(async () => {
      const newest = events[events.length - 1]?.timestamp ?? params.at;
      const answer = await later(newest, atInstant(newest));
      const before = events.length;
      events = mergeNeighbours([], events, answer.events);
      if (events.length === before) laterButton.textContent = 'No later events';
    });
  }

  run(async () => {
    // both sides include the event itself (the bounds are inclusive): one more each
    const [before, after] = await Promise.all([earlier(params.at, 1), later(params.at, 1)]);
    events = mergeNeighbours(before.events, [], after.events);
    requestAnimationFrame(() => list.querySelector('.surrounding-anchor')?.scrollIntoView({ block: 'center' }));
  });
  return () => controller.abort();
}

/**
 * The `find=` form: runs the root-cause queries over from..to (the first that answers an event
 * wins) and shows the view around that event in place of this URL, or says that none matched.
 */
function findEvent(container, params, app) {
  const controller = new AbortController();
  const range = { from: params.from, to: params.to };
  const status = h('div', { class: 'placeholder spinner surrounding-finding' }, 'Finding the root-cause event…');
  replace(container, h('section', { class: 'page surrounding-page' },
      h('div', { class: 'toolbar surrounding-toolbar' },
          h('h1', { class: 'surrounding-title' }, 'Surrounding events'),
          h('span', { class: 'muted' }, 'root cause: ', h('code', {}, params.find)),
          h('span', { class: 'spacer' }),
          h('a', { class: 'surrounding-search-link', href: `#/search?${new URLSearchParams({ q: params.find, ...range })}` }, 'Open in Search')),
      status));
  (async () => {
    for (const { q, limit } of rootCauseQueries(params.find, params.pick)) {
      const answer = await query(q, { ...range, limit, signal: controller.signal });
      const event = answer.events?.[0];
      if (event) {
        const href = surroundingHref(event);
        if (!href) {
          status.className = 'placeholder surrounding-finding';
          replace(status, 'The root-cause event names no service: open it in Search.');
          return;
        }
        const found = Object.fromEntries(new URLSearchParams(href.slice(href.indexOf('?') + 1)));
        app.navigate('surrounding', { ...found, cause: params.find }, { replace: true });
        return;
      }
    }
    status.className = 'placeholder surrounding-finding';
    replace(status, 'No event matches ', h('code', {}, params.find), ' in the alert\'s time range.');
  })().catch((error) => {
    if (error.name === 'AbortError') return;
    status.className = 'surrounding-finding';
    replace(status, errorView(error));
  });
  return () => controller.abort();
}
