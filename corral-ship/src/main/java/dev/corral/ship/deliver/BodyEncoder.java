package dev.corral.ship.deliver;

import dev.corral.ship.config.OutputConfig;
import dev.corral.ship.config.OutputFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a batch as a request: NDJSON to Corral's ingest API, the pipeline as {@code ?pipeline=}; for
 * {@code _bulk}, an action line naming the index (and the pipeline) before each event ({@code create}, which
 * both plain indices and data streams take).
 */
interface BodyEncoder {
  /** The request path and query below the output URL, for a batch of {@code pipeline} (null: none). */
  String path(String pipeline);

  void write(List<String> events, String pipeline, OutputStream body) throws IOException;

  static BodyEncoder of(OutputConfig output) {
    return output.format() == OutputFormat.CORRAL ? new Ingest() : new Bulk(output.index());
  }

  /** Corral's {@code POST /api/v1/ingest}: one event per line. */
  record Ingest() implements BodyEncoder {
    @Override
    public String path(String pipeline) {
      return pipeline == null ? "/api/v1/ingest"
          : "/api/v1/ingest?pipeline=" + URLEncoder.encode(pipeline, StandardCharsets.UTF_8);
    }

    @Override
    public void write(List<String> events, String pipeline, OutputStream body) throws IOException {
      for (String event : events) {
        body.write(event.getBytes(StandardCharsets.UTF_8));
        body.write('\n');
      }
    }
  }

  /** {@code POST /_bulk}: an action line, then the event, for each event. */
  record Bulk(String index) implements BodyEncoder {
    @Override
    public String path(String pipeline) {
      return "/_bulk";
    }

    @Override
    public void write(List<String> events, String pipeline, OutputStream body) throws IOException {
      byte[] action = ("{\"create\":{\"_index\":" + JsonString.quote(index)
          + (pipeline == null ? "" : ",\"pipeline\":" + JsonString.quote(pipeline)) + "}}\n")
          .getBytes(StandardCharsets.UTF_8);
      for (String event : events) {
        body.write(action);
        body.write(event.getBytes(StandardCharsets.UTF_8));
        body.write('\n');
      }
    }
  }
}
