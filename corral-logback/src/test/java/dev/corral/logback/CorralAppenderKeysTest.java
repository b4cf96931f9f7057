package dev.corral.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import dev.corral.client.ClientStats;
import dev.corral.server.TestServer;
import dev.corral.server.auth.ApiKeys;
import dev.corral.server.auth.KeySpec;
import dev.corral.server.auth.Scope;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The appender's {@code apiKey} against a server with {@code auth.mode: keys}: a key of scope ingest is let in. */
class CorralAppenderKeysTest {
  @TempDir
  Path data;

  @Test
  void anIngestKeyIsSentAndAWrongOneGetsTheBatchRejected() throws Exception {
    ApiKeys keys = ApiKeys.open(data, Clock.systemUTC());
    String ingest = keys.create(new KeySpec("checkout", Scope.INGEST, List.of(), null, null)).key();
    String reader = keys.create(new KeySpec("grafana", Scope.READ, List.of(), null, null)).key();
    try (TestServer server = TestServer.start(data, Map.of("auth.mode", "keys"))) {
      ClientStats allowed = logOne(server, ingest);
      ClientStats refused = logOne(server, ingest.substring(0, ingest.indexOf(':')) + ":wrong-secret");

      assertThat(allowed).extracting(ClientStats::delivered, ClientStats::rejected).containsExactly(1L, 0L);
      assertThat(refused).extracting(ClientStats::delivered, ClientStats::rejected).containsExactly(0L, 1L);
      long total = 0;
      for (int attempt = 0; attempt < 400 && total != 1; attempt++) { // searchable within a refresh (100 ms)
        Thread.sleep(50);
        total = server.send("GET", "/api/v1/search?q=service:checkout", null, "Authorization", "Bearer " + reader)
            .json().path("total").asLong();
      }
      assertThat(total).isEqualTo(1);
    }
  }

  private static ClientStats logOne(TestServer server, String apiKey) throws Exception {
    LoggerContext context = LogbackContexts.configure("logback-corral.xml",
        Map.of("CORRAL_URL", server.uri("").toString(), "CORRAL_API_KEY", apiKey));
    context.getLogger("shop.checkout").info("with a key");
    CorralAppender appender = LogbackContexts.corralAppender(context);
    context.stop();
    return appender.stats();
  }
}
