package dev.corral.server.inputs.bulk;

import dev.corral.server.http.Request;
import dev.corral.server.http.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What shippers ask a cluster before they send: {@code GET /} (version), {@code /_license},
 * {@code /_xpack}, {@code /_cluster/health}, {@code /_nodes}, {@code /_cat/…}. Corral answers as a
 * healthy single-node Elasticsearch {@value #VERSION} with a basic license.
 *
 * <p>Who checks what: Filebeat reads {@code version.number} and refuses {@code build_flavor: oss}
 * and a missing license; Logstash and Elastic's clients check the {@code X-Elastic-Product}
 * header, {@code version.number} and an active license; Vector reads {@code version.number} (and
 * probes {@code /_cluster/health}); rsyslog's health check is {@code HEAD /_cat/health}.
 */
final class ClusterInfo {
  /**
   * The Elasticsearch version claimed: an 8.x, so that shippers of major 8 (Filebeat, Logstash,
   * Elastic clients) speak their current protocol (no mapping types, data streams allowed), and
   * recent enough that Beats 8.x do not find the cluster older than themselves.
   */
  static final String VERSION = "8.17.0";
  /** The Lucene version Elasticsearch {@value #VERSION} ships with. */
  private static final String LUCENE_VERSION = "9.12.0";
  /** Elasticsearch's tagline; Elastic's clients for 6.x and 7.x check it word for word. */
  static final String TAGLINE = "You Know, for Search";
  private static final String CLUSTER_NAME = "corral";
  private static final String BUILD_DATE = "2024-12-11T12:08:05.663969764Z";

  private ClusterInfo() {}

  /** {@code GET /}. */
  static Response root() {
    Map<String, Object> version = new LinkedHashMap<>();
    version.put("number", VERSION);
    version.put("build_flavor", "default");
    version.put("build_type", "tar");
    version.put("build_hash", "corral");
    version.put("build_date", BUILD_DATE);
    version.put("build_snapshot", false);
    version.put("lucene_version", LUCENE_VERSION);
    version.put("minimum_wire_compatibility_version", "7.17.0");
    version.put("minimum_index_compatibility_version", "7.0.0");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", CLUSTER_NAME);
    body.put("cluster_name", CLUSTER_NAME);
    body.put("cluster_uuid", "corral-compatible-elasticsearch-api");
    body.put("version", version);
    body.put("tagline", TAGLINE);
    return EsResponses.json(200, body);
  }

  /** {@code GET /_license}: an active basic license. */
  static Response license() {
    Map<String, Object> license = new LinkedHashMap<>();
    license.put("status", "active");
    license.put("uid", "corral-basic");
    license.put("type", "basic");
    license.put("issue_date", "2024-01-01T00:00:00.000Z");
    license.put("issue_date_in_millis", 1704067200000L);
    license.put("max_nodes", 1000);
    license.put("max_resource_units", null);
    license.put("issued_to", CLUSTER_NAME);
    license.put("issuer", "elasticsearch");
    license.put("start_date_in_millis", -1);
    return EsResponses.json(200, Map.of("license", license));
  }

  /**
   * {@code GET /_xpack}: a basic license; ILM reported unavailable so that Beats 7 with
   * {@code setup.ilm.enabled: auto} do not try rollover aliases (which need index-level calls).
   */
  static Response xpack() {
    Map<String, Object> features = new LinkedHashMap<>();
    features.put("ilm", Map.of("available", false, "enabled", false));
    features.put("monitoring", Map.of("available", false, "enabled", false));
    features.put("security", Map.of("available", false, "enabled", false));
    return EsResponses.json(200, Map.of(
        "build", Map.of("hash", "corral", "date", BUILD_DATE),
        "license", Map.of("uid", "corral-basic", "type", "basic", "mode", "basic", "status", "active"),
        "features", features));
  }

  /** {@code GET /_cluster/health}: green, one node. */
  static Response clusterHealth() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("cluster_name", CLUSTER_NAME);
    body.put("status", "green");
    body.put("timed_out", false);
    body.put("number_of_nodes", 1);
    body.put("number_of_data_nodes", 1);
    body.put("active_primary_shards", 0);
    body.put("active_shards", 0);
    body.put("relocating_shards", 0);
    body.put("initializing_shards", 0);
    body.put("unassigned_shards", 0);
    body.put("delayed_unassigned_shards", 0);
    body.put("number_of_pending_tasks", 0);
    body.put("number_of_in_flight_fetch", 0);
    body.put("task_max_waiting_in_queue_millis", 0);
    body.put("active_shards_percent_as_number", 100.0);
    return EsResponses.json(200, body);
  }

  /** {@code GET /_nodes[/…]}: one node (Logstash sniffing, Elastic clients' node discovery). */
  static Response nodes(Request request) {
    String host = request.header("Host") == null ? "127.0.0.1:9200" : request.header("Host");
    Map<String, Object> node = new LinkedHashMap<>();
    node.put("name", CLUSTER_NAME);
    node.put("host", host.replaceFirst(":\\d+$", ""));
    node.put("version", VERSION);
    node.put("roles", List.of("master", "data", "ingest"));
    node.put("http", Map.of("publish_address", host, "bound_address", List.of(host)));
    return EsResponses.json(200, Map.of(
        "_nodes", Map.of("total", 1, "successful", 1, "failed", 0),
        "cluster_name", CLUSTER_NAME,
        "nodes", Map.of("corral-node", node)));
  }

  /**
   * {@code GET /_cat/<what>}: {@code health} is one green row; other tables are empty. Text by
   * default, JSON with {@code ?format=json}, as Elasticsearch does.
   */
  static Response cat(Request request, String what) {
    boolean json = "json".equals(request.param("format", "text"));
    if (!what.equals("health")) {
      return json ? EsResponses.json(200, List.of()) : text("");
    }
    long now = Instant.now().getEpochSecond();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("epoch", Long.toString(now));
    row.put("timestamp", Instant.ofEpochSecond(now).toString().substring(11, 19));
    row.put("cluster", CLUSTER_NAME);
    row.put("status", "green");
    row.put("node.total", "1");
    row.put("node.data", "1");
    row.put("shards", "0");
    row.put("pri", "0");
    row.put("relo", "0");
    row.put("init", "0");
    row.put("unassign", "0");
    row.put("pending_tasks", "0");
    row.put("max_task_wait_time", "-");
    row.put("active_shards_percent", "100.0%");
    if (json) {
      return EsResponses.json(200, List.of(row));
    }
    StringBuilder line = new StringBuilder();
    row.values().forEach(value -> line.append(value).append(' '));
    return text(line.toString().trim() + "\n");
  }

  private static Response text(String text) {
    return new Response(200, "text/plain; charset=UTF-8", EsResponses.PRODUCT, text.getBytes(StandardCharsets.UTF_8));
  }
}
