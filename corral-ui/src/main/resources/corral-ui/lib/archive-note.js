// The note under a search's results when its time range reached archived days: the response's
// `archive` field ({partitions_fetched, from_cache, fetch_ms, failed: {day: reason}}), in words.

/**
 * "3 archived days fetched, 4.2 s", "2 archived days from the cache, 0.1 s", both joined with " · ",
 * then "2026-09-02 could not be fetched: <reason>" per failed day; '' when the query reached none.
 */
export function archiveNote(archive) {
  if (!archive) return '';
  const parts = [];
  const seconds = `${(archive.fetch_ms / 1000).toFixed(1)} s`;
  const days = (n) => `${n} archived day${n === 1 ? '' : 's'}`;
  if (archive.partitions_fetched > 0) parts.push(`${days(archive.partitions_fetched)} fetched, ${seconds}`);
  if (archive.from_cache > 0) {
    parts.push(`${days(archive.from_cache)} from the cache${archive.partitions_fetched > 0 ? '' : `, ${seconds}`}`);
  }
  for (const [day, reason] of Object.entries(archive.failed ?? {})) {
    parts.push(`${day} could not be fetched: ${reason}`);
  }
  return parts.join(' · ');
}
