package dev.corral.server.alerts.rules;

import java.util.Map;
import java.util.Set;

/**
 * A trace rule's settings: the field carrying the trace (or request) id and how many distinct
 * services must log errors for one id before the rule is satisfied.
 *
 * @param traceField {@code trace_field}, default {@code trace_id} (e.g. {@code request_id})
 * @param minServices {@code min_services}, default 2: an id with errors in MORE than this many services is reported
 * @param maxTraces {@code max_traces}, default {@value #DEFAULT_MAX_TRACES}: the worst ids an observation names
 */
record TraceSettings(String traceField, int minServices, int maxTraces) {
  /** A notification naming more traces than this is not read; the count says how many there were. */
  static final int DEFAULT_MAX_TRACES = 20;

  static TraceSettings from(Map<String, Object> settings) {
    SettingsReader reader = new SettingsReader("trace", settings, Set.of("trace_field", "min_services", "max_traces"));
    return new TraceSettings(reader.text("trace_field", "trace_id"), reader.whole("min_services", 2, 1, 1000),
        reader.whole("max_traces", DEFAULT_MAX_TRACES, 1, 1000));
  }
}
