// The search page's event results: a virtualized table (time, level, service, message) whose
// rows expand to the full event. The first page comes with the query; more pages load as the
// user scrolls to the end, up to MAX_LOADED events — never the whole result set.

import { h } from '../../lib/dom.js';
import { query } from '../../lib/api.js';
import { createVirtualList } from '../../lib/virtual-list.js';
import { eventDetail, eventRow } from '../../lib/events.js';
import { surroundingActions } from '../../lib/surrounding.js';

/** Events per request: the first screenfuls, quick to answer on any store. */
export const PAGE_SIZE = 200;
/** Most events held by the page; past it the user narrows the query instead. */
export const MAX_LOADED = 5_000;
const ROW_HEIGHT = 26;

export function createEventResults(container, { onFilter, onTrace }) {
  const columns = h('div', { class: 'event-row results-columns', role: 'row' },
      ['Time', 'Level', 'Service', 'Message'].map((name) => h('span', { role: 'columnheader' }, name)));
  const scroller = h('div', { class: 'results-scroller', role: 'table', 'aria-label': 'Matching events' });
  container.replaceChildren(columns, scroller);
  let request = null; // {text, from, to, total, signal}
  let loading = false;

  // Rows open on a click, Enter or Space, and ↑/↓ (or k/j) move between them (lib/virtual-list.js).
  const list = createVirtualList(scroller, {
    rowHeight: ROW_HEIGHT,
    renderRow: (event) => eventRow(event, { cells: true, className: 'result-row' }),
    renderDetail: (event) => eventDetail(event, { onFilter, onTrace, onClose: () => list.collapse(),
      actions: surroundingActions(event) }),
    onNearEnd: () => loadMore(),
  });

  function footer() {
    const items = list.items();
    if (!request) return;
    if (items.length === 0) {
      list.setFooter(h('div', { class: 'placeholder no-results' }, 'No events match this query in this time range.'));
    } else if (items.length >= request.total) {
      list.setFooter(h('div', { class: 'results-end muted' }, `All ${items.length.toLocaleString()} events shown.`));
    } else if (items.length >= MAX_LOADED) {
      list.setFooter(h('div', { class: 'results-end muted' }, `Showing the newest ${items.length.toLocaleString()} of `
          + `${request.total.toLocaleString()} events. Narrow the query or the time range to see older ones.`));
    } else {
      list.setFooter(h('div', { class: 'results-end' }, h('button', { type: 'button', class: 'button load-more',
        onclick: () => loadMore() }, loading ? 'Loading…' : `Load more (${items.length.toLocaleString()} of ${request.total.toLocaleString()})`)));
    }
  }

  /**
   * The next page: events at or before the oldest one shown; those already shown at that exact
   * instant are skipped (the API's `to` is inclusive and several events may share a timestamp).
   */
  async function loadMore() {
    const items = list.items();
    if (!request || loading || items.length === 0 || items.length >= request.total || items.length >= MAX_LOADED) return;
    loading = true;
    footer();
    const oldest = items[items.length - 1].timestamp;
    const seen = new Set(items.filter((e) => e.timestamp === oldest).map((e) => JSON.stringify(e)));
    const current = request;
    try {
      const answer = await query(current.text, { from: current.from, to: oldest,
        limit: Math.min(PAGE_SIZE + seen.size, MAX_LOADED - items.length + seen.size), signal: current.signal });
      if (current !== request || current.signal.aborted) return;
      const fresh = answer.events.filter((e) => !(e.timestamp === oldest && seen.has(JSON.stringify(e))));
      if (fresh.length === 0) {
        request = { ...request, total: items.length }; // nothing older: the total moved under us
      }
      list.appendItems(fresh);
    } catch (e) {
      if (e.name !== 'AbortError') {
        list.setFooter(h('div', { class: 'results-end error-message' }, `Could not load more: ${e.message}`));
        return;
      }
    } finally {
      loading = false;
    }
    footer();
  }

  return {
    /** Shows the first page of an answer to `text` over [from, to]; pageable: false for piped queries. */
    show(answer, { text, from, to, signal, pageable = true }) {
      container.hidden = false;
      // Pipes (head, sort, where) decide which events a query answers: only a plain filter pages.
      request = { text, from, to, total: pageable ? answer.total : answer.events.length, signal };
      list.setItems(answer.events);
      footer();
    },
    collapse: () => list.collapse(),
    hide() {
      container.hidden = true;
      request = null;
      list.setItems([]);
      list.setFooter();
    },
    destroy: () => list.destroy(),
  };
}
