package dev.corral.server.ingest;

import dev.corral.model.FieldNames;
import dev.corral.model.Fields;
import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import java.util.Objects;

/**
 * Input that could not become an event. It is not dropped: it is stored as an event of its own
 * ({@code logtype:dead_letter}, service {@code corral}) with the input it came from, the reason
 * and an excerpt of what was sent, so it is searchable like any other log.
 *
 * @param input which input received it: {@code ndjson}, {@code bulk}, {@code otlp}, {@code loki}, {@code gelf}, …
 * @param reason why it was rejected, naming value, limit and place
 * @param excerpt the start of what was sent (may be empty)
 * @param inputBytes the size of what was sent, or 0 when unknown
 * @param origin fields the event carries besides its own, saying where the input read it (a Kafka record's
 *     {@code kafka.topic}, {@code kafka.partition}, {@code kafka.offset}); empty for most inputs
 */
public record DeadLetter(String input, String reason, String excerpt, int inputBytes, Fields origin) {
  /** The {@code logtype} of dead letters: search them with {@code logtype:dead_letter}. */
  public static final String LOGTYPE = "dead_letter";
  /** The service dead letters are filed under. */
  public static final String SERVICE = "corral";

  public DeadLetter {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(excerpt, "excerpt");
    Objects.requireNonNull(origin, "origin");
  }

  /** A dead letter without origin fields. */
  public DeadLetter(String input, String reason, String excerpt, int inputBytes) {
    this(input, reason, excerpt, inputBytes, Fields.empty());
  }

  /** The searchable event that records this dead letter, stamped with the time it was received. */
  public LogEvent toEvent(long receivedAtNanos) {
    Fields.Builder fields = Fields.builder(6 + origin.size())
        .put(FieldNames.SERVICE, SERVICE)
        .put(FieldNames.LOGTYPE, LOGTYPE)
        .put("dead_letter.input", input)
        .put("dead_letter.reason", reason)
        .put("dead_letter.bytes", (long) inputBytes);
    if (!excerpt.isEmpty()) {
      fields.put("dead_letter.excerpt", excerpt);
    }
    origin.forEach(fields::put);
    return new LogEvent(receivedAtNanos, Level.WARN, "rejected " + input + " event: " + reason, fields.build());
  }
}
