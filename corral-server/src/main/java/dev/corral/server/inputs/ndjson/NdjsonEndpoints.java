package dev.corral.server.inputs.ndjson;

import dev.corral.model.normalize.IngestBody;
import dev.corral.server.http.Route;
import dev.corral.server.ingest.IngestSink;
import dev.corral.server.inputs.HttpEnvelope;
import java.util.List;
import java.util.Set;

/** The native input's route: {@code POST /api/v1/ingest}, NDJSON or a JSON array of events. */
public final class NdjsonEndpoints {
  /** The input's name, its metric label and the {@code dead_letter.input} of its rejected lines. */
  public static final String INPUT = "ndjson";
  /** Media types whose bodies are read as NDJSON or a JSON array. */
  private static final Set<String> ACCEPTED_TYPES = Set.of("application/x-ndjson", "application/ndjson",
      "application/json", "application/jsonl", "application/x-jsonlines", "application/jsonlines", "text/plain");

  private NdjsonEndpoints() {}

  /** The routes this input serves, storing through {@code sink}; bodies up to {@code maxBodyBytes} ({@code http.max_body_bytes}). */
  public static List<Route> routes(IngestSink sink, long maxBodyBytes) {
    HttpEnvelope envelope = new HttpEnvelope(INPUT, sink, ACCEPTED_TYPES, false, "Content-Type '%s' is not "
        + "supported here; send application/x-ndjson (one JSON event per line) or application/json (an array of "
        + "events)", maxBodyBytes);
    return List.of(Route.ingest("POST", "/api/v1/ingest", new NdjsonHandler(envelope, new IngestBody(sink.eventDecoder()))));
  }
}
