package dev.corral.opensearch.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.model.CanonicalJson;
import dev.corral.store.search.QueryTimeoutException;
import dev.corral.store.search.StoreUnavailableException;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * One {@code _search} over the store's indices, within a query's deadline: the remaining time goes to
 * OpenSearch as the search's {@code timeout} and to the transport. Partial answers are never taken: a
 * shard that timed out is a {@link QueryTimeoutException}; a failed shard, a cluster that cannot be reached or
 * answers another error (a 401 for wrong credentials, a 5xx) a {@link StoreUnavailableException} ({@code
 * allow_partial_search_results=false} makes OpenSearch fail the search itself in most cases). A query
 * OpenSearch refuses (400: too many clauses, a regex longer than {@code index.max_regex_length}, …) is an
 * {@link IllegalArgumentException} with its reason. Stateless and thread-safe.
 */
final class ClusterSearch {
  private static final ObjectMapper MAPPER = new ObjectMapper(CanonicalJson.FACTORY);

  /** A search under a point in time names no index: the point in time holds them. */
  private static final String PIT_PATH = "/_search?allow_partial_search_results=false";

  private final SearchTransport transport;
  private final String path;

  ClusterSearch(SearchTransport transport, DailyIndices indices) {
    this.transport = transport;
    this.path = "/" + indices.pattern() + "/_search?ignore_unavailable=true&allow_no_indices=true"
        + "&allow_partial_search_results=false";
  }

  /** A search whose hits are read (their sources byte for byte). */
  SearchHits hits(ObjectNode body, Deadline deadline) throws IOException {
    byte[] answer = send(path, body, deadline);
    SearchHits hits = SearchHits.read(answer);
    check(hits.timedOut(), hits.failedShards(), answer, deadline);
    return hits;
  }

  /**
   * A page of a search under a point in time ({@code body} has its {@code pit}), its hits not counted:
   * the sources, the last hit's sort values and the point in time's id. A point in time that expired
   * or whose node left is an {@link IOException} (OpenSearch's 404 {@code search_context_missing}).
   */
  SearchHits page(ObjectNode body, Deadline deadline) throws IOException {
    byte[] answer = send(PIT_PATH, body, deadline);
    SearchHits hits = SearchHits.readPage(answer);
    check(hits.timedOut(), hits.failedShards(), answer, deadline);
    return hits;
  }

  /** A search whose whole answer is read as a tree (aggregations). */
  JsonNode tree(ObjectNode body, Deadline deadline) throws IOException {
    byte[] answer = send(path, body, deadline);
    JsonNode tree = MAPPER.readTree(answer);
    check(tree.path("timed_out").asBoolean(), tree.path("_shards").path("failed").asInt(), answer, deadline);
    return tree;
  }

  private byte[] send(String path, ObjectNode body, Deadline deadline) throws IOException {
    deadline.check();
    body.put("timeout", Math.max(1, deadline.remaining().toMillis()) + "ms");
    SearchTransport.Response response;
    try {
      response = transport.send("POST", path, MAPPER.writeValueAsBytes(body), deadline.remaining());
    } catch (HttpTimeoutException e) {
      throw new QueryTimeoutException(deadline.timeout());
    }
    if (response.status() == 400) {
      throw new IllegalArgumentException("OpenSearch refused the query: " + ClusterErrors.reason(response.body()));
    }
    if (response.status() != 200) {
      throw ClusterErrors.unavailable("to a search", response);
    }
    return response.body();
  }

  private static void check(boolean timedOut, int failedShards, byte[] answer, Deadline deadline) throws IOException {
    if (timedOut) {
      throw new QueryTimeoutException(deadline.timeout());
    }
    if (failedShards > 0) {
      throw new StoreUnavailableException("OpenSearch answered a search with " + failedShards + " failed shards: "
          + new String(answer, 0, Math.min(500, answer.length), StandardCharsets.UTF_8));
    }
    deadline.check();
  }
}
