package dev.corral.opensearch.index;

import dev.corral.model.EventBatch;
import dev.corral.model.FieldNames;
import dev.corral.model.Fields;
import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * What replaces a document the cluster rejected for itself (a mapping conflict such as {@code a}
 * then {@code a.b}, a value it cannot parse): a dead letter event with the same fields as the
 * server's ingest dead letters ({@code logtype:dead_letter}, service {@code corral},
 * {@code dead_letter.input}, {@code dead_letter.reason}, {@code dead_letter.excerpt} holding the
 * original event's canonical JSON whole, {@code dead_letter.bytes}), so {@code logtype:dead_letter}
 * finds it like any other. It keeps the original event's timestamp (so it lands in the same day) and
 * takes the original's {@code _id} with {@value #ID_SUFFIX} appended, so a replay overwrites it too.
 * Stateless.
 */
final class DeadLetterDocument {
  /** The {@code dead_letter.input} of a document the store rejected. */
  static final String INPUT = "opensearch";
  static final String LOGTYPE = "dead_letter";
  static final String SERVICE = "corral";
  static final String ID_SUFFIX = "/dead_letter";

  private DeadLetterDocument() {}

  /**
   * The dead letter of event {@code i} of {@code batch}.
   *
   * @param reason OpenSearch's error type and reason, naming the field
   */
  static EventBatch of(EventBatch batch, int i, String index, String reason) {
    LogEvent original = batch.events().get(i);
    int start = batch.lineStart(i);
    String json = new String(batch.source(), start, batch.lineLength(i), StandardCharsets.UTF_8);
    String why = "OpenSearch rejected the document in index " + index + ": " + reason;
    Fields fields = Fields.builder(6)
        .put(FieldNames.SERVICE, SERVICE)
        .put(FieldNames.LOGTYPE, LOGTYPE)
        .put("dead_letter.input", INPUT)
        .put("dead_letter.reason", why)
        .put("dead_letter.bytes", (long) batch.lineLength(i))
        .put("dead_letter.excerpt", json)
        .build();
    return EventBatch.encode(List.of(
        new LogEvent(original.timestamp(), Level.WARN, "rejected " + INPUT + " event: " + why, fields)));
  }

  /** The canonical JSON of a one-event batch. */
  static byte[] source(EventBatch deadLetter) {
    return Arrays.copyOf(deadLetter.source(), deadLetter.lineLength(0));
  }

}
