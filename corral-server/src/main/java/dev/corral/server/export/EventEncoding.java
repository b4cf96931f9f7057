package dev.corral.server.export;

import dev.corral.model.CanonicalJson;
import dev.corral.store.search.StoredEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** How an export writes its events: NDJSON (the stored canonical JSON, byte for byte) or CSV rows. */
interface EventEncoding {
  /** Writes what comes before the first event (the CSV header); returns the bytes written. */
  int begin(OutputStream out) throws IOException;

  /** Writes one event; returns the bytes written. */
  int write(StoredEvent event, OutputStream out) throws IOException;

  /** One event per line: the canonical JSON the store returns for a search, then a line feed. */
  static EventEncoding ndjson() {
    return new EventEncoding() {
      @Override
      public int begin(OutputStream out) {
        return 0;
      }

      @Override
      public int write(StoredEvent event, OutputStream out) throws IOException {
        out.write(event.source());
        out.write('\n');
        return event.source().length + 1;
      }
    };
  }

  /** A header row of {@code columns}, then one row per event ({@link CsvColumns}). */
  static EventEncoding csv(CsvColumns columns) {
    return new EventEncoding() {
      @Override
      public int begin(OutputStream out) throws IOException {
        return written(columns.header(), out);
      }

      @Override
      public int write(StoredEvent event, OutputStream out) throws IOException {
        return written(columns.row(CanonicalJson.read(event.source(), 0, event.source().length)), out);
      }

      private static int written(String text, OutputStream out) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(bytes);
        return bytes.length;
      }
    };
  }
}
