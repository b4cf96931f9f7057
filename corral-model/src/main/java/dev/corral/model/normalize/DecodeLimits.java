package dev.corral.model.normalize;

/**
 * What one incoming event may be, checked while it is decoded. Breaking a limit rejects that
 * event alone with an {@link InvalidEventException} naming the value, the limit and the setting.
 * Fixed at creation; immutable.
 *
 * @param maxEventBytes largest event, in bytes of its JSON ({@code ingest.max_event_bytes})
 * @param maxFields most leaf fields after flattening; an array counts as one ({@code ingest.max_fields})
 * @param maxDepth deepest nesting of objects and arrays; the event object itself is depth 1
 *     ({@code ingest.max_depth})
 * @param maxMessageBytes longest message in UTF-8 bytes; longer ones are cut and flagged
 *     {@code _truncated}, not rejected ({@code ingest.max_message_bytes})
 */
public record DecodeLimits(int maxEventBytes, int maxFields, int maxDepth, int maxMessageBytes) {
  /** 1 MiB: a log line beyond that is a dumped payload or a runaway loop, and is kept out of the WAL. */
  public static final int DEFAULT_MAX_EVENT_BYTES = 1 << 20;
  /** 1000: Elasticsearch's total_fields default; more means data is used as keys and bloats the index. */
  public static final int DEFAULT_MAX_FIELDS = 1000;
  /** 20: Elasticsearch's mapping depth default; ECS needs 4, and it bounds the decoder's recursion. */
  public static final int DEFAULT_MAX_DEPTH = 20;
  /** 100 KiB (DESIGN.md): ample for any human-readable message, small enough for one index term block. */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 100 * 1024;

  /** The defaults above. */
  public static final DecodeLimits DEFAULTS = new DecodeLimits(
      DEFAULT_MAX_EVENT_BYTES, DEFAULT_MAX_FIELDS, DEFAULT_MAX_DEPTH, DEFAULT_MAX_MESSAGE_BYTES);

  public DecodeLimits {
    requirePositive(maxEventBytes, "ingest.max_event_bytes");
    requirePositive(maxFields, "ingest.max_fields");
    requirePositive(maxDepth, "ingest.max_depth");
    requirePositive(maxMessageBytes, "ingest.max_message_bytes");
  }

  private static void requirePositive(int value, String setting) {
    if (value < 1) {
      throw new IllegalArgumentException(setting + " is " + value + ", must be at least 1");
    }
  }
}
