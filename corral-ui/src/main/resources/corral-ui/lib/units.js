// Numbers for people: byte sizes, counts and rates, short enough for a status card.

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** "0 B", "512 B", "1.5 KiB", "23.4 GiB"; "–" when the value is missing. */
export function formatBytes(bytes) {
  if (!Number.isFinite(bytes)) return '–';
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${bytes < 0 ? '-' : ''}${value.toFixed(digits)} ${BYTE_UNITS[unit]}`;
}

/** "987", "12,345", "1.2 M": counts with thousands separators, millions and up shortened. */
export function formatCount(n) {
  if (!Number.isFinite(n)) return '–';
  if (Math.abs(n) >= 1e9) return `${(n / 1e9).toFixed(1)} G`;
  if (Math.abs(n) >= 1e6) return `${(n / 1e6).toFixed(1)} M`;
  return Math.round(n).toLocaleString('en-US');
}

/** "0", "0.4", "12", "1,234": a rate per second, one decimal below ten. */
export function formatRate(perSecond) {
  if (!Number.isFinite(perSecond)) return '–';
  if (perSecond > 0 && perSecond < 10) return perSecond.toFixed(1);
  return formatCount(perSecond);
}

/** A number cell of a table: integers with separators, fractions to three significant places. */
export function formatNumber(value) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return value === null || value === undefined ? '' : String(value);
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  const abs = Math.abs(value);
  return abs >= 100 ? value.toFixed(0) : abs >= 1 ? value.toFixed(2) : value.toPrecision(3);
}

/** "1 error", "3 errors", "12,345 events": a count with its noun, plural when it is not one. */
export function countOf(n, noun) {
  return `${formatCount(n)} ${noun}${n === 1 ? '' : 's'}`;
}
