package dev.corral.ship;

import java.util.Objects;

/**
 * One log event read by an input, ready to send: {@code json} is one JSON object on one line (no trailing
 * newline), already carrying the input's static fields; the server applies the canonical aliases. {@code offset}
 * is the position in {@code source} just after this record: once the record is durably accepted, the source may
 * resume from there.
 *
 * <p>{@code pipeline} names the server pipeline the record must run (an input's {@code pipeline:} option), or is
 * null for none. The server selects a pipeline per request, not per event ({@code ?pipeline=ID} on
 * {@code /api/v1/ingest}; the action line's {@code "pipeline"} on {@code _bulk}): the delivery side sends records
 * of different pipelines in different requests (or action lines).
 *
 * @param json     the event as one JSON object, never blank and never containing a line break
 * @param source   where the record was read, told when it is safe
 * @param offset   the source position just past this record (bytes for files; a sequence number otherwise)
 * @param pipeline the server pipeline to run, or null
 */
public record ShipRecord(String json, Source source, long offset, String pipeline) {
  public ShipRecord {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(source, "source");
    if (offset < 0) {
      throw new IllegalArgumentException("offset " + offset + " is negative");
    }
    if (pipeline != null && pipeline.isBlank()) {
      throw new IllegalArgumentException("pipeline is blank; give null for none");
    }
  }

  /** A record that runs no named pipeline (the server's default selection applies). */
  public ShipRecord(String json, Source source, long offset) {
    this(json, source, offset, null);
  }
}
