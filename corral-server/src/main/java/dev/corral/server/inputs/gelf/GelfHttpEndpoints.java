package dev.corral.server.inputs.gelf;

import dev.corral.server.config.ServerConfig;
import dev.corral.server.http.Route;
import dev.corral.server.ingest.IngestService;
import java.util.List;

/** The routes of the GELF over HTTP: {@code POST /gelf}. */
public final class GelfHttpEndpoints {
  private GelfHttpEndpoints() {}

  /** The routes this input serves, storing through {@code ingest}. */
  public static List<Route> routes(IngestService ingest, ServerConfig config) {
    return List.of();
  }
}
