// A query's table answer ({columns: [{name, type}], rows}) as a chart spec for lib/chart.js:
// - with a timestamp column (timechart): time on x, one series per group value (the string
//   columns) or per numeric column, missing buckets filled; stacked bars for counts, lines else;
// - without one but with a string and a numeric column (stats … by f, top): bars per category.
// Answers null when a chart would not say more than the table (no numeric column, one row).

import { parseIso } from './time.js';
import { levelColorVar, LEVELS } from './events.js';

/** Most series drawn; the rest are summed into "(other)". */
export const MAX_SERIES = 12;
/** Most categories drawn on a category axis. */
export const MAX_CATEGORIES = 50;
/** Most buckets filled in between the first and the last; beyond it only the answered ones are drawn. */
const MAX_FILLED_BUCKETS = 2000;

const isNumeric = (column) => column.type === 'long' || column.type === 'double';
const isCount = (column) => /^count\(|^count$|^c$/.test(column.name);

/** The chart spec for a table, or null; options are merged into the spec (onZoom, onClick…). */
export function chartForTable(result, options = {}) {
  const columns = result.columns ?? [];
  const rows = result.rows ?? [];
  const numeric = columns.map((c, i) => ({ ...c, i })).filter(isNumeric);
  if (numeric.length === 0 || rows.length === 0) {
    return null;
  }
  const time = columns.findIndex((c) => c.type === 'timestamp');
  const groups = columns.map((c, i) => ({ ...c, i })).filter((c) => c.type === 'string');
  if (time >= 0) {
    return { ...timeSpec(rows, time, groups, numeric), ...options };
  }
  if (groups.length === 0 || rows.length < 2) {
    return null;
  }
  return { ...categorySpec(rows, groups, numeric), ...options };
}

function groupKey(row, groups) {
  return groups.map((g) => (row[g.i] === null || row[g.i] === undefined ? '(none)' : String(row[g.i]))).join(' · ');
}

function timeSpec(rows, time, groups, numeric) {
  const bucketSet = new Set();
  const cells = new Map(); // series name → Map(bucket → value)
  for (const row of rows) {
    const ms = parseIso(row[time]);
    if (!Number.isFinite(ms)) continue;
    bucketSet.add(ms);
    for (const column of numeric) {
      const group = groups.length ? groupKey(row, groups) : null;
      const name = group === null ? column.name : numeric.length === 1 ? group : `${group} · ${column.name}`;
      if (!cells.has(name)) cells.set(name, new Map());
      const value = row[column.i];
      const series = cells.get(name);
      series.set(ms, (series.get(ms) ?? 0) + (typeof value === 'number' ? value : 0));
    }
  }
  const answered = [...bucketSet].sort((a, b) => a - b);
  const spanMs = smallestGap(answered);
  const labels = fill(answered, spanMs);
  const counts = numeric.every(isCount);
  const names = topSeries(cells);
  const series = names.map((name, index) => ({
    name,
    color: LEVELS.includes(name.toUpperCase()) ? levelColorVar(name) : undefined,
    values: labels.map((ms) => cells.get(name)?.get(ms) ?? (counts ? 0 : null)),
  }));
  const rest = [...cells.keys()].filter((n) => !names.includes(n));
  if (rest.length) {
    series.push({ name: '(other)', values: labels.map((ms) => rest.reduce((sum, n) => sum + (cells.get(n).get(ms) ?? 0), 0)) });
  }
  return { type: counts ? 'bar' : 'line', stacked: counts && series.length > 1, x: 'time', labels, spanMs, series };
}

/** The MAX_SERIES series with the largest totals, levels in severity order when they are levels. */
function topSeries(cells) {
  const totals = [...cells.entries()].map(([name, byBucket]) => [name, [...byBucket.values()].reduce((a, b) => a + b, 0)]);
  const top = totals.sort((a, b) => b[1] - a[1]).slice(0, MAX_SERIES).map(([name]) => name);
  const level = (n) => LEVELS.indexOf(n.toUpperCase());
  return top.every((n) => level(n) >= 0) ? top.sort((a, b) => level(a) - level(b)) : top;
}

function smallestGap(sorted) {
  let gap = Infinity;
  for (let i = 1; i < sorted.length; i++) gap = Math.min(gap, sorted[i] - sorted[i - 1]);
  return Number.isFinite(gap) ? gap : 60_000;
}

function fill(sorted, spanMs) {
  if (sorted.length < 2 || (sorted[sorted.length - 1] - sorted[0]) / spanMs > MAX_FILLED_BUCKETS) {
    return sorted;
  }
  const labels = [];
  for (let t = sorted[0]; t <= sorted[sorted.length - 1]; t += spanMs) labels.push(t);
  return labels;
}

function categorySpec(rows, groups, numeric) {
  const shown = rows.slice(0, MAX_CATEGORIES);
  const labels = shown.map((row) => groupKey(row, groups));
  const series = numeric.filter((c) => c.name !== 'percent' || numeric.length === 1).map((column) => ({
    name: column.name,
    values: shown.map((row) => (typeof row[column.i] === 'number' ? row[column.i] : null)),
  }));
  const colorByLevel = groups.length === 1 && labels.every((l) => LEVELS.includes(l.toUpperCase()));
  return {
    type: 'bar', stacked: false, x: 'category', labels, series,
    barColors: colorByLevel ? labels.map(levelColorVar) : null,
  };
}
