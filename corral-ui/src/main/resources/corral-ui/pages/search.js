// The Search page: #/search?q=…&from=…&to=…
//
// Query bar (autocompletion, history, syntax help) and time range picker on top; below, for a
// filter query, a histogram stacked by level (drag to zoom), the field sidebar and the
// virtualized event table; for a pipe query that makes a table, a chart and the table. The URL
// holds the query and the range, so a link (or a reload) shows the same search. Server errors
// (syntax with caret, 429, 504) show in place of the results.

import { h, loadStyle } from '../lib/dom.js';
import { query } from '../lib/api.js';
import { showError } from '../lib/errors.js';
import { archiveNote } from '../lib/archive-note.js';
import { addClause, fieldClause, firstPipe } from '../lib/events.js';
import { createHistory } from '../lib/history.js';
import { createQueryBar } from '../lib/query-bar.js';
import { createCompletionProvider } from '../lib/completions.js';
import { createTimePicker } from '../lib/time-picker.js';
import { DEFAULT_RANGE, resolveRange, isoOf } from '../lib/time.js';
import { createHistogram } from './search/histogram.js';
import { createFieldSidebar } from './search/field-sidebar.js';
import { createEventResults, PAGE_SIZE } from './search/event-results.js';
import { createTableResult } from './search/table-result.js';

/** Rows asked for when the query has pipes (a table); the server caps it at search.max_limit. */
const TABLE_LIMIT = 1_000;

export function mount(container, params, app) {
  loadStyle('/ui/pages/search.css');
  const state = { q: params.q ?? '', from: params.from || DEFAULT_RANGE.from, to: params.to || DEFAULT_RANGE.to };
  let controller = null;

  const bar = createQueryBar({
    value: state.q,
    history: createHistory('corral.history.search'),
    suggest: createCompletionProvider(() => currentRange()),
    onRun: (text) => { state.q = text; run(); },
  });
  const picker = createTimePicker({ from: state.from, to: state.to }, (range) => { Object.assign(state, range); run(); });
  const summary = h('div', { class: 'results-summary muted', 'aria-live': 'polite' });
  const histogramBox = h('div', { class: 'histogram panel' });
  const sidebarBox = h('aside', { class: 'field-sidebar panel', 'aria-label': 'Fields' });
  const eventsBox = h('div', { class: 'event-results' });
  const tableBox = h('div', { class: 'table-result', hidden: true });
  const errorBox = h('div', { class: 'search-error', hidden: true });
  const archiveBox = h('div', { class: 'archive-note muted', 'aria-live': 'polite', hidden: true });
  const page = h('div', { class: 'search-page' },
      h('div', { class: 'search-top' }, bar.element, picker.element),
      histogramBox,
      h('div', { class: 'search-body' }, sidebarBox,
          h('section', { class: 'search-results panel' }, summary, errorBox, eventsBox, tableBox, archiveBox)));
  container.append(page);

  const filterFor = (field, value, negate) => {
    state.q = addClause(state.q, fieldClause(field, value, { negate }));
    bar.set(state.q);
    run();
  };
  const zoom = (fromMs, toMs) => {
    state.from = isoOf(fromMs);
    state.to = isoOf(toMs);
    picker.set({ from: state.from, to: state.to });
    run();
  };
  const histogram = createHistogram(histogramBox, { onZoom: zoom });
  const sidebar = createFieldSidebar(sidebarBox, { onFilter: filterFor });
  const events = createEventResults(eventsBox, { onFilter: filterFor, onTrace: (id) => app.navigate(`trace/${id}`) });
  const table = createTableResult(tableBox, { onZoom: zoom });

  function currentRange() {
    const { fromMs, toMs } = resolveRange(state);
    return { from: isoOf(fromMs), to: isoOf(toMs) };
  }

  function showFailure(error, text) {
    errorBox.hidden = false;
    showError(errorBox, error, { query: text, retry: () => run() });
    bar.setInvalid(error.status === 400);
    summary.textContent = '';
    archiveBox.hidden = true;
    events.hide();
    table.hide();
    histogram.hide();
    sidebar.hide();
  }

  /** Runs the query in `state`; the URL follows (replaced rather than pushed for the first run, so Back leaves the page). */
  async function run({ replace = false } = {}) {
    controller?.abort();
    controller = new AbortController();
    const { signal } = controller;
    app.navigate('search', { q: state.q, from: state.from, to: state.to }, { silent: true, replace });
    const { fromMs, toMs } = resolveRange(state);
    const range = { from: isoOf(fromMs), to: isoOf(toMs) };
    const text = state.q;
    const pipe = firstPipe(text);
    bar.setInvalid(false);
    page.classList.add('running');
    summary.textContent = 'Searching…';
    const histogramDone = pipe < 0 ? histogram.load(text, fromMs, toMs, signal) : null;
    let answer;
    try {
      answer = await query(text, { ...range, limit: pipe < 0 ? PAGE_SIZE : TABLE_LIMIT, signal });
    } catch (error) {
      if (signal.aborted) return;
      page.classList.remove('running');
      showFailure(error, text);
      return;
    }
    if (signal.aborted) return; // answered just as a newer run started
    page.classList.remove('running');
    errorBox.hidden = true;
    archiveBox.textContent = archiveNote(answer.archive);
    archiveBox.hidden = archiveBox.textContent === '';
    const took = `took ${answer.took_ms} ms`;
    const warnings = answer.warnings?.length ? ` · ${answer.warnings.join(' · ')}` : '';
    if (answer.kind === 'table') {
      summary.textContent = `${answer.rows.length.toLocaleString()} rows from ${answer.total.toLocaleString()} events · ${took}${warnings}`;
      histogram.hide();
      sidebar.hide();
      events.hide();
      table.show(answer);
      return;
    }
    summary.textContent = `${answer.total.toLocaleString()} events · ${took}${warnings}`;
    table.hide();
    events.show(answer, { text, ...range, signal, pageable: pipe < 0 });
    if (pipe >= 0) {
      histogram.load(text, fromMs, toMs, signal);
    }
    await histogramDone;
    if (!signal.aborted) {
      sidebar.load(pipe < 0 ? text : text.slice(0, pipe), range, signal);
    }
  }

  const onKey = (event) => {
    if (event.key === 'Escape' && !event.defaultPrevented && events.collapse()) {
      event.preventDefault();
    }
  };
  document.addEventListener('keydown', onKey);

  run({ replace: true });
  if (!state.q) bar.focus();

  return () => {
    controller?.abort();
    document.removeEventListener('keydown', onKey);
    bar.destroy();
    picker.destroy();
    histogram.destroy();
    events.destroy();
    table.destroy();
  };
}
