package dev.corral.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * A batch taken from the queue: its events (kept so that, if it is never sent, each is counted as dropped
 * under its level) and the request body, their gzip'd NDJSON.
 */
record OutgoingBatch(List<LogEvent> events, byte[] body) {
  OutgoingBatch {
    events = List.copyOf(events);
  }

  /**
   * Encodes events from the front of {@code events} while the NDJSON stays within {@code maxChars} (the first
   * event always goes in: it is at most about a megabyte, see {@link EventJson}); the events that did not fit
   * are left in {@code events}, the others removed.
   */
  static OutgoingBatch take(List<LogEvent> events, int maxChars) {
    StringBuilder ndjson = new StringBuilder(256 * events.size());
    int taken = 0;
    while (taken < events.size()) {
      int mark = ndjson.length();
      EventJson.append(ndjson, events.get(taken));
      ndjson.append('\n');
      if (ndjson.length() > maxChars && taken > 0) {
        ndjson.setLength(mark);
        break;
      }
      taken++;
    }
    List<LogEvent> batch = List.copyOf(events.subList(0, taken));
    events.subList(0, taken).clear();
    return new OutgoingBatch(batch, gzip(ndjson));
  }

  private static byte[] gzip(CharSequence ndjson) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(ndjson.length() / 4 + 64);
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes, 8192)) {
      gzip.write(ndjson.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("BUG: gzip into memory failed", e);
    }
    return bytes.toByteArray();
  }

  int size() {
    return events.size();
  }
}
