// How the incident dashboard's health matrix (a services × levels grid) judges a service: by its
// error rate — ERROR and FATAL events over all its events in the panel's range — and by its own
// recent history, the same rate over the hour before that range. Never by absolute counts, so a
// busy service is not red for being busy. Rules, in order (docs/ui-api.md, "Health matrix"):
//
//   1. fewer than MIN_EVENTS events in the range          → ok (too few to judge)
//   2. rate below the warning threshold (percent)           → ok
//   3. history known (MIN_EVENTS events in the hour before)
//      and rate at most USUAL_FACTOR × its rate then        → warning at most ("as usual for it")
//   4. rate at or above the critical threshold              → critical
//   5. history known and rate at least SPIKE_FACTOR × then  → critical ("up from …")
//   6. otherwise                                            → warning

/** Fewest events a window needs for its error rate to say anything: 1 error in 3 events is not 33 % of a service. */
export const MIN_EVENTS = 20;
/** A rate up to this many times the service's own rate in the hour before is its usual. */
export const USUAL_FACTOR = 1.5;
/** A rate over the warning threshold and this many times the hour before's is a spike. */
export const SPIKE_FACTOR = 2;
/** The history a service is compared with: the hour before the panel's range. */
export const HISTORY_MS = 60 * 60 * 1000;
/** Thresholds (error rate, percent) when a panel gives none: the seed's error_spike rule fires above 5 %. */
export const DEFAULT_THRESHOLDS = { warning: 5, critical: 20 };
/** The levels that count as errors. */
export const ERROR_LEVELS = ['ERROR', 'FATAL'];

/** Per service, {errors, total} from a `stats count() by service, level` table (rows of [service, level, count] at the given indexes). */
export function levelCounts(rows, { serviceAt, levelAt, valueAt }) {
  const counts = new Map();
  for (const row of rows ?? []) {
    const service = row[serviceAt] === null || row[serviceAt] === undefined ? '' : String(row[serviceAt]);
    const level = String(row[levelAt] ?? '').toUpperCase();
    const count = Number(row[valueAt] ?? 0);
    const entry = counts.get(service) ?? { errors: 0, total: 0 };
    entry.total += count;
    if (ERROR_LEVELS.includes(level)) entry.errors += count;
    counts.set(service, entry);
  }
  return counts;
}

/** The error rate in percent of {errors, total}; null when there are too few events to judge. */
export function errorRate(counts) {
  if (!counts || counts.total < MIN_EVENTS) return null;
  return (100 * counts.errors) / counts.total;
}

/**
 * A service's health: {tone: 'ok'|'warning'|'critical', rate, baseRate, reason}. `now` and `before`
 * are {errors, total} for the range and the hour before it (`before` null or undefined when unknown);
 * `thresholds` {warning, critical} are error-rate percentages.
 */
export function serviceHealth(now, before, thresholds = DEFAULT_THRESHOLDS) {
  const warning = Number.isFinite(thresholds?.warning) ? thresholds.warning : DEFAULT_THRESHOLDS.warning;
  const critical = Number.isFinite(thresholds?.critical) ? thresholds.critical : Infinity;
  const rate = errorRate(now);
  const baseRate = errorRate(before);
  const percent = (value) => `${value.toFixed(value < 10 ? 1 : 0)} %`;
  const history = baseRate === null ? 'no history (the hour before has too few events)' : `${percent(baseRate)} the hour before`;
  if (rate === null) {
    return { tone: 'ok', rate, baseRate, reason: `${now?.total ?? 0} events: too few to judge (fewer than ${MIN_EVENTS})` };
  }
  const said = `${percent(rate)} errors (${now.errors} of ${now.total}); ${history}`;
  if (rate < warning) return { tone: 'ok', rate, baseRate, reason: `${said}: below ${warning} %` };
  if (baseRate !== null && rate <= USUAL_FACTOR * baseRate) {
    return { tone: 'warning', rate, baseRate, reason: `${said}: high, but as usual for this service` };
  }
  if (rate >= critical) return { tone: 'critical', rate, baseRate, reason: `${said}: at or above ${critical} %` };
  if (baseRate !== null && rate >= SPIKE_FACTOR * baseRate) {
    return { tone: 'critical', rate, baseRate, reason: `${said}: over ${warning} % and ${SPIKE_FACTOR}× or more its rate the hour before` };
  }
  return { tone: 'warning', rate, baseRate, reason: `${said}: over ${warning} %` };
}
