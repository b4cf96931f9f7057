// Time ranges and formatting. A range is a pair of strings as the API takes them (and as they
// stand in the URL): relative ("now-15m", "now") or absolute ISO-8601 ("2026-11-21T17:00:00Z").
// Relative ranges resolve against the clock each time a query runs.

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, H: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Relative presets offered by the range picker. */
export const RANGE_PRESETS = [
  { label: 'Last 5 minutes', from: 'now-5m', to: 'now' },
  { label: 'Last 15 minutes', from: 'now-15m', to: 'now' },
  { label: 'Last 1 hour', from: 'now-1h', to: 'now' },
  { label: 'Last 4 hours', from: 'now-4h', to: 'now' },
  { label: 'Last 24 hours', from: 'now-24h', to: 'now' },
  { label: 'Last 7 days', from: 'now-7d', to: 'now' },
  { label: 'Last 30 days', from: 'now-30d', to: 'now' },
];

export const DEFAULT_RANGE = { from: 'now-15m', to: 'now' };

/**
 * Epoch milliseconds of a time expression, or NaN when it is none: "now", "now-15m",
 * "now-1d/d" (rounded down to the unit, UTC), ISO-8601, or epoch milliseconds (10+ digits).
 */
export function resolveTime(text, nowMs = Date.now()) {
  if (text === undefined || text === null) {
    return NaN;
  }
  const s = String(text).trim();
  if (/^\d{10,}$/.test(s)) {
    return Number(s);
  }
  const math = /^now((?:[+-]\d+(?:ms|[smhHdw])|\/(?:ms|[smhHdw]))*)$/.exec(s);
  if (math) {
    let t = nowMs;
    for (const [, sign, amount, unit, round] of math[1].matchAll(/([+-])(\d+)(ms|[smhHdw])|\/(ms|[smhHdw])/g)) {
      if (round) {
        const size = UNIT_MS[round];
        t = Math.floor(t / size) * size;
      } else {
        t += (sign === '-' ? -1 : 1) * Number(amount) * UNIT_MS[unit];
      }
    }
    return t;
  }
  return parseIso(s);
}

/** Epoch ms of an ISO-8601 text; fractions beyond milliseconds are cut, a missing zone is UTC. */
export function parseIso(text) {
  let s = String(text).trim().replace(' ', 'T');
  s = s.replace(/(\.\d{3})\d+/, '$1');
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) {
    s += 'T00:00:00Z';
  } else if (/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s)) {
    s += 'Z';
  }
  const ms = Date.parse(s);
  return Number.isFinite(ms) ? ms : NaN;
}

/** Whether a time expression is relative to now (moves with the clock). */
export function isRelative(text) {
  return typeof text === 'string' && text.trim().startsWith('now');
}

/** {fromMs, toMs} of a range, resolved now. */
export function resolveRange({ from, to }, nowMs = Date.now()) {
  return { fromMs: resolveTime(from || DEFAULT_RANGE.from, nowMs), toMs: resolveTime(to || 'now', nowMs) };
}

/** ISO-8601 UTC with milliseconds, as the API and the URL carry absolute times. */
export function isoOf(ms) {
  return new Date(ms).toISOString();
}

/** "Last 15 minutes" for a preset, else "from → to" in local time. */
export function describeRange({ from, to }) {
  const preset = RANGE_PRESETS.find((p) => p.from === from && (p.to === to || (!to && p.to === 'now')));
  if (preset) {
    return preset.label;
  }
  const show = (t) => (isRelative(t) ? t : formatTime(resolveTime(t), { precise: false }));
  return `${show(from || DEFAULT_RANGE.from)} → ${show(to || 'now')}`;
}

function pad(n, width = 2) {
  return String(n).padStart(width, '0');
}

/** "2026-11-21 18:00:01.123" in local time (with milliseconds when precise is true). */
export function formatTime(ms, { precise = true } = {}) {
  if (!Number.isFinite(ms)) {
    return '';
  }
  const d = new Date(ms);
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return precise ? `${date} ${time}.${pad(d.getMilliseconds(), 3)}` : `${date} ${time}`;
}

/** An event's ISO timestamp shown in local time: "2026-11-21 18:00:01.123". */
export function formatTimestamp(iso) {
  const ms = parseIso(iso);
  return Number.isFinite(ms) ? formatTime(ms) : String(iso ?? '');
}

/** A short axis label for a bucket: the time of day, plus the date when the range spans days. */
export function formatTick(ms, spanMs) {
  const d = new Date(ms);
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  if (spanMs >= 86_400_000) {
    return `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${hm}`;
  }
  return spanMs < 60_000 ? `${hm}:${pad(d.getSeconds())}` : hm;
}

/** "850 ms", "12.4 s", "3 min 5 s", "2 h 10 min". */
export function formatDuration(ms) {
  if (!Number.isFinite(ms)) return '';
  if (ms < 1000) return `${Math.round(ms * 10) / 10} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
  return `${Math.floor(ms / 3_600_000)} h ${Math.round((ms % 3_600_000) / 60_000)} min`;
}

/** Bucket widths a histogram may use, smallest first, as the query language writes them. */
const SPANS = [
  ['1s', 1000], ['5s', 5000], ['10s', 10_000], ['30s', 30_000], ['1m', 60_000], ['5m', 300_000],
  ['10m', 600_000], ['30m', 1_800_000], ['1h', 3_600_000], ['3h', 10_800_000], ['6h', 21_600_000],
  ['12h', 43_200_000], ['1d', 86_400_000], ['7d', 604_800_000],
];

/** The smallest span giving at most `buckets` buckets over [fromMs, toMs]: {text: "1m", ms: 60000}. */
export function autoSpan(fromMs, toMs, buckets = 80) {
  const width = Math.max(0, toMs - fromMs);
  for (const [text, ms] of SPANS) {
    if (width / ms <= buckets) {
      return { text, ms };
    }
  }
  const [text, ms] = SPANS[SPANS.length - 1];
  return { text, ms };
}
