package dev.corral.server.inputs.fluent;

import dev.corral.model.LogEvent;

/**
 * One decoded forward entry: either an event or the reason it could not become one.
 *
 * @param event the event, or null when rejected
 * @param reason why the entry was rejected (value, limit and place), or null
 * @param excerpt what the rejected entry held, as far as it was read (may be empty)
 * @param inputBytes the entry's msgpack size
 */
record Entry(LogEvent event, String reason, String excerpt, long inputBytes) {
  static Entry accepted(LogEvent event, long inputBytes) {
    return new Entry(event, null, "", inputBytes);
  }

  static Entry rejected(String reason, String excerpt, long inputBytes) {
    return new Entry(null, reason, excerpt, inputBytes);
  }

  boolean isAccepted() {
    return event != null;
  }
}
