package dev.corral.server.inputs.loki;

import dev.corral.model.normalize.AliasTable;
import dev.corral.model.normalize.EventDecoder;
import dev.corral.server.config.ConfigException;
import dev.corral.server.config.ServerConfig;
import dev.corral.server.http.Route;
import dev.corral.server.ingest.IngestService;
import java.io.IOException;
import java.util.List;

/**
 * The routes of the Loki push: {@code POST /loki/api/v1/push}, JSON and protobuf+snappy, and its
 * legacy path {@code POST /api/prom/push} (older Promtail). See docs/inputs/loki.md.
 */
public final class LokiEndpoints {
  /** The push path of Loki's HTTP API. */
  public static final String PUSH_PATH = "/loki/api/v1/push";
  /** The push path of Loki before v1 of its API, still what old Promtail configurations name. */
  public static final String LEGACY_PUSH_PATH = "/api/prom/push";

  private LokiEndpoints() {}

  /**
   * The routes this input serves, storing through {@code ingest}.
   *
   * @throws ConfigException when the configured alias file cannot be read
   */
  public static List<Route> routes(IngestService ingest, ServerConfig config) {
    EntryNormalizer normalizer = new EntryNormalizer(new EventDecoder(config.decodeLimits(), aliases(config)));
    LokiPushHandler push = new LokiPushHandler(ingest, normalizer, config.maxBodyBytes());
    return List.of(new Route("POST", PUSH_PATH, push), new Route("POST", LEGACY_PUSH_PATH, push));
  }

  private static AliasTable aliases(ServerConfig config) {
    if (config.aliasesFile() == null) {
      return AliasTable.defaults();
    }
    try {
      return AliasTable.load(config.aliasesFile());
    } catch (IOException e) {
      throw new ConfigException("cannot read ingest.aliases file " + config.aliasesFile() + ": " + e.getMessage(), e);
    }
  }
}
