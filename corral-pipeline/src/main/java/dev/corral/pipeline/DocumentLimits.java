package dev.corral.pipeline;

import dev.corral.model.normalize.DecodeLimits;

/**
 * How large processors may make one event: a {@link Document} refuses a change that would take it
 * past either bound, so a processor (a {@code kv} on a hostile line, a {@code json} of a huge
 * payload) cannot grow an event beyond what ingest would have accepted. Immutable.
 *
 * @param maxBytes most bytes of the event's fields, names and values counted as UTF-8 (about its
 *     JSON size)
 * @param maxFields most fields besides timestamp, level and message
 */
public record DocumentLimits(long maxBytes, int maxFields) {
  /** The ingest limits' defaults: a pipeline must not build an event that ingest would have refused. */
  public static final DocumentLimits DEFAULTS =
      new DocumentLimits(DecodeLimits.DEFAULT_MAX_EVENT_BYTES, DecodeLimits.DEFAULT_MAX_FIELDS);

  public DocumentLimits {
    if (maxBytes < 1 || maxFields < 1) {
      throw new IllegalArgumentException(
          "document limits must be at least 1, got maxBytes=" + maxBytes + ", maxFields=" + maxFields);
    }
  }

  /** The same bounds as the ingest decoder's ({@code ingest.max_event_bytes}, {@code ingest.max_fields}). */
  public static DocumentLimits of(DecodeLimits limits) {
    return new DocumentLimits(limits.maxEventBytes(), limits.maxFields());
  }
}
