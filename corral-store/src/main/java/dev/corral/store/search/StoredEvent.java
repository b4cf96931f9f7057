package dev.corral.store.search;

import java.nio.charset.StandardCharsets;

/**
 * One event as the store returns it.
 *
 * @param timestamp epoch nanoseconds
 * @param source the event's canonical JSON, byte for byte as it was in the ingested batch; callers
 *     must not modify it
 */
public record StoredEvent(long timestamp, byte[] source) {
  /** The source as text. */
  public String sourceText() {
    return new String(source, StandardCharsets.UTF_8);
  }
}
