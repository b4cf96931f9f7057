package dev.corral.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.store.search.QueryRequest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trace view and searches answer at the highest {@code search.max_limit} the configuration accepts. */
class TraceLimitTest {
  @TempDir
  Path data;

  @Test
  void traceAndSearchWorkAtTheHighestAcceptedMaxLimit() throws Exception {
    try (TestServer server = TestServer.start(data,
        Map.of("search.max_limit", Integer.toString(QueryRequest.MAX_LIMIT)))) {
      server.ingest("""
          {"timestamp":"2026-11-21T10:00:00.000Z","service":"api-gateway","message":"GET /checkout","trace_id":"t1"}
          {"timestamp":"2026-11-21T10:00:00.010Z","service":"order-service","message":"creating order","trace_id":"t1"}
          {"timestamp":"2026-11-21T10:00:01.000Z","service":"api-gateway","message":"GET /home","trace_id":"t2"}
          """);
      server.awaitTotal("", 3);

      TestServer.Reply trace = server.get("/api/v1/trace/t1");
      assertThat(trace.status()).as(trace.body()).isEqualTo(200);
      assertThat(trace.json().path("events")).hasSize(2);

      TestServer.Reply highest = server.get("/api/v1/search?q=*&limit=" + QueryRequest.MAX_LIMIT);
      assertThat(highest.status()).as(highest.body()).isEqualTo(200);
      assertThat(highest.json().path("events")).hasSize(3);
      TestServer.Reply beyond = server.get("/api/v1/search?q=*&limit=" + (QueryRequest.MAX_LIMIT + 1));
      assertThat(beyond.status()).isEqualTo(400);
      assertThat(beyond.body()).contains("search.max_limit");
    }
  }
}
