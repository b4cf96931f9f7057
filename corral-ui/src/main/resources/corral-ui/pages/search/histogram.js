// The search page's histogram: matching events over the time range, stacked by level, from
// `<query> | timechart span=<auto> count() by level`. Drag across it to zoom the range; click a
// bar to zoom into that bucket.

import { h } from '../../lib/dom.js';
import { query } from '../../lib/api.js';
import { createChart } from '../../lib/chart.js';
import { LEVELS, levelColorVar } from '../../lib/events.js';
import { autoSpan, parseIso, formatDuration } from '../../lib/time.js';

/** Buckets across the range; enough to see a spike, few enough for bars a few pixels wide. */
const BUCKETS = 90;

/** The histogram query for a search query (pipes that keep events are kept in front). */
export function histogramQuery(text, span) {
  return `${text.trim() === '' ? '*' : text.trim()} | timechart span=${span} count() by level`;
}

export function createHistogram(container, { onZoom }) {
  const caption = h('div', { class: 'histogram-caption muted' });
  const plot = h('div', { class: 'histogram-plot' });
  container.replaceChildren(plot, caption);
  let chart = null;

  function draw(spec) {
    if (chart) chart.update(spec);
    else chart = createChart(plot, spec);
  }

  return {
    /** Runs the histogram query over [fromMs, toMs] and draws it. */
    async load(text, fromMs, toMs, signal) {
      container.hidden = false;
      container.classList.add('loading');
      const span = autoSpan(fromMs, toMs, BUCKETS);
      let answer;
      try {
        answer = await query(histogramQuery(text, span.text), { from: new Date(fromMs).toISOString(),
          to: new Date(toMs).toISOString(), limit: 10_000, signal });
      } catch (e) {
        if (signal.aborted) return;
        caption.textContent = `Histogram unavailable: ${e.message}`;
        return;
      } finally {
        container.classList.remove('loading');
      }
      if (signal.aborted) return;
      const first = Math.floor(fromMs / span.ms) * span.ms;
      const labels = [];
      for (let t = first; t <= toMs; t += span.ms) labels.push(t);
      const index = new Map(labels.map((t, i) => [t, i]));
      const columns = answer.columns.map((c) => c.name);
      const [ti, li, ci] = ['timestamp', 'level', 'count()'].map((name) => columns.indexOf(name));
      const counts = new Map();
      for (const row of answer.rows) {
        const i = index.get(parseIso(row[ti]));
        if (i === undefined) continue;
        const level = String(row[li] ?? 'OTHER').toUpperCase();
        if (!counts.has(level)) counts.set(level, new Array(labels.length).fill(0));
        counts.get(level)[i] += row[ci];
      }
      const order = (level) => (LEVELS.includes(level) ? LEVELS.indexOf(level) : LEVELS.length);
      const series = [...counts.keys()].sort((a, b) => order(a) - order(b))
          .map((level) => ({ name: level, color: levelColorVar(level), values: counts.get(level) }));
      draw({ type: 'bar', stacked: true, x: 'time', labels, spanMs: span.ms, series, legend: false,
        onZoom, onClick: ({ label }) => onZoom(label, label + span.ms) });
      caption.textContent = `${span.text} buckets · drag to zoom · ${formatDuration(toMs - fromMs)} shown`;
    },
    hide() {
      container.hidden = true;
    },
    destroy() {
      chart?.destroy();
    },
  };
}
