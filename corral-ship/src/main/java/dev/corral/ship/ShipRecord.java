package dev.corral.ship;

import java.util.Objects;

/**
 * One log event read by an input, ready to send: {@code json} is one JSON object on one line (no trailing
 * newline), already carrying the input's static fields; the server applies the canonical aliases. {@code offset}
 * is the position in {@code source} just after this record: once the record is durably accepted, the source may
 * resume from there.
 *
 * @param json   the event as one JSON object, never blank and never containing a line break
 * @param source where the record was read, told when it is safe
 * @param offset the source position just past this record (bytes for files; a sequence number otherwise)
 */
public record ShipRecord(String json, Source source, long offset) {
  public ShipRecord {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(source, "source");
    if (offset < 0) {
      throw new IllegalArgumentException("offset " + offset + " is negative");
    }
  }
}
