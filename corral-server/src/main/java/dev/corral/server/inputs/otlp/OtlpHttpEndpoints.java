package dev.corral.server.inputs.otlp;

import dev.corral.server.http.Route;
import dev.corral.server.ingest.IngestSink;
import dev.corral.server.inputs.HttpEnvelope;
import java.util.Set;
import java.util.List;

/**
 * The routes of the OTLP logs over HTTP: {@code POST /v1/logs}, protobuf and JSON (see
 * {@link OtlpLogsHandler}; docs/inputs/otlp.md for users).
 */
public final class OtlpHttpEndpoints {
  /** The OTLP/HTTP default path for logs; exporters append it to their endpoint URL. */
  static final String LOGS_PATH = "/v1/logs";

  private OtlpHttpEndpoints() {}

  /** The input's name and metric label, also the {@code dead_letter.input} of its rejected records. */
  public static final String INPUT = LogsExport.INPUT;
  /** What a request must say it is: OTLP/HTTP has no default encoding. */
  static final Set<String> MEDIA_TYPES = Set.of("application/x-protobuf", "application/protobuf", "application/json");
  static final String UNSUPPORTED_TYPE = "Content-Type '%s' is not supported on /v1/logs; send application/x-protobuf "
      + "or application/json (OTLP/HTTP)";

  /** The routes this input serves, storing through {@code sink}; bodies up to {@code maxBodyBytes} ({@code http.max_body_bytes}). */
  public static List<Route> routes(IngestSink sink, long maxBodyBytes) {
    HttpEnvelope envelope = new HttpEnvelope(INPUT, sink, MEDIA_TYPES, true, UNSUPPORTED_TYPE, maxBodyBytes);
    return List.of(Route.ingest("POST", LOGS_PATH, new OtlpLogsHandler(envelope, export(sink))));
  }

  /** The decoding both OTLP transports share, with the sink's limits and alias table. */
  static LogsExport export(IngestSink sink) {
    return new LogsExport(new LogRecordMapper(sink.eventDecoder().limits(), sink.eventDecoder().normalizer().aliases()));
  }
}
