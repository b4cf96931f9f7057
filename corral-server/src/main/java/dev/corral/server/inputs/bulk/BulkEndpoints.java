package dev.corral.server.inputs.bulk;

import dev.corral.model.normalize.AliasTable;
import dev.corral.model.normalize.EventDecoder;
import dev.corral.server.http.Handler;
import dev.corral.server.http.Route;
import dev.corral.server.ingest.IngestSink;
import dev.corral.server.inputs.HttpEnvelope;
import dev.corral.server.pipelines.PipelineLibrary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The routes of the Elasticsearch / OpenSearch {@code _bulk} API and the calls shippers make at
 * start-up, served twice by one {@link EsApi}:
 * <ul>
 *   <li>at the root, where shippers pointed at {@code http://host:port} look: {@code GET|HEAD /},
 *       {@code POST|PUT /_bulk}, {@code /_license}, {@code /_xpack}, {@code /_cluster/*},
 *       {@code /_nodes[/*]}, {@code /_cat/*} and the setup prefixes ({@code /_index_template/*},
 *       {@code /_template/*}, {@code /_component_template/*}, {@code /_ilm/*},
 *       {@code /_data_stream/*}, {@code /_alias/*});
 *   <li>{@code /_ingest/pipeline[/…]} (and under {@value #MOUNT}): the ingest-pipeline API on Corral's
 *       pipelines ({@link IngestPipelineApi}): GET needs a read key, PUT, DELETE and {@code _simulate} an admin key;
 *   <li>at the root as the fallback route ({@code POST|PUT|HEAD /*}): {@code /{index}/_bulk} and
 *       index-level calls ({@code HEAD|PUT /{index}}, {@code PUT /{index}/_settings}) — exact and longer routes win
 *       over it;
 *   <li>under {@value #MOUNT}, the whole API again, for setups that prefer a prefix:
 *       {@code /es/{index}/_bulk}, {@code HEAD|PUT /es/{index}}.
 * </ul>
 */
public final class BulkEndpoints {
  /** The prefix under which the whole Elasticsearch-compatible API is served. */
  public static final String MOUNT = "/es";
  /** The input's name, its metric label and the {@code dead_letter.input} of refused items. */
  public static final String INPUT = BulkBodyReader.INPUT;
  private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE");

  private BulkEndpoints() {}

  /**
   * The routes this input serves, storing through {@code sink}.
   *
   * @param maxBodyBytes the largest body ({@code http.max_body_bytes})
   * @param indexAsService whether an index name becomes the events' service ({@code bulk.index_as_service})
   * @param pipelines the processing pipelines, which {@code _ingest/pipeline} reads and changes
   * @param indexPipelines {@code _bulk} index pattern to its default pipeline ({@code pipelines.bulk_indices})
   */
  public static List<Route> routes(IngestSink sink, long maxBodyBytes, boolean indexAsService, PipelineLibrary pipelines,
      Map<String, String> indexPipelines) {
    HttpEnvelope envelope = new HttpEnvelope(BulkBodyReader.INPUT, sink, BulkHandler.BULK_TYPES, false,
        BulkHandler.UNSUPPORTED_TYPE, maxBodyBytes);
    EsApi api = new EsApi(new BulkHandler(envelope, new BulkBodyReader(sink.eventDecoder(), indexAsService),
        new IndexPipelines(pipelines.indexDefaults(), indexPipelines)), new IndexSettingsCalls(pipelines));
    Handler atRoot = request -> api.handle(request, request.path());
    Handler mounted = request -> api.handle(request, request.pathTail());
    List<Route> routes = new ArrayList<>();
    IngestPipelineApi ingestPipelines = new IngestPipelineApi(pipelines, sink.eventDecoder());
    for (String prefix : List.of("", MOUNT)) {
      Handler handler = request -> ingestPipelines.handle(request, afterIngest(request.path(), prefix));
      for (String path : List.of(prefix + "/_ingest", prefix + "/_ingest/*")) {
        routes.add(Route.read("GET", path, handler));
        routes.add(Route.admin("PUT", path, handler));
        routes.add(Route.admin("DELETE", path, handler));
        routes.add(Route.admin("POST", path, handler)); // _simulate
      }
    }
    routes.add(Route.ingest("GET", "/", atRoot));
    routes.add(Route.ingest("POST", "/_bulk", atRoot));
    routes.add(Route.ingest("PUT", "/_bulk", atRoot));
    for (String probe : List.of("/_license", "/_xpack", "/_cluster/*", "/_nodes", "/_nodes/*", "/_cat/*")) {
      routes.add(Route.ingest("GET", probe, atRoot));
    }
    for (String setup : EsApi.SETUP) {
      for (String method : METHODS) {
        routes.add(Route.ingest(method, "/" + setup, atRoot));
        routes.add(Route.ingest(method, "/" + setup + "/*", atRoot));
      }
    }
    // The fallback for everything no other route serves: POST|PUT /{index}/_bulk, HEAD|PUT /{index}.
    for (String method : List.of("POST", "PUT", "HEAD")) {
      routes.add(Route.ingest(method, "/*", atRoot));
    }
    routes.add(Route.ingest("GET", MOUNT, mounted));
    for (String method : METHODS) {
      routes.add(Route.ingest(method, MOUNT + "/*", mounted));
    }
    return List.copyOf(routes);
  }

  /** The path after {@code <prefix>/_ingest/}, without surrounding slashes. */
  private static String afterIngest(String path, String prefix) {
    return EsApi.trimSlashes(path.substring(Math.min(path.length(), (prefix + "/_ingest").length())));
  }
}
