package dev.corral.server.inputs.bulk;

import dev.corral.server.http.Request;
import dev.corral.server.http.Response;
import java.io.IOException;
import java.util.Set;

/**
 * The Elasticsearch-compatible API as one path-matching rule, so that the same paths answer the
 * same way at the server root ({@code /_bulk}) and under the {@code /es} mount
 * ({@code /es/_bulk}, {@code /es/{index}/_bulk}).
 *
 * <p>Why a rule of its own: {@code /{index}/_bulk} starts with a variable segment, which neither
 * an exact route nor a fixed prefix can match; at the root it would need a {@code /*} route that
 * swallows every other endpoint. Under the {@code /es/*} prefix this class matches it itself:
 * <ul>
 *   <li>{@code ""} → {@code GET|HEAD /} (version)
 *   <li>{@code _bulk}, {@code <index>/_bulk} → bulk (POST, PUT)
 *   <li>{@code _license}, {@code _xpack}, {@code _cluster/…}, {@code _nodes/…}, {@code _cat/<what>}
 *       → {@link ClusterInfo}
 *   <li>{@code _index_template/…}, {@code _template/…}, {@code _component_template/…},
 *       {@code _ilm/…}, {@code _data_stream/…}, {@code _alias/…} → {@link SetupCalls} ({@code _ingest/…} has
 *       routes of its own, {@link IngestPipelineApi}, for their access differs)
 *   <li>{@code <index>} (one segment, or a {@code <date-math>} name) → index exists / created, with its settings,
 *       and {@code <index>/_settings} → {@link IndexSettingsCalls}
 *   <li>anything else → 404 in Elasticsearch's shape; documents are only taken through _bulk, so
 *       no other write is ever acknowledged without being stored.
 * </ul>
 */
final class EsApi {
  /** First segments handled by {@link SetupCalls}. */
  static final Set<String> SETUP = Set.of("_index_template", "_template", "_component_template", "_ilm",
      "_data_stream", "_alias");
  private static final String BULK = "_bulk";

  private static final String SETTINGS = "_settings";

  private final BulkHandler bulk;
  private final IndexSettingsCalls indices;

  EsApi(BulkHandler bulk, IndexSettingsCalls indices) {
    this.bulk = bulk;
    this.indices = indices;
  }

  /**
   * @param path the request path relative to the API's mount point, with or without slashes
   *     around it ({@code _bulk}, {@code /app/_bulk}, {@code ""})
   */
  Response handle(Request request, String path) throws IOException {
    String p = trimSlashes(path);
    String method = request.method();
    boolean read = method.equals("GET") || method.equals("HEAD");
    if (p.equals(BULK) || p.endsWith("/" + BULK) && !p.startsWith("_")) {
      if (!method.equals("POST") && !method.equals("PUT")) {
        return notAllowed(method, path, "POST, PUT");
      }
      return bulk.handle(request, p.equals(BULK) ? null : p.substring(0, p.length() - BULK.length() - 1));
    }
    int slash = p.indexOf('/');
    String first = slash < 0 ? p : p.substring(0, slash);
    String rest = slash < 0 ? "" : p.substring(slash + 1);
    if (SETUP.contains(first)) {
      return SetupCalls.handle(method, first.substring(1), rest);
    }
    if (rest.equals(SETTINGS) && !first.isEmpty() && !first.startsWith("_")) {
      return switch (method) {
        case "PUT" -> indices.update(request, first);
        case "GET", "HEAD" -> indices.settings(first);
        default -> notAllowed(method, path, "GET, HEAD, PUT");
      };
    }
    if (!read && !first.isEmpty() && !first.startsWith("_")) {
      return indexLevel(request, p, path);
    }
    if (!read) {
      return notAllowed(method, path, "GET, HEAD");
    }
    return switch (first) {
      case "" -> ClusterInfo.root();
      case "_license" -> ClusterInfo.license();
      case "_xpack" -> ClusterInfo.xpack();
      case "_cluster" -> ClusterInfo.clusterHealth();
      case "_nodes" -> ClusterInfo.nodes(request);
      case "_cat" -> ClusterInfo.cat(request, rest);
      default -> first.startsWith("_") ? notFound(method, path) : indexLevel(request, p, path);
    };
  }

  private Response indexLevel(Request request, String name, String path) throws IOException {
    String method = request.method();
    boolean dateMath = name.startsWith("<") && name.endsWith(">");
    if (name.indexOf('/') >= 0 && !dateMath) {
      return notFound(method, path);
    }
    return switch (method) {
      case "PUT", "POST" -> indices.create(request, name);
      case "GET", "HEAD" -> indices.describe(name);
      default -> SetupCalls.deleteIndex(name);
    };
  }

  private static Response notFound(String method, String path) {
    return EsResponses.error(404, "resource_not_found_exception", "no handler found for uri [" + path
        + "] and method [" + method + "]: Corral's Elasticsearch-compatible API takes documents through _bulk only "
        + "and answers the start-up and setup calls of shippers");
  }

  private static Response notAllowed(String method, String path, String allowed) {
    return EsResponses.error(405, "method_not_allowed_exception", "Incorrect HTTP method for uri [" + path
        + "] and method [" + method + "], allowed: [" + allowed + "]");
  }

  /** {@code path} without slashes at either end. */
  static String trimSlashes(String path) {
    int start = 0;
    int end = path.length();
    while (start < end && path.charAt(start) == '/') {
      start++;
    }
    while (end > start && path.charAt(end - 1) == '/') {
      end--;
    }
    return path.substring(start, end);
  }
}
