// A pipe query's table answer: a chart when the table has a time or a numeric column
// (lib/table-chart.js), and the rows as a table.

import { h, replace } from '../../lib/dom.js';
import { createChart } from '../../lib/chart.js';
import { chartForTable } from '../../lib/table-chart.js';
import { levelBadge } from '../../lib/events.js';
import { formatTimestamp } from '../../lib/time.js';

/** Rows put in the DOM; the server caps a table at search.max_limit anyway. */
export const MAX_ROWS_SHOWN = 1_000;

function cell(value, column) {
  if (value === null || value === undefined) return h('td', { class: 'muted' }, '—');
  if (column.type === 'timestamp') return h('td', { title: value }, formatTimestamp(value));
  if (column.type === 'long' || column.type === 'double') {
    const text = typeof value === 'number' ? value.toLocaleString(undefined, { maximumFractionDigits: 3 }) : String(value);
    return h('td', { class: 'num' }, text);
  }
  if (column.name === 'level') return h('td', {}, levelBadge(value));
  return h('td', {}, String(value));
}

export function createTableResult(container, { onZoom }) {
  let chart = null;
  return {
    show(answer) {
      container.hidden = false;
      chart?.destroy();
      chart = null;
      const spec = chartForTable(answer, { onZoom });
      const chartBox = spec ? h('div', { class: 'table-chart' }) : null;
      const shown = answer.rows.slice(0, MAX_ROWS_SHOWN);
      const notes = [];
      if (answer.rows.length > shown.length) notes.push(`first ${shown.length.toLocaleString()} of ${answer.rows.length.toLocaleString()} rows shown`);
      if (answer.truncated) notes.push('the table was cut at the server\'s row limit');
      if (answer.other_row) notes.push('groups beyond the limit are summed in (other)');
      replace(container,
          chartBox,
          h('div', { class: 'table-scroller' }, h('table', { class: 'data-table result-table' },
              h('thead', {}, h('tr', {}, answer.columns.map((c) => h('th', {
                class: c.type === 'long' || c.type === 'double' ? 'num' : null, title: c.type }, c.name)))),
              h('tbody', {}, shown.map((row) => h('tr', {}, row.map((value, i) => cell(value, answer.columns[i])))))),
          notes.length ? h('div', { class: 'table-notes muted' }, notes.join(' · ')) : null));
      if (spec) chart = createChart(chartBox, spec);
    },
    hide() {
      container.hidden = true;
      chart?.destroy();
      chart = null;
    },
    destroy: () => chart?.destroy(),
  };
}
