package dev.corral.server.inputs.bulk;

import dev.corral.server.config.ServerConfig;
import dev.corral.server.http.Route;
import dev.corral.server.ingest.IngestService;
import java.util.List;

/** The routes of the Elasticsearch / OpenSearch {@code _bulk} API and the calls shippers make at start-up. */
public final class BulkEndpoints {
  private BulkEndpoints() {}

  /** The routes this input serves, storing through {@code ingest}. */
  public static List<Route> routes(IngestService ingest, ServerConfig config) {
    return List.of();
  }
}
