package dev.corral.server.inputs.otlp;

import dev.corral.model.normalize.AliasTable;
import dev.corral.server.config.ServerConfig;
import dev.corral.server.http.Route;
import dev.corral.server.ingest.IngestService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The routes of the OTLP logs over HTTP: {@code POST /v1/logs}, protobuf and JSON (see
 * {@link OtlpLogsHandler}; docs/inputs/otlp.md for users).
 */
public final class OtlpHttpEndpoints {
  /** The OTLP/HTTP default path for logs; exporters append it to their endpoint URL. */
  static final String LOGS_PATH = "/v1/logs";

  private OtlpHttpEndpoints() {}

  /** The routes this input serves, storing through {@code ingest}. */
  public static List<Route> routes(IngestService ingest, ServerConfig config) {
    return List.of(new Route("POST", LOGS_PATH, new OtlpLogsHandler(export(ingest, config), config.maxBodyBytes())));
  }

  /** The export path both OTLP transports share, with the configured limits and alias table. */
  static LogsExport export(IngestService ingest, ServerConfig config) {
    return new LogsExport(ingest, new LogRecordMapper(ingest.eventDecoder().limits(), ingest.eventDecoder().normalizer().aliases()));
  }
}
