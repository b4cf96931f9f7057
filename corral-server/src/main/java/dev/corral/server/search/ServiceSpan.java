package dev.corral.server.search;

/**
 * What one service did within a trace: its first and last event, how many events and errors,
 * and the time between first and last.
 *
 * @param first epoch ns of its first event
 * @param last epoch ns of its last event
 * @param errors events at ERROR or FATAL
 */
public record ServiceSpan(String service, long first, long last, int events, int errors) {
  /** Time from the first to the last event, in milliseconds. */
  public double spanMillis() {
    return (last - first) / 1_000_000.0;
  }
}
