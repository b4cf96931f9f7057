package dev.corral.server.alerts.state;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Tells whether an alert instance with these labels is silenced at a moment. Thread-safe. */
@FunctionalInterface
public interface Silencer {
  /** Never silences. */
  Silencer NONE = (labels, at) -> Optional.empty();

  /** The id of a silence (or maintenance window) that covers {@code labels} at {@code at}, if any. */
  Optional<String> silencedBy(Map<String, String> labels, Instant at);
}
