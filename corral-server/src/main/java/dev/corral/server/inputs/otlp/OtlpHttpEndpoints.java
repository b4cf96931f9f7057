package dev.corral.server.inputs.otlp;

import dev.corral.server.config.ServerConfig;
import dev.corral.server.http.Route;
import dev.corral.server.ingest.IngestService;
import java.util.List;

/** The routes of the OTLP logs over HTTP: {@code POST /v1/logs}, protobuf and JSON. */
public final class OtlpHttpEndpoints {
  private OtlpHttpEndpoints() {}

  /** The routes this input serves, storing through {@code ingest}. */
  public static List<Route> routes(IngestService ingest, ServerConfig config) {
    return List.of();
  }
}
