// Query history in localStorage: most recent first, no duplicates, bounded.

/** Queries kept; older ones fall off. */
export const MAX_HISTORY = 50;

/** A history list under a localStorage key ('corral.history.search'). */
export function createHistory(key) {
  const load = () => {
    try {
      const list = JSON.parse(localStorage.getItem(key) ?? '[]');
      return Array.isArray(list) ? list.filter((q) => typeof q === 'string') : [];
    } catch {
      return [];
    }
  };
  return {
    /** Entries, most recent first. */
    entries: load,
    /** Remembers a query (moved to the front when already there); blank queries are not kept. */
    add(query) {
      const text = (query ?? '').trim();
      if (!text) return;
      const list = [text, ...load().filter((q) => q !== text)].slice(0, MAX_HISTORY);
      try {
        localStorage.setItem(key, JSON.stringify(list));
      } catch {
        // storage full or disabled: history is a convenience
      }
    },
  };
}
