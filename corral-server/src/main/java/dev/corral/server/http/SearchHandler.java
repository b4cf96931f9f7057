package dev.corral.server.http;

import dev.corral.query.QuerySyntaxException;
import dev.corral.server.search.SearchService;
import dev.corral.store.SearchResult;
import dev.corral.store.StoredEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/v1/search?q=…&from=…&to=…&limit=…}: matching events newest first as
 * {@code {"total": N, "events": [...], "took_ms": T, "partitions": [...]}}. A query that does not
 * parse gets 400 with the position and a caret line.
 */
public final class SearchHandler implements Handler {
  private final SearchService search;

  public SearchHandler(SearchService search) {
    this.search = search;
  }

  @Override
  public Response handle(Request request) throws Exception {
    long started = System.nanoTime();
    SearchResult result;
    try {
      result = search.search(request.param("q", ""), request.param("from", null), request.param("to", null),
          request.param("limit", null), Instant.now());
    } catch (QuerySyntaxException e) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("position", e.position());
      details.put("caret", e.caret());
      throw new HttpError(400, "query syntax error: " + e.reason(), Map.of(), details);
    } catch (IllegalArgumentException e) {
      throw new HttpError(400, e.getMessage());
    }
    long tookMs = (System.nanoTime() - started) / 1_000_000;
    return Response.json(200, encode(result, tookMs));
  }

  /** Writes the stored event sources as they are, without parsing them again. */
  private static byte[] encode(SearchResult result, long tookMs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + result.events().size() * 400);
    out.writeBytes(("{\"total\":" + result.total() + ",\"took_ms\":" + tookMs + ",\"partitions\":")
        .getBytes(StandardCharsets.UTF_8));
    out.writeBytes(Json.bytes(result.partitionsRead()));
    out.writeBytes(",\"events\":[".getBytes(StandardCharsets.UTF_8));
    boolean first = true;
    for (StoredEvent event : result.events()) {
      if (!first) {
        out.write(',');
      }
      out.writeBytes(event.source());
      first = false;
    }
    out.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }
}
