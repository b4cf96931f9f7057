package dev.corral.server.inputs.loki;

import dev.corral.model.Fields;
import dev.corral.model.LogEvent;
import dev.corral.model.normalize.InvalidEventException;
import dev.corral.model.normalize.Utf8Text;
import dev.corral.server.ingest.DeadLetter;
import dev.corral.server.text.Excerpt;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the events and dead letters of one push request as its entries are decoded. Places in
 * reasons are 1-based: {@code stream 2, entry 5: …}. One instance per request; not thread-safe.
 */
final class PushCollector {
  /** The {@code dead_letter.input} of entries rejected by this endpoint. */
  static final String INPUT = "loki";

  private final EntryNormalizer normalizer;
  private final List<LogEvent> events = new ArrayList<>();
  private final List<DeadLetter> deadLetters = new ArrayList<>();

  PushCollector(EntryNormalizer normalizer) {
    this.normalizer = normalizer;
  }

  /** Adds the event of one well-formed entry, or its dead letter when it breaks a limit. */
  void entry(int stream, int entry, Fields labels, long timestamp, String line, Fields metadata) {
    try {
      events.add(normalizer.toEvent(labels, timestamp, line, metadata));
    } catch (InvalidEventException e) {
      reject(stream, entry, e.reason(), Excerpt.of(line), (int) Math.min(Integer.MAX_VALUE, Utf8Text.encodedLength(line)));
    }
  }

  /** Adds a dead letter for an entry that could not be read. */
  void reject(int stream, int entry, String reason, String excerpt, int inputBytes) {
    deadLetters.add(new DeadLetter(INPUT, "stream " + stream + ", entry " + entry + ": " + reason, excerpt, inputBytes));
  }

  /** Adds a dead letter for a stream that could not be read at all (no entry of it could be told apart). */
  void rejectStream(int stream, String reason, String excerpt, int inputBytes) {
    deadLetters.add(new DeadLetter(INPUT, "stream " + stream + ": " + reason, excerpt, inputBytes));
  }

  DecodedPush result() {
    return new DecodedPush(events, deadLetters);
  }
}
