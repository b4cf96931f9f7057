// Trace view (#/trace/<id>?from=…&to=…): every event of one trace_id or request_id across
// services, on a timeline with one lane per service — errors marked, each service's span drawn,
// long pauses between consecutive events shaded as gaps — and below it the events in time order,
// each expandable to the full event. Without an id: an id box and the recent traces with errors.

import { routeHash } from '../app.js';
import { query, trace as fetchTrace } from '../lib/api.js';
import { h, replace } from '../lib/dom.js';
import { errorView } from '../lib/errors.js';
import { addClause, eventDetail, fieldClause, levelBadge, messageOf, valueText } from '../lib/events.js';
import { layoutTrace } from '../lib/lanes.js';
import { surroundingActions } from '../lib/surrounding.js';
import { formatDuration, formatTimestamp } from '../lib/time.js';
import { countOf, formatCount } from '../lib/units.js';

/** The recent traces worth opening: those whose errors reach the most services. */
export const ERROR_TRACES_QUERY = 'level:(ERROR OR FATAL) AND trace_id:* '
    + '| stats count() as errors, dc(service) as services by trace_id | sort -services, -errors | head 20';
const RECENT_RANGES = [['now-15m', 'last 15 minutes'], ['now-1h', 'last hour'], ['now-24h', 'last 24 hours']];

export function mount(container, params, app) {
  const controller = new AbortController();
  const idInput = h('input', { type: 'search', class: 'query-input trace-id-input', value: params.id ?? '',
    placeholder: 'trace_id or request_id', 'aria-label': 'Trace id', spellcheck: 'false', dataset: { focusKey: '/' } });
  const body = h('div', { class: 'trace-body' });
  replace(container, h('section', { class: 'page trace-page' },
      h('form', { class: 'toolbar trace-toolbar', onsubmit: (e) => {
        e.preventDefault();
        const id = idInput.value.trim();
        if (id) app.navigate(`trace/${id}`, { from: params.from, to: params.to });
      } }, h('label', { class: 'muted' }, 'Trace'), idInput, h('button', { type: 'submit', class: 'button primary' }, 'Open'),
      params.id ? h('a', { href: routeHash('trace'), class: 'trace-recent-link' }, 'Recent traces with errors') : null),
      body));

  if (params.id) {
    showTrace(body, params, app, controller.signal);
  } else {
    showRecent(body, params.from ?? 'now-1h', app, controller.signal);
  }
  return () => controller.abort();
}

async function showTrace(body, params, app, signal) {
  replace(body, h('div', { class: 'placeholder spinner' }, `Loading trace ${params.id}`));
  let answer;
  try {
    answer = await fetchTrace(params.id, { from: params.from, to: params.to, signal });
  } catch (error) {
    if (error.name !== 'AbortError') replace(body, errorView(error, { retry: () => showTrace(body, params, app, signal) }));
    return;
  }
  if (!answer.events?.length) {
    replace(body, h('div', { class: 'placeholder trace-empty' },
        `No events with trace_id or request_id ${params.id}`, params.from ? ` since ${params.from}.` : '.'));
    return;
  }
  replace(body, traceView(answer, app));
}

function traceView(answer, app) {
  const layout = layoutTrace(answer);
  const list = eventList(layout, app);
  const open = (index) => list.expand(index);
  return h('div', { class: 'trace-view', dataset: { traceId: answer.id } },
      summary(answer, layout, app),
      timeline(layout, open),
      list.element);
}

function summary(answer, layout, app) {
  const services = layout.lanes.length;
  const searchHref = routeHash('search', { q: `${fieldClause('trace_id', answer.id)} OR ${fieldClause('request_id', answer.id)}` });
  return h('div', { class: 'trace-summary' },
      h('h1', {}, 'Trace ', h('code', {}, answer.id)),
      h('div', { class: 'trace-facts' },
          fact(countOf(services, 'service')),
          fact(countOf(answer.total ?? layout.events.length, 'event')),
          fact(countOf(answer.errors ?? 0, 'error'), (answer.errors ?? 0) > 0 ? 'fact-error' : null),
          fact(`${formatDuration(layout.durationMs)} long`),
          fact(`started ${formatTimestamp(layout.events[0].event.timestamp)}`),
          h('a', { href: searchHref, class: 'trace-search-link' }, 'Open in Search')),
      answer.truncated
        ? h('div', { class: 'trace-warning' }, `Only the first ${formatCount(layout.events.length)} of ${formatCount(answer.total)} events are shown.`)
        : null);
}

function fact(text, tone = null) {
  return h('span', { class: ['fact', tone] }, text);
}

/** The axis and one lane per service; clicking a marker opens its event in the list below. */
function timeline(layout, open) {
  const pct = (fraction) => `${(fraction * 100).toFixed(3)}%`;
  const gapShades = () => layout.gaps.map((gap) => h('div', { class: 'trace-gap', style: { left: pct(gap.from), width: pct(gap.to - gap.from) },
    title: `${formatDuration(gap.ms)} with no events` }));
  const axis = h('div', { class: 'trace-lane trace-axis' },
      h('div', { class: 'lane-label muted' }, 'since the first event'),
      h('div', { class: 'lane-track' },
          layout.ticks.map((tick) => h('span', { class: 'trace-tick', style: { left: pct(tick.position) } }, `+${formatDuration(tick.offsetMs)}`)),
          layout.gaps.map((gap) => h('span', { class: 'trace-gap-label', style: { left: pct((gap.from + gap.to) / 2) } },
              `gap ${formatDuration(gap.ms)}`))));
  const lanes = layout.lanes.map((lane) => h('div', { class: ['trace-lane', lane.errors > 0 ? 'lane-has-errors' : null], dataset: { service: lane.service } },
      h('div', { class: 'lane-label', title: `${lane.service}: first +${formatDuration(lane.firstMs)}, last +${formatDuration(lane.lastMs)}` },
          h('span', { class: 'lane-service' }, lane.service),
          h('span', { class: 'lane-facts muted' },
              countOf(lane.events, 'event'),
              lane.errors > 0 ? h('span', { class: 'lane-errors' }, ` · ${countOf(lane.errors, 'error')}`) : null,
              ` · ${formatDuration(lane.spanMs)}`)),
      h('div', { class: 'lane-track' },
          gapShades(),
          h('div', { class: 'lane-span', style: { left: pct(lane.from), width: pct(lane.to - lane.from) } }),
          lane.items.map((item) => h('button', {
            type: 'button',
            class: ['trace-marker', `marker-${String(item.event.level ?? 'other').toLowerCase()}`, item.error ? 'marker-error' : null],
            style: { left: pct(item.position) },
            title: `+${formatDuration(item.offsetMs)} · ${String(item.event.level ?? '')} · ${messageOf(item.event)}`,
            'aria-label': `event at +${formatDuration(item.offsetMs)}`,
            dataset: { index: String(item.index), offset: formatDuration(item.offsetMs) },
            onclick: () => open(item.index),
          })))));
  return h('div', { class: 'trace-timeline' }, axis, lanes);
}

/** Every event oldest first with its offset, gaps between them, each expandable to the full event. */
function eventList(layout, app) {
  const gapAfter = new Map(layout.gaps.map((gap) => [gap.afterIndex, gap]));
  const rows = [];
  const element = h('div', { class: 'trace-events' });
  for (const item of layout.events) {
    const row = h('div', { class: ['event-row', 'trace-event', `row-${String(item.event.level ?? '').toLowerCase()}`], tabindex: 0,
      dataset: { index: String(item.index), service: item.service } },
    h('span', { class: 'cell-offset' }, `+${formatDuration(item.offsetMs)}`),
    h('span', { class: 'cell-time', title: item.event.timestamp }, formatTimestamp(item.event.timestamp)),
    h('span', { class: 'cell-level' }, levelBadge(item.event.level)),
    h('span', { class: 'cell-service' }, valueText(item.service)),
    h('span', { class: 'cell-message' }, messageOf(item.event)));
    const wrapper = h('div', { class: 'trace-event-wrapper' }, row);
    row.addEventListener('click', () => toggle(item.index));
    row.addEventListener('keydown', (e) => { if (e.key === 'Enter') toggle(item.index); });
    rows[item.index] = { wrapper, row, item, detail: null };
    element.append(wrapper);
    const gap = gapAfter.get(item.index);
    if (gap) element.append(h('div', { class: 'trace-gap-row' }, `⋯ ${formatDuration(gap.ms)} without events ⋯`));
  }

  function toggle(index, forceOpen = false) {
    const entry = rows[index];
    if (entry.detail && !forceOpen) {
      entry.detail.remove();
      entry.detail = null;
      entry.row.classList.remove('expanded');
      return;
    }
    if (!entry.detail) {
      entry.detail = eventDetail(entry.item.event, {
        onFilter: (field, value, negate) => app.navigate('search', { q: addClause('', fieldClause(field, value, { negate })) }),
        onTrace: (id) => app.navigate(`trace/${id}`),
        onClose: () => toggle(index),
        actions: surroundingActions(entry.item.event),
      });
      entry.wrapper.append(entry.detail);
      entry.row.classList.add('expanded');
    }
  }

  return {
    element,
    expand(index) {
      toggle(index, true);
      rows[index].row.scrollIntoView({ block: 'nearest' });
      rows[index].row.focus({ preventScroll: true });
    },
  };
}

async function showRecent(body, from, app, signal) {
  const table = h('div', { class: 'recent-traces' }, h('div', { class: 'placeholder spinner' }, 'Looking for traces with errors'));
  const rangeSelect = h('select', { 'aria-label': 'Time range', onchange: () => app.navigate('trace', { from: rangeSelect.value }) },
      RECENT_RANGES.map(([value, label]) => h('option', { value, selected: value === from }, label)));
  replace(body, h('div', { class: 'trace-start' },
      h('p', { class: 'muted' }, 'Enter a trace_id or request_id above, or open one of the recent traces with errors.'),
      h('div', { class: 'toolbar' }, h('h2', {}, 'Traces with errors'), rangeSelect,
          h('a', { href: routeHash('search', { q: ERROR_TRACES_QUERY, from }) }, 'as a search')),
      table));
  let answer;
  try {
    answer = await query(ERROR_TRACES_QUERY, { from, signal });
  } catch (error) {
    if (error.name !== 'AbortError') replace(table, errorView(error, { query: ERROR_TRACES_QUERY, retry: () => showRecent(body, from, app, signal) }));
    return;
  }
  const rows = answer.rows ?? [];
  if (rows.length === 0) {
    replace(table, h('p', { class: 'placeholder' }, 'No traces with errors in this time range.'));
    return;
  }
  const column = (name) => (answer.columns ?? []).findIndex((c) => c.name === name);
  const [idAt, errorsAt, servicesAt] = [column('trace_id'), column('errors'), column('services')];
  replace(table, h('table', { class: 'data-table recent-traces-table' },
      h('thead', {}, h('tr', {}, h('th', {}, 'trace_id'), h('th', { class: 'num' }, 'services with errors'), h('th', { class: 'num' }, 'errors'))),
      h('tbody', {}, rows.filter((row) => row[idAt]).map((row) => h('tr', { class: 'clickable', dataset: { traceId: row[idAt] },
        onclick: () => app.navigate(`trace/${row[idAt]}`) },
      h('td', {}, h('a', { href: routeHash(`trace/${row[idAt]}`) }, h('code', {}, row[idAt]))),
      h('td', { class: 'num' }, formatCount(row[servicesAt])),
      h('td', { class: 'num' }, formatCount(row[errorsAt])))))));
}
