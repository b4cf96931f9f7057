package dev.corral.server.inputs.loki;

import dev.corral.server.config.ServerConfig;
import dev.corral.server.http.Route;
import dev.corral.server.ingest.IngestService;
import java.util.List;

/** The routes of the Loki push: {@code POST /loki/api/v1/push}, JSON and protobuf+snappy. */
public final class LokiEndpoints {
  private LokiEndpoints() {}

  /** The routes this input serves, storing through {@code ingest}. */
  public static List<Route> routes(IngestService ingest, ServerConfig config) {
    return List.of();
  }
}
