// Dashboard panel bodies: one query answer (POST /api/v1/query) drawn as a matrix, a line or bar
// chart, a table or a single number. Every mark that stands for a set of events (a matrix cell,
// a table row, a chart bucket) links into Search with the query that finds exactly those events:
// the panel's filter plus one clause per group value.

import { createChart } from './chart.js';
import { h } from './dom.js';
import { drillQuery, OTHER } from './drill.js';
import { eventRow, LEVELS, TRACE_FIELDS } from './events.js';
import { ERROR_LEVELS, levelCounts, serviceHealth } from './health.js';
import { chartForTable } from './table-chart.js';
import { isoOf } from './time.js';
import { formatNumber } from './units.js';

export { drillQuery, filterOf } from './drill.js';

/** How a panel draws: a query's answer, or (`alerts`, lib/alerts-panel.js) the firing and pending alerts. */
export const VISUALIZATIONS = ['matrix', 'line', 'bar', 'table', 'number', 'alerts'];
/** Events listed by a table panel whose query has no table-making pipe. */
const EVENT_ROWS = 20;

/** 'critical', 'warning' or null for a value against {warning, critical} thresholds. */
export function thresholdTone(value, thresholds) {
  if (!Number.isFinite(value) || !thresholds) return null;
  if (Number.isFinite(thresholds.critical) && value >= thresholds.critical) return 'critical';
  if (Number.isFinite(thresholds.warning) && value >= thresholds.warning) return 'warning';
  return 'ok';
}

/**
 * Draws an answer into body (emptied first) as the panel's visualization. ctx: {panel,
 * href(query), traceHref(id), open(query, range), baseline}: links into Search and the trace view,
 * going to Search, and for a services × levels matrix the same query's answer over the hour before
 * the panel's range (null when unknown; see lib/health.js). Returns a function freeing what was drawn (charts).
 */
export function drawPanel(body, answer, ctx) {
  body.replaceChildren();
  const dispose = drawAnswer(body, answer, ctx);
  if (answer.warnings?.length) {
    body.append(h('div', { class: 'panel-warnings muted' }, answer.warnings.join('; ')));
  }
  return dispose;
}

function drawAnswer(body, answer, ctx) {
  const visualization = ctx.panel.visualization;
  if (answer.kind !== 'table') {
    return visualization === 'number' ? drawNumber(body, answer.total, ctx) : drawEvents(body, answer, ctx);
  }
  const table = tableOf(answer);
  if (table.rows.length === 0) {
    body.append(h('div', { class: 'panel-empty muted' }, 'No data in this time range.'));
    return () => {};
  }
  switch (visualization) {
    case 'matrix': return drawMatrix(body, table, ctx);
    case 'line':
    case 'bar': return drawChart(body, table, answer, ctx);
    case 'number': return drawNumber(body, firstNumber(table), ctx);
    default: return drawTable(body, table, ctx);
  }
}

/** Columns split into group columns (strings and the time bucket) and value columns (numbers). */
function tableOf(answer) {
  const columns = answer.columns ?? [];
  const rows = answer.rows ?? [];
  const time = columns.findIndex((c) => c.type === 'timestamp');
  const groups = columns.map((c, i) => i).filter((i) => columns[i].type === 'string');
  const values = columns.map((c, i) => i).filter((i) => columns[i].type === 'long' || columns[i].type === 'double');
  return { columns, rows, time, groups, values };
}

function firstNumber(table) {
  const at = table.values[0];
  return at === undefined ? NaN : Number(table.rows[0][at]);
}

function drawNumber(body, value, ctx) {
  const tone = thresholdTone(value, ctx.panel.thresholds);
  body.append(h('a', { class: ['panel-number', tone && `tone-${tone}`], href: ctx.href(ctx.panel.query), dataset: { value: String(value) } },
      formatNumber(value)));
  return () => {};
}

/**
 * Services × levels (or any two group columns) as a heat grid. By level, a service is judged by
 * its error rate and its own history (lib/health.js; the thresholds are error-rate percentages):
 * the verdict colours the service's name and its error cells, a last column gives the rate, and
 * the worst services come first. Other grids judge each cell by its own value.
 */
function drawMatrix(body, table, ctx) {
  if (table.groups.length < 2 || table.values.length === 0) {
    return drawTable(body, table, ctx); // not two groups and a count: the honest fallback
  }
  const [rowAt, colAt] = table.groups;
  const valueAt = table.values[0];
  const rowField = table.columns[rowAt].name;
  const colField = table.columns[colAt].name;
  const byLevel = colField.toLowerCase() === 'level';
  const cells = new Map();
  const at = (key, col) => cells.get(`${key}\u0000${col}`) ?? 0;
  const rowKeys = new Set();
  const colKeys = new Set(byLevel ? ['WARN', 'ERROR'] : []); // a healthy service shows its zero errors
  for (const row of table.rows) {
    const key = row[rowAt] === null || row[rowAt] === undefined ? '' : String(row[rowAt]);
    const col = byLevel ? String(row[colAt] ?? '').toUpperCase() : String(row[colAt] ?? '');
    rowKeys.add(key);
    colKeys.add(col);
    cells.set(`${key}\u0000${col}`, at(key, col) + Number(row[valueAt] ?? 0));
  }
  const columns = [...colKeys].sort(byLevel ? (a, b) => levelRank(a) - levelRank(b) : undefined);
  const thresholds = ctx.panel.thresholds;
  const health = byLevel ? healthOf(table, ctx.baseline, [rowAt, colAt, valueAt], thresholds) : new Map();
  const rowTone = (key) => (byLevel ? health.get(key)?.tone ?? 'ok' : null);
  const cellTone = (key, col) => {
    if (!byLevel) return thresholdTone(at(key, col), thresholds);
    if (!ERROR_LEVELS.includes(col)) return null;
    const tone = rowTone(key);
    return at(key, col) === 0 && tone !== 'ok' ? null : tone; // an empty FATAL cell of a failing service is not coloured as if it held events
  };
  const rank = (tone) => ({ critical: 2, warning: 1 })[tone] ?? 0;
  const severity = (key) => Math.max(rank(rowTone(key)), ...columns.map((col) => rank(cellTone(key, col))));
  const rows = [...rowKeys].sort((a, b) => severity(b) - severity(a) || a.localeCompare(b));
  const max = Math.max(1, ...cells.values());
  const drill = (group) => drillQuery(ctx.panel.query, group);
  body.append(h('div', { class: 'matrix-scroll' }, h('table', { class: 'matrix', dataset: { rowField, colField } },
      h('thead', {}, h('tr', {}, h('th', {}, rowField), columns.map((col) => h('th', { class: 'num' }, col)),
          byLevel ? h('th', { class: 'num matrix-rate-head', title: 'ERROR and FATAL events over all events, and the hour before' }, 'error rate') : null)),
      h('tbody', {}, rows.map((key) => h('tr', { dataset: { row: key, tone: rowTone(key) ?? '' } },
          h('th', { scope: 'row', class: ['matrix-row', rowTone(key) && `row-tone-${rowTone(key)}`], title: health.get(key)?.reason ?? null },
              h('a', { href: ctx.href(drill({ [rowField]: key === '' ? null : key })) }, key === '' ? '(none)' : key)),
          columns.map((col) => {
            const value = at(key, col);
            const tone = cellTone(key, col);
            const group = { [rowField]: key === '' ? null : key, [colField]: col === '' ? null : col };
            return h('td', { class: ['matrix-cell', 'num', tone ? `tone-${tone}` : 'tone-neutral', value === 0 ? 'cell-zero' : null],
              style: tone ? null : { background: shade(value, max) },
              dataset: { row: key, column: col, value: String(value) },
              title: `${rowField}: ${key} · ${colField}: ${col} · ${value}${tone && tone !== 'ok' ? ` (${tone})` : ''}`,
              tabindex: 0,
              onclick: () => ctx.open(drill(group)),
              onkeydown: (e) => { if (e.key === 'Enter') ctx.open(drill(group)); },
            }, value === 0 ? '·' : formatNumber(value));
          }),
          byLevel ? rateCell(health.get(key)) : null))))));
  return () => {};
}

/** Each service's health (lib/health.js) from the matrix's table and the hour before's answer. */
function healthOf(table, baseline, [serviceAt, levelAt, valueAt], thresholds) {
  const now = levelCounts(table.rows, { serviceAt, levelAt, valueAt });
  let before = new Map();
  if (baseline?.kind === 'table') {
    const names = (baseline.columns ?? []).map((c) => c.name);
    const at = (i) => names.indexOf(table.columns[i].name);
    before = levelCounts(baseline.rows, { serviceAt: at(serviceAt), levelAt: at(levelAt), valueAt: at(valueAt) });
  }
  return new Map([...now].map(([service, counts]) => [service, serviceHealth(counts, baseline ? before.get(service) ?? { errors: 0, total: 0 } : null, thresholds)]));
}

/** The error-rate cell: now, and the hour before (when known). */
function rateCell(health) {
  const percent = (value) => (value === null || value === undefined ? '–' : `${value.toFixed(value < 10 ? 1 : 0)} %`);
  return h('td', { class: ['num', 'matrix-rate', `tone-text-${health?.tone ?? 'ok'}`], title: health?.reason ?? '',
    dataset: { rate: health?.rate === null || health?.rate === undefined ? '' : health.rate.toFixed(2),
      baseRate: health?.baseRate === null || health?.baseRate === undefined ? '' : health.baseRate.toFixed(2) } },
  percent(health?.rate), h('span', { class: 'muted matrix-base-rate' }, ` (1h before: ${percent(health?.baseRate)})`));
}

/** A cell's background without thresholds: the accent colour, stronger for larger counts (log scale). */
function shade(value, max) {
  const percent = value === 0 ? 0 : Math.round(8 + 40 * Math.log1p(value) / Math.log1p(max));
  return `color-mix(in srgb, var(--accent) ${percent}%, transparent)`;
}

function levelRank(level) {
  const i = LEVELS.indexOf(level);
  return i < 0 ? LEVELS.length : i;
}

/**
 * A timechart over time, or a stats table as categories (lib/table-chart.js decides), drawn as
 * the panel's visualization; a bucket or bar opens Search for its group (and time bucket).
 */
function drawChart(body, table, answer, ctx) {
  const type = ctx.panel.visualization;
  const groupField = table.groups.length === 1 ? table.columns[table.groups[0]].name : null;
  const seriesGroup = (name) => (groupField && name && name !== OTHER && table.values.length === 1
    ? { [groupField]: name === '(none)' ? null : name } : {});
  const spec = chartForTable(answer, {
    onClick: ({ label, series }) => {
      if (spec.x === 'time') {
        ctx.open(drillQuery(ctx.panel.query, seriesGroup(series)), { from: isoOf(label), to: isoOf(label + spec.spanMs) });
      } else {
        ctx.open(drillQuery(ctx.panel.query, groupField ? { [groupField]: label } : {}));
      }
    },
  });
  if (!spec) return drawTable(body, table, ctx);
  const box = h('div', { class: 'panel-chart' });
  body.append(box);
  const chart = createChart(box, { ...spec, type, stacked: type === 'bar' && spec.series.length > 1 && spec.x === 'time' });
  return () => chart.destroy();
}

/** Rows as a table; a row opens Search narrowed to its group values. */
function drawTable(body, table, ctx) {
  const otherRow = (row) => table.groups.some((at) => row[at] === OTHER);
  body.append(h('div', { class: 'panel-table-scroll' }, h('table', { class: 'data-table panel-table' },
      h('thead', {}, h('tr', {}, table.columns.map((c, i) => h('th', { class: table.values.includes(i) ? 'num' : null }, c.name)))),
      h('tbody', {}, table.rows.map((row) => {
        const group = Object.fromEntries(table.groups.map((at) => [table.columns[at].name, row[at]]));
        const range = table.time >= 0 ? { from: row[table.time] } : undefined;
        return h('tr', { class: otherRow(row) ? null : 'clickable', dataset: { group: JSON.stringify(group) },
          onclick: otherRow(row) ? null : () => ctx.open(drillQuery(ctx.panel.query, group), range) },
        row.map((cell, i) => h('td', { class: table.values.includes(i) ? 'num' : null },
            table.values.includes(i) ? formatNumber(cell) : traceLink(table.columns[i].name, cell, ctx) ?? cell ?? '')));
      })))));
  return () => {};
}

/** A trace_id or request_id cell links to the trace view (the row itself opens Search). */
function traceLink(column, value, ctx) {
  if (!TRACE_FIELDS.includes(column) || value === null || value === undefined || value === OTHER) return null;
  return h('a', { href: ctx.traceHref(String(value)), class: 'panel-trace-link', title: `Open the trace ${value}`,
    onclick: (e) => e.stopPropagation() }, String(value));
}

/** A panel query without pipes: its newest events, each opening Search around it. */
function drawEvents(body, answer, ctx) {
  const events = (answer.events ?? []).slice(0, EVENT_ROWS);
  if (events.length === 0) {
    body.append(h('div', { class: 'panel-empty muted' }, 'No events in this time range.'));
    return () => {};
  }
  body.append(h('div', { class: 'panel-events' }, events.map((event) => eventRow(event, { onClick: () => ctx.open(ctx.panel.query) }))));
  return () => {};
}
