// Live tail (#/tail?q=…&hl=…): events as they arrive, filtered by the server, newest at the
// bottom. Pause holds new events aside; scrolling up locks the view (follow resumes at the bottom);
// a highlight term is marked in messages. The page keeps at most BUFFER_ROWS events and draws only
// the rows in view, so a flood (the server sends at most 2,000 events/s per subscriber and counts
// the rest as skipped) never freezes it.

import { h, replace } from '../lib/dom.js';
import { errorView } from '../lib/errors.js';
import { addClause, eventDetail, eventRow, fieldClause, messageOf } from '../lib/events.js';
import { surroundingActions } from '../lib/surrounding.js';
import { Ring } from '../lib/ring.js';
import { checkTailQuery, openTail } from '../lib/tail-stream.js';
import { formatCount, formatRate } from '../lib/units.js';
import { createVirtualList } from '../lib/virtual-list.js';

/** Events kept for scrolling back: a few minutes of a busy filter, a few MB of memory. */
export const BUFFER_ROWS = 5000;
/** Height of one row in pixels; fixed so the list can place rows without measuring them. */
const ROW_HEIGHT = 24;

const STATE_TEXT = { idle: 'stopped', checking: 'checking query…', connecting: 'connecting…', live: 'live',
  reconnecting: 'reconnecting…', closed: 'disconnected', failed: 'query rejected' };

export function mount(container, params, app) {
  const rows = new Ring(BUFFER_ROWS);
  const held = new Ring(BUFFER_ROWS); // events that arrived while paused
  const totals = { received: 0, skipped: 0, gaps: 0, matchedPerSecond: NaN, receivedPerSecond: NaN };
  let filter = params.q ?? '';
  let highlight = params.hl ?? '';
  let paused = false;
  let stream = null; // function closing the current stream
  let checking = null; // AbortController of the query check in flight

  const queryInput = h('input', { type: 'search', class: 'query-input tail-query', value: filter, placeholder: 'filter, e.g. level:ERROR AND service:checkout (empty: everything)',
    'aria-label': 'Tail filter', spellcheck: 'false', dataset: { focusKey: '/' } });
  const highlightInput = h('input', { type: 'search', class: 'tail-highlight', value: highlight, placeholder: 'highlight', 'aria-label': 'Highlight term' });
  const pauseButton = h('button', { type: 'button', class: 'button tail-pause', title: 'Pause or resume (Space)' }, 'Pause');
  const followButton = h('button', { type: 'button', class: 'button tail-follow', hidden: true, title: 'Jump to the newest event (End)' }, '↓ Follow');
  const stateBadge = h('span', { class: 'tail-state' });
  const rateText = h('span', { class: 'tail-rate' });
  const skippedText = h('span', { class: 'tail-skipped' });
  const gapText = h('span', { class: 'tail-gap' });
  const bufferText = h('span', { class: 'tail-buffer muted' });
  const heldText = h('span', { class: 'tail-held' });
  const message = h('div', { class: 'tail-message' });
  const viewport = h('div', { class: 'tail-viewport', role: 'table', 'aria-label': 'Live events' });
  const detail = h('div', { class: 'tail-detail', hidden: true });
  const page = h('section', { class: 'page tail-page', dataset: { state: 'idle' } },
      h('form', { class: 'toolbar tail-toolbar', onsubmit: (e) => { e.preventDefault(); start(queryInput.value); } },
          queryInput,
          h('button', { type: 'submit', class: 'button primary' }, 'Tail'),
          pauseButton,
          highlightInput,
          h('button', { type: 'button', class: 'button', title: 'Forget the events shown', onclick: clearRows }, 'Clear')),
      h('div', { class: 'toolbar tail-status' }, stateBadge, rateText, skippedText, gapText, heldText, bufferText, h('span', { class: 'spacer' }), followButton),
      message,
      viewport,
      detail);
  replace(container, page);

  // Newest at the bottom, followed until the user scrolls up; a click or Enter on a row shows the
  // event below the list (Space stays pause).
  const list = createVirtualList(viewport, {
    rowHeight: ROW_HEIGHT,
    renderRow: (event) => eventRow(event, { cells: true, className: 'tail-row', message: marked(messageOf(event), highlight) }),
    onToggle: (event, index, open) => (open ? showDetail(event) : closeDetail()),
    follow: true,
    onFollowChange: (following) => {
      followButton.hidden = following;
      page.dataset.follow = following ? 'on' : 'off';
    },
    toggleKeys: ['Enter'],
  });
  list.setItems(rows);
  page.dataset.follow = 'on';

  function showDetail(event) {
    replace(detail, eventDetail(event, {
      onFilter: (field, value, negate) => {
        queryInput.value = addClause(queryInput.value, fieldClause(field, value, { negate }));
        start(queryInput.value);
      },
      onTrace: (id) => app.navigate(`trace/${id}`),
      onClose: closeDetail,
      actions: surroundingActions(event),
    }));
    detail.hidden = false;
  }

  function closeDetail() {
    detail.hidden = true;
    replace(detail);
    list.collapse();
  }

  function onBatch(batch) {
    const events = Array.isArray(batch.events) ? batch.events : [];
    totals.received += events.length;
    totals.skipped += Number.isFinite(batch.skipped) ? batch.skipped : 0;
    totals.matchedPerSecond = batch.matched_per_second;
    totals.receivedPerSecond = batch.received_per_second;
    if (paused) {
      held.push(events);
    } else if (events.length > 0) {
      list.refresh({ dropped: rows.push(events) });
    }
    showCounters();
  }

  // After a reconnection the server replays what the page missed; what it could not is announced.
  function onGap(gap) {
    totals.gaps += 1;
    gapText.textContent = `${formatCount(totals.gaps)} gap${totals.gaps === 1 ? '' : 's'} after reconnecting`;
    gapText.title = gap.message ?? '';
    page.dataset.gaps = String(totals.gaps);
  }

  function showCounters() {
    rateText.textContent = Number.isFinite(totals.matchedPerSecond)
      ? `${formatRate(totals.matchedPerSecond)} matching events/s of ${formatRate(totals.receivedPerSecond)} received` : '';
    skippedText.textContent = totals.skipped > 0 ? `${formatCount(totals.skipped)} skipped (over the display rate)` : '';
    skippedText.title = 'Events that matched but were not sent to this page: the server sends at most 2,000 per second to one viewer.';
    page.dataset.skipped = String(totals.skipped);
    heldText.textContent = paused ? `paused · ${formatCount(held.length + held.dropped)} new held` : '';
    page.dataset.held = String(held.length + held.dropped);
    bufferText.textContent = `${formatCount(rows.length)} shown${rows.dropped > 0 ? ` (latest ${formatCount(BUFFER_ROWS)} kept)` : ''}`;
  }

  function setState(state) {
    page.dataset.state = state;
    stateBadge.textContent = paused && state === 'live' ? 'paused' : STATE_TEXT[state] ?? state;
    stateBadge.className = `tail-state tail-state-${state}`;
  }

  async function start(text) {
    filter = text.trim();
    app.navigate('tail', { q: filter, hl: highlight }, { replace: true, silent: true });
    stop();
    replace(message);
    setState('checking');
    checking = new AbortController();
    try {
      await checkTailQuery(filter, { signal: checking.signal });
    } catch (error) {
      if (error.name === 'AbortError') return;
      setState('failed');
      replace(message, errorView(error, { query: filter, retry: () => start(queryInput.value) }));
      return;
    }
    stream = openTail(filter, { onBatch, onGap, onState: setState });
  }

  function stop() {
    checking?.abort();
    checking = null;
    stream?.();
    stream = null;
  }

  function togglePause() {
    paused = !paused;
    pauseButton.textContent = paused ? 'Resume' : 'Pause';
    pauseButton.classList.toggle('active', paused);
    page.dataset.paused = String(paused);
    if (!paused && held.length > 0) {
      const waiting = [];
      for (let i = 0; i < held.length; i++) waiting.push(held.get(i));
      list.refresh({ dropped: rows.push(waiting) });
    }
    if (!paused) held.clear();
    setState(page.dataset.state);
    showCounters();
  }

  function clearRows() {
    rows.clear();
    held.clear();
    totals.skipped = 0;
    totals.gaps = 0;
    gapText.textContent = '';
    closeDetail();
    showCounters();
    list.setItems(rows);
    list.follow();
  }

  pauseButton.addEventListener('click', togglePause);
  followButton.addEventListener('click', () => list.follow());
  highlightInput.addEventListener('input', () => {
    highlight = highlightInput.value;
    app.navigate('tail', { q: filter, hl: highlight }, { replace: true, silent: true });
    list.redraw();
  });
  const onKey = (e) => {
    const typing = ['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON'].includes(e.target.tagName);
    if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === ' ') {
      e.preventDefault();
      togglePause();
    } else if (e.key === 'End') {
      list.follow();
    } else if (e.key === 'Escape' && !detail.hidden) {
      closeDetail();
    }
  };
  document.addEventListener('keydown', onKey);

  showCounters();
  start(filter);
  return () => {
    document.removeEventListener('keydown', onKey);
    stop();
    list.destroy();
  };
}

/** The text with every case-insensitive occurrence of term wrapped in <mark>. */
function marked(text, term) {
  if (!term) return text;
  const lower = text.toLowerCase();
  const needle = term.toLowerCase();
  const parts = [];
  let from = 0;
  for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, from)) {
    parts.push(text.slice(from, at), h('mark', {}, text.slice(at, at + needle.length)));
    from = at + needle.length;
  }
  parts.push(text.slice(from));
  return parts;
}
