// Charts over Chart.js (the org.webjars.npm:chart.js WebJar): stacked bars and lines over time
// buckets or categories, themed from CSS variables, with drag-to-zoom and click callbacks.
//
//   const chart = createChart(container, {
//     type: 'bar' | 'line', stacked: true, x: 'time' | 'category',
//     labels: [epochMs…] or [text…], spanMs: 60000 (time buckets),
//     series: [{name, values: [number|null…], color: '--lvl-error' or '#hex' (optional)}],
//     onZoom(fromMs, toMs), onClick({index, label, series}), yLabel: 'events',
//     barColors: [colour per category] (one-series bar charts, e.g. counts per level),
//   });
//   chart.update(spec); chart.destroy();
//
// The container gets class "chart" and data-series/data-points attributes (what is drawn, for
// tests and screen readers), plus an aria-label summary.

import {
  Chart, BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale,
  Tooltip, Legend, Filler,
} from 'chart.js';
import { h } from './dom.js';
import { cssVar } from './theme.js';
import { formatTick, formatTime } from './time.js';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale,
    Tooltip, Legend, Filler);

/** Colours for series that are not levels; CSS variables so both themes read well. */
const PALETTE = ['--series-1', '--series-2', '--series-3', '--series-4', '--series-5', '--series-6', '--series-7',
  '--series-8'];

/** A drag shorter than this many pixels is a click. */
const MIN_DRAG_PX = 5;

function colorOf(color, index) {
  const spec = color ?? PALETTE[index % PALETTE.length];
  return spec.startsWith('--') ? cssVar(spec) || '#888' : spec;
}

function datasets(spec) {
  return spec.series.map((s, i) => {
    const color = colorOf(s.color, i);
    return {
      label: s.name,
      data: s.values,
      backgroundColor: spec.barColors && spec.series.length === 1 ? spec.barColors.map((c) => colorOf(c, i)) : color,
      borderColor: color,
      borderWidth: spec.type === 'line' ? 2 : 0,
      pointRadius: spec.type === 'line' && s.values.length <= 60 ? 2 : 0,
      pointHoverRadius: 4,
      spanGaps: true,
      stack: spec.stacked ? 'all' : `s${i}`,
      barPercentage: 0.92,
      categoryPercentage: spec.stacked ? 0.98 : 0.85,
    };
  });
}

/** Round steps for time-axis labels: a label where the bucket start is a multiple of one. */
const TICK_STEPS = [1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800]
    .map((s) => s * 1000);
/** About this many labels fit a chart's width at 1280 px without crowding. */
const TIME_LABELS = 9;

function timeTickStep(labels, spanMs) {
  const width = labels.length ? labels[labels.length - 1] - labels[0] + spanMs : spanMs;
  return TICK_STEPS.find((step) => step >= spanMs && step % spanMs === 0 && width / step <= TIME_LABELS)
      ?? Math.max(spanMs, width);
}

function options(spec) {
  const text = cssVar('--text-muted') || '#666';
  const grid = cssVar('--grid') || '#ddd';
  const time = spec.x === 'time';
  const tickStep = time ? timeTickStep(spec.labels, spec.spanMs ?? 60_000) : 0;
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    interaction: { mode: 'index', intersect: false },
    plugins: {
      legend: {
        display: spec.legend ?? spec.series.length > 1,
        position: 'bottom',
        labels: { color: text, boxWidth: 10, boxHeight: 10, font: { size: 11 } },
      },
      tooltip: {
        filter: (item) => item.parsed.y !== 0 && item.parsed.y !== null,
        callbacks: {
          title: (items) => (time && items.length ? formatTime(spec.labels[items[0].dataIndex], { precise: false })
              : items[0]?.label ?? ''),
        },
      },
    },
    scales: {
      x: {
        type: 'category',
        stacked: spec.stacked,
        grid: { display: false },
        ticks: {
          color: text,
          maxRotation: 0,
          autoSkip: !time,
          autoSkipPadding: 16,
          font: { size: 11 },
          callback(value) {
            const label = spec.labels[value];
            if (!time) return truncate(String(label ?? ''), 24);
            return label % tickStep === 0 ? formatTick(label, tickStep) : null;
          },
        },
      },
      y: {
        type: 'linear',
        stacked: spec.stacked,
        beginAtZero: true,
        grid: { color: grid },
        border: { display: false },
        title: spec.yLabel ? { display: true, text: spec.yLabel, color: text, font: { size: 11 } } : undefined,
        ticks: { color: text, font: { size: 11 }, maxTicksLimit: 5, precision: 0 },
      },
    },
  };
}

function truncate(text, max) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function describe(container, spec) {
  container.dataset.series = String(spec.series.length);
  container.dataset.points = String(spec.labels.length);
  container.setAttribute('role', 'img');
  container.setAttribute('aria-label',
      `${spec.type} chart of ${spec.series.map((s) => s.name).join(', ')} over ${spec.labels.length} ${spec.x === 'time' ? 'time buckets' : 'categories'}`);
}

/** Draws a chart into container (emptied first); see the file comment for spec. */
export function createChart(container, initialSpec) {
  let spec = { type: 'bar', stacked: false, x: 'category', ...initialSpec };
  container.replaceChildren();
  container.classList.add('chart');
  const canvas = h('canvas');
  const band = h('div', { class: 'chart-zoom-band', hidden: true });
  container.append(canvas, band);
  describe(container, spec);
  const chart = new Chart(canvas, { type: spec.type, data: { labels: spec.labels.map((_, i) => i), datasets: datasets(spec) }, options: options(spec) });

  // Drag across a time chart to zoom: a band follows the pointer; release picks the buckets under it.
  let dragStart = null;
  const xOf = (event) => event.clientX - canvas.getBoundingClientRect().left;
  const inArea = (x) => x >= chart.chartArea.left && x <= chart.chartArea.right;
  const clamp = (x) => Math.min(Math.max(x, chart.chartArea.left), chart.chartArea.right);
  const indexAt = (x) => {
    const value = chart.scales.x.getValueForPixel(clamp(x));
    return Math.min(Math.max(Math.round(value), 0), spec.labels.length - 1);
  };
  const onDown = (event) => {
    if (event.button !== 0 || !inArea(xOf(event))) return;
    dragStart = xOf(event);
    canvas.setPointerCapture?.(event.pointerId);
  };
  const onMove = (event) => {
    if (dragStart === null || spec.x !== 'time' || !spec.onZoom) return;
    const x = clamp(xOf(event));
    const left = Math.min(dragStart, x);
    const width = Math.abs(x - dragStart);
    band.hidden = width < MIN_DRAG_PX;
    Object.assign(band.style, { left: `${canvas.offsetLeft + left}px`, width: `${width}px`,
      top: `${canvas.offsetTop + chart.chartArea.top}px`, height: `${chart.chartArea.height}px` });
  };
  const onUp = (event) => {
    if (dragStart === null) return;
    const start = dragStart;
    dragStart = null;
    band.hidden = true;
    const end = clamp(xOf(event));
    if (Math.abs(end - start) >= MIN_DRAG_PX && spec.x === 'time' && spec.onZoom) {
      const a = indexAt(Math.min(start, end));
      const b = indexAt(Math.max(start, end));
      spec.onZoom(spec.labels[a], spec.labels[b] + (spec.spanMs ?? 0));
      return;
    }
    if (spec.onClick) {
      const hits = chart.getElementsAtEventForMode(event, 'nearest', { intersect: true }, false);
      const index = hits.length ? hits[0].index : indexAt(end);
      const series = hits.length ? spec.series[hits[0].datasetIndex]?.name : null;
      spec.onClick({ index, label: spec.labels[index], series });
    }
  };
  canvas.addEventListener('pointerdown', onDown);
  canvas.addEventListener('pointermove', onMove);
  canvas.addEventListener('pointerup', onUp);
  canvas.style.cursor = spec.onZoom && spec.x === 'time' ? 'crosshair' : spec.onClick ? 'pointer' : 'default';

  const retheme = () => {
    chart.data.datasets = datasets(spec);
    chart.options = options(spec);
    chart.update('none');
  };
  window.addEventListener('corral:theme', retheme);

  return {
    /** Redraws with a new spec (same container). */
    update(next) {
      spec = { ...spec, ...next };
      describe(container, spec);
      chart.config.type = spec.type;
      chart.data.labels = spec.labels.map((_, i) => i);
      retheme();
    },
    destroy() {
      window.removeEventListener('corral:theme', retheme);
      chart.destroy();
      container.replaceChildren();
    },
  };
}
