package dev.corral.server.inputs.bulk;

import dev.corral.server.http.Json;
import dev.corral.server.http.RefusalStatus;
import dev.corral.server.http.Response;
import dev.corral.server.ingest.IngestRejection;
import dev.corral.server.ingest.Refusal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers in Elasticsearch's shapes. Every answer carries {@code X-Elastic-Product:
 * Elasticsearch}: Elastic's clients from 7.14 on (Logstash's output among them) refuse a server
 * without it. Errors have the shape
 * {@code {"error":{"root_cause":[{"type","reason"}],"type","reason"},"status":N}}.
 */
final class EsResponses {
  /** The header Elastic's clients check before talking to a server. */
  static final Map<String, String> PRODUCT = Map.of("X-Elastic-Product", "Elasticsearch");

  private EsResponses() {}

  /** A JSON answer built from maps, lists and scalars. */
  static Response json(int status, Object body) {
    return Response.json(status, Json.bytes(body), PRODUCT);
  }

  /** A JSON answer already encoded, with extra headers. */
  static Response json(int status, byte[] body, Map<String, String> headers) {
    Map<String, String> all = new HashMap<>(headers);
    all.putAll(PRODUCT);
    return Response.json(status, body, all);
  }

  /** {@code {"acknowledged":true}}: the answer to a setup call. */
  static Response acknowledged() {
    return json(200, Map.of("acknowledged", true));
  }

  /** An error in Elasticsearch's shape. */
  static Response error(int status, String type, String reason) {
    return error(status, type, reason, Map.of());
  }

  /** An error in Elasticsearch's shape with extra headers (such as Retry-After). */
  static Response error(int status, String type, String reason, Map<String, String> headers) {
    Map<String, Object> cause = new LinkedHashMap<>();
    cause.put("type", type);
    cause.put("reason", reason);
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("root_cause", List.of(cause));
    error.put("type", type);
    error.put("reason", reason);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("status", status);
    return json(status, Json.bytes(body), headers);
  }

  /** A request refused as a whole, with Retry-After when the rejection advises one. */
  static Response error(IngestRejection rejection) {
    int status = RefusalStatus.of(rejection);
    return error(status, errorType(rejection.refusal()), rejection.getMessage(), RefusalStatus.headers(rejection));
  }

  /** Elasticsearch's name for the error a refusal is. */
  static String errorType(Refusal refusal) {
    return switch (refusal) {
      case Refusal.Malformed r -> "parse_exception";
      case Refusal.TooLarge r -> "content_too_long_exception";
      case Refusal.Unsupported r -> "media_type_header_exception";
      case Refusal.Backlog r -> "es_rejected_execution_exception";
      case Refusal.RateLimited r -> "es_rejected_execution_exception";
      case Refusal.NotReady r -> "unavailable_shards_exception";
      case Refusal.Stopping r -> "unavailable_shards_exception";
      case Refusal.WritesStopped r -> "unavailable_shards_exception";
      case Refusal.DiskFull r -> "cluster_block_exception";
    };
  }
}
