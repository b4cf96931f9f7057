// Per-processor counters of a stored pipeline (GET /api/v1/pipelines/{id} → stats.processors): events in,
// out, dropped, failed and skipped and the time spent, since the pipelines were last loaded, with each
// processor's label on /metrics. Shown under the preview when a stored pipeline is chosen.

import { getJson } from '../lib/api.js';
import { h, replace } from '../lib/dom.js';

/**
 * The metrics panel; {@code show(id)} loads a pipeline's counters into it, {@code show('')} empties it.
 *
 * @param {AbortSignal} signal
 * @returns {{element: HTMLElement, show: (id: string) => Promise<void>}}
 */
export function processorMetricsPanel(signal) {
  const body = h('div', { class: 'pipeline-metrics-body' });
  const refresh = h('button', { type: 'button', class: 'button pipeline-metrics-refresh', hidden: true }, 'Refresh');
  const element = h('section', { class: 'pipeline-metrics', hidden: true },
      h('div', { class: 'pipeline-toolbar' }, h('h2', {}, 'Processor metrics'), refresh), body);
  let current = '';
  let loads = 0; // only the latest load's answer is shown: an earlier one arriving after it is older

  async function show(id) {
    current = id;
    const load = ++loads;
    element.hidden = !id;
    refresh.hidden = !id;
    if (!id) return;
    try {
      const answer = await getJson(`/api/v1/pipelines/${encodeURIComponent(id)}`, {}, { signal });
      if (load !== loads) return;
      replace(body, answer.stats ? metricsTable(answer.stats) : h('p', { class: 'muted' },
          `${id} is not loaded: ${answer.error ?? 'no counters'}`));
      element.dataset.pipeline = id;
    } catch (error) {
      if (error.name === 'AbortError' || load !== loads) return;
      replace(body, h('p', { class: 'pipeline-metrics-error' }, `Cannot read the counters of ${id}: ${error.message}`));
    }
  }
  refresh.addEventListener('click', () => show(current));
  return { element, show };
}

/** The pipeline's totals and one row per processor, in the order they run (handlers after the processor they serve). */
export function metricsTable(stats) {
  const columns = ['in', 'out', 'dropped', 'failed', 'skipped'];
  return h('div', {},
      h('p', { class: 'pipeline-metrics-totals muted' },
          `${stats.in} in · ${stats.kept} kept · ${stats.dropped} dropped · ${stats.failed} failed`),
      h('table', { class: 'pipeline-metrics-table' },
          h('thead', {}, h('tr', {}, h('th', {}, 'processor'), ...columns.map((c) => h('th', {}, c)),
              h('th', {}, 'time ms'), h('th', {}, 'µs / event'))),
          h('tbody', {}, (stats.processors ?? []).map((p) => h('tr', { dataset: { metric: p.metric ?? '', type: p.type } },
              h('td', { title: p.where }, h('span', { class: 'mono' }, p.metric ?? p.type)),
              ...columns.map((c) => h('td', { class: `num metric-${c}` }, String(p[c] ?? 0))),
              h('td', { class: 'num metric-time' }, String(p.time_ms ?? 0)),
              h('td', { class: 'num metric-per-event' }, p.in ? (p.time_ms * 1000 / p.in).toFixed(1) : '–'))))));
}
