package dev.corral.server.inputs.raw;

import dev.corral.server.http.Route;
import dev.corral.server.ingest.IngestSink;
import dev.corral.server.inputs.HttpEnvelope;
import java.util.List;
import java.util.Set;

/** The raw-lines input's route: {@code POST /api/v1/ingest/raw}, plain text, one event per line. */
public final class RawEndpoints {
  /** The input's name: its metric label, the {@code dead_letter.input} of its long lines, its {@code pipelines.inputs} key. */
  public static final String INPUT = "raw";
  /** Media types read as lines; a request without Content-Type is read as lines too. */
  private static final Set<String> ACCEPTED_TYPES = Set.of("text/plain", "application/octet-stream");

  private RawEndpoints() {}

  /**
   * @param maxBodyBytes the largest body, compressed or not ({@code http.max_body_bytes})
   * @param maxLineBytes the longest line ({@code ingest.max_message_bytes})
   */
  public static List<Route> routes(IngestSink sink, long maxBodyBytes, int maxLineBytes) {
    HttpEnvelope envelope = new HttpEnvelope(INPUT, sink, ACCEPTED_TYPES, false, "Content-Type '%s' is not "
        + "supported on /api/v1/ingest/raw; send text/plain, one log line per line (gzip allowed)", maxBodyBytes);
    return List.of(Route.ingest("POST", "/api/v1/ingest/raw",
        new RawLinesHandler(envelope, new RawLineDecoder(INPUT, maxLineBytes))));
  }
}
