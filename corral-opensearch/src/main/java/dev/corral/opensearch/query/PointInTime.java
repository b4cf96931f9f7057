package dev.corral.opensearch.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.store.search.QueryTimeoutException;
import java.io.Closeable;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A point in time over some of the store's daily indices: the segments they had when it opened, held by
 * the cluster so that a search paged with {@code search_after} sees neither the events indexed nor the
 * merges made since (OpenSearch's {@code _search/point_in_time}). Each search under it extends its life
 * by {@link #KEEP_ALIVE} and may answer a new id, which {@link #update} keeps. {@link #close()} deletes
 * it at once, also when the calling thread was interrupted; a point in time nobody deletes (a server
 * that died) expires {@link #KEEP_ALIVE} after its last search. Not thread-safe: one export's.
 */
final class PointInTime implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(PointInTime.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * How long the cluster keeps the point in time after a search under it: the longest a client may take
   * to read one page of an export, and the longest a server that died mid-export leaves the indices'
   * old segments held. A page of 1,000 events is about 0.5 MB: minutes even on a slow link.
   */
  static final Duration KEEP_ALIVE = Duration.ofMinutes(5);
  /**
   * Opening or deleting a point in time is one small request, given this long whatever the export's page
   * timeout: an opening that timed out may still have opened one, whose id the export never learns (it
   * expires after {@link #KEEP_ALIVE}); a deletion the cluster does not answer lets it expire.
   */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final SearchTransport transport;
  private String id;

  private PointInTime(SearchTransport transport, String id) {
    this.transport = transport;
    this.id = id;
  }

  /**
   * Opens a point in time over {@code indices} (they exist: a missing one is a 404 of the cluster's).
   *
   * @throws QueryTimeoutException when the cluster does not answer within {@link #REQUEST_TIMEOUT}
   * @throws IOException when it answers anything but 200
   */
  static PointInTime open(SearchTransport transport, List<String> indices) throws IOException {
    if (indices.isEmpty()) {
      throw new IllegalArgumentException("BUG: a point in time over no index");
    }
    String path = "/" + String.join(",", indices) + "/_search/point_in_time?keep_alive=" + keepAlive();
    Deadline deadline = Deadline.after(REQUEST_TIMEOUT);
    SearchTransport.Response response;
    try {
      response = transport.send("POST", path, null, deadline.remaining());
    } catch (HttpTimeoutException e) {
      throw new QueryTimeoutException(deadline.timeout());
    }
    if (response.status() != 200) {
      throw ClusterErrors.unavailable("opening a point in time over " + indices, response);
    }
    JsonNode id = MAPPER.readTree(response.body()).path("pit_id");
    if (!id.isTextual()) {
      throw new IOException("BUG: OpenSearch opened a point in time without a pit_id: "
          + ClusterErrors.reason(response.body()));
    }
    return new PointInTime(transport, id.asText());
  }

  /** The {@code pit} object of a search under it: its current id and the keep-alive. */
  ObjectNode reference() {
    ObjectNode pit = MAPPER.createObjectNode();
    pit.put("id", id);
    pit.put("keep_alive", keepAlive());
    return pit;
  }

  /** Keeps the id a search under it answered (the cluster may change it); null keeps the current one. */
  void update(String answered) {
    if (answered != null) {
      id = answered;
    }
  }

  private static String keepAlive() {
    return KEEP_ALIVE.toSeconds() + "s";
  }

  /**
   * Deletes the point in time. The thread's interrupt (an export cancelled) is set aside for the call
   * and set again after it, so the point in time is released anyway. A cluster that does not delete it
   * is logged, not thrown: the export's outcome stands, and the point in time expires by itself.
   */
  @Override
  public void close() {
    boolean interrupted = Thread.interrupted();
    try {
      byte[] body = MAPPER.writeValueAsBytes(MAPPER.createObjectNode().set("pit_id", MAPPER.createArrayNode().add(id)));
      SearchTransport.Response response = transport.send("DELETE", "/_search/point_in_time", body, REQUEST_TIMEOUT);
      if (response.status() != 200 && response.status() != 404) { // 404: expired already
        warn("OpenSearch answered " + response.status() + ": " + ClusterErrors.reason(response.body()));
      }
    } catch (IOException e) {
      warn(e.toString());
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void warn(String error) {
    LOG.atWarn().addKeyValue("error", error).addKeyValue("expires_in_s", KEEP_ALIVE.toSeconds())
        .log("cannot delete an export's point in time; the cluster drops it when it expires");
  }
}
