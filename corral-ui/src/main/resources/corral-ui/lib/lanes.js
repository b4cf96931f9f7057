// Trace timeline layout: turns the answer of GET /api/v1/trace/{id} into lanes (one per
// service, in order of first appearance), event markers placed by their offset from the first
// event, and the gaps between consecutive events that are long enough to matter.
// Pure functions, no DOM: the trace page draws what this computes.

/** A gap counts when it is at least this share of the whole trace (a pause worth seeing)… */
export const GAP_SHARE = 0.2;
/** …and at least this long, so sub-millisecond jitter in a fast trace is not called a gap. */
export const MIN_GAP_MS = 1;

/**
 * [whole-second epoch ms, fraction of the second in ms] of an ISO-8601 timestamp, kept apart so
 * offsets between two timestamps keep their nanoseconds (one double holding epoch ms does not).
 */
export function timeParts(iso) {
  if (typeof iso !== 'string') return [NaN, 0];
  const match = /^(.*T\d\d:\d\d:\d\d)(?:[.,](\d+))?(Z|[+-]\d\d:?\d\d)$/.exec(iso);
  if (!match) return [Date.parse(iso), 0];
  return [Date.parse(match[1] + match[3]), match[2] ? Number('0.' + match[2]) * 1000 : 0];
}

/** Whether an event's level counts as an error (ERROR or FATAL), as the server counts them. */
export function isError(level) {
  const upper = String(level ?? '').toUpperCase();
  return upper === 'ERROR' || upper === 'FATAL';
}

/**
 * Lays a trace out.
 * @param trace the JSON of GET /api/v1/trace/{id}: events oldest first, services by first appearance
 * @returns {{start:number, durationMs:number, lanes:Array, events:Array, gaps:Array, ticks:Array}}
 *   events: {event, index, service, offsetMs, position (0..1), error};
 *   lanes: {service, events, errors, firstMs, lastMs, spanMs, from, to (0..1), items (events of the lane)};
 *   gaps: {afterIndex, fromMs, toMs, ms, from, to (0..1)}; ticks: {offsetMs, position}.
 */
export function layoutTrace(trace, unknownService = '(unknown)') {
  const raw = Array.isArray(trace?.events) ? trace.events : [];
  const times = raw.map((event) => timeParts(event.timestamp));
  const known = times.filter(([whole]) => Number.isFinite(whole));
  const first = known.reduce((min, t) => (min === null || t[0] < min[0] || (t[0] === min[0] && t[1] < min[1]) ? t : min), null)
    ?? [0, 0];
  const since = ([whole, fraction]) => (Number.isFinite(whole) ? (whole - first[0]) + (fraction - first[1]) : 0);
  const start = first[0] + first[1];
  const durationMs = known.reduce((max, t) => Math.max(max, since(t)), 0);
  const position = (offset) => (durationMs > 0 ? offset / durationMs : 0.5);
  const events = raw.map((event, index) => {
    const offsetMs = since(times[index]);
    return { event, index, service: event.service ?? unknownService, offsetMs, position: position(offsetMs), error: isError(event.level) };
  });
  const lanesByService = new Map();
  for (const span of trace?.services ?? []) {
    lanesByService.set(span.service, newLane(span.service));
  }
  for (const item of events) {
    if (!lanesByService.has(item.service)) lanesByService.set(item.service, newLane(item.service));
    const lane = lanesByService.get(item.service);
    lane.items.push(item);
    lane.events++;
    if (item.error) lane.errors++;
    lane.firstMs = Math.min(lane.firstMs, item.offsetMs);
    lane.lastMs = Math.max(lane.lastMs, item.offsetMs);
  }
  const lanes = [...lanesByService.values()].filter((lane) => lane.items.length > 0);
  for (const lane of lanes) {
    lane.spanMs = lane.lastMs - lane.firstMs;
    lane.from = position(lane.firstMs);
    lane.to = position(lane.lastMs);
  }
  return { start, durationMs, lanes, events, gaps: findGaps(events, durationMs, position), ticks: ticks(durationMs) };
}

function newLane(service) {
  return { service, events: 0, errors: 0, firstMs: Infinity, lastMs: -Infinity, spanMs: 0, from: 0, to: 0, items: [] };
}

/** Pauses between consecutive events (in time order) of at least GAP_SHARE of the trace and MIN_GAP_MS. */
function findGaps(events, durationMs, position) {
  const threshold = Math.max(durationMs * GAP_SHARE, MIN_GAP_MS);
  const ordered = [...events].sort((a, b) => a.offsetMs - b.offsetMs);
  const gaps = [];
  for (let i = 1; i < ordered.length; i++) {
    const ms = ordered[i].offsetMs - ordered[i - 1].offsetMs;
    if (ms >= threshold && durationMs > 0) {
      gaps.push({ afterIndex: ordered[i - 1].index, fromMs: ordered[i - 1].offsetMs, toMs: ordered[i].offsetMs, ms,
        from: position(ordered[i - 1].offsetMs), to: position(ordered[i].offsetMs) });
    }
  }
  return gaps;
}

/** About five round tick marks along the axis: 0, then multiples of 1, 2 or 5 × 10^n ms. */
export function ticks(durationMs) {
  if (!(durationMs > 0)) return [{ offsetMs: 0, position: 0.5 }];
  const rough = durationMs / 5;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough);
  const result = [];
  for (let offset = 0; offset <= durationMs + step * 1e-9; offset += step) {
    result.push({ offsetMs: offset, position: offset / durationMs });
  }
  return result;
}
