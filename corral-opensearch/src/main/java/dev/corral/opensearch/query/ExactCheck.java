package dev.corral.opensearch.query;

import dev.corral.model.CanonicalJson;
import dev.corral.model.LogEvent;
import java.util.function.Predicate;

/**
 * Corral's own check of a hit the cluster matched: its filter compiled by corral-query and the inclusive time
 * window. The cluster's answer is exact but for the documented keyword-limit difference ({@link
 * dev.corral.opensearch.mapping.EventMappings}), so a search's and an export's hits pass through it before anyone
 * sees them. Immutable.
 *
 * @param filter the query's filter
 * @param fromNanos the window's inclusive start
 * @param toNanos the window's inclusive end
 */
record ExactCheck(Predicate<LogEvent> filter, long fromNanos, long toNanos) {
  /** A kept hit: the event parsed, and its source as the store returns it (overflow fields put back). */
  record Hit(LogEvent event, byte[] source) {}

  /** The hit whose stored source is {@code stored}, or null when Corral's check leaves it out. */
  Hit kept(byte[] stored) {
    byte[] source = OverflowFields.restore(stored);
    LogEvent event = CanonicalJson.read(source, 0, source.length);
    return event.timestamp() >= fromNanos && event.timestamp() <= toNanos && filter.test(event)
        ? new Hit(event, source) : null;
  }
}
