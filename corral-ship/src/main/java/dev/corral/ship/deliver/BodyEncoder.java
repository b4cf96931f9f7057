package dev.corral.ship.deliver;

import dev.corral.ship.config.OutputConfig;
import dev.corral.ship.config.OutputFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a batch as a request body: NDJSON for Corral's ingest API; for {@code _bulk}, an action line naming the
 * index before each event ({@code create}, which both plain indices and data streams take).
 */
interface BodyEncoder {
  /** The request path below the output URL. */
  String path();

  void write(List<String> events, OutputStream body) throws IOException;

  static BodyEncoder of(OutputConfig output) {
    if (output.format() == OutputFormat.CORRAL) {
      return new Ndjson("/api/v1/ingest", new byte[0]);
    }
    String action = "{\"create\":{\"_index\":" + JsonString.quote(output.index()) + "}}\n";
    return new Ndjson("/_bulk", action.getBytes(StandardCharsets.UTF_8));
  }

  /** One event per line, each after {@code prefix} (the bulk action line, or nothing). */
  record Ndjson(String path, byte[] prefix) implements BodyEncoder {
    @Override
    public void write(List<String> events, OutputStream body) throws IOException {
      for (String event : events) {
        body.write(prefix);
        body.write(event.getBytes(StandardCharsets.UTF_8));
        body.write('\n');
      }
    }
  }
}
