package dev.corral.server.inputs.loki;

import dev.corral.server.http.Route;
import dev.corral.server.ingest.IngestSink;
import dev.corral.server.inputs.HttpEnvelope;
import java.util.HashSet;
import java.util.Set;
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

  /** The input's name, its metric label. */
  public static final String INPUT = PushCollector.INPUT;

  /** The routes this input serves, storing through {@code sink}; bodies up to {@code maxBodyBytes} ({@code http.max_body_bytes}). */
  public static List<Route> routes(IngestSink sink, long maxBodyBytes) {
    HttpEnvelope envelope = new HttpEnvelope(INPUT, sink, union(LokiPushHandler.JSON_TYPES,
        LokiPushHandler.PROTOBUF_TYPES), false, LokiPushHandler.UNSUPPORTED_TYPE, maxBodyBytes);
    LokiPushHandler push = new LokiPushHandler(envelope, new EntryNormalizer(sink.eventDecoder()));
    return List.of(Route.ingest("POST", PUSH_PATH, push), Route.ingest("POST", LEGACY_PUSH_PATH, push));
  }

  private static Set<String> union(Set<String> first, Set<String> second) {
    Set<String> all = new HashSet<>(first);
    all.addAll(second);
    return all;
  }
}
