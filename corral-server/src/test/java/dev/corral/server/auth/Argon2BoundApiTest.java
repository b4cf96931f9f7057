package dev.corral.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.server.Await;
import dev.corral.server.TestServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flood of requests whose keys need an Argon2 check, against a real server: the checks are held
 * (so the gate stays full by state, not by timing) and one more such request gets 503 with
 * Retry-After — not 401, the key may be right — while a key already checked once keeps working.
 */
class Argon2BoundApiTest {
  @TempDir
  Path data;

  @Test
  void whenEveryCheckIsTakenAnUncheckedKeyGets503AndACachedKeyStillPasses() throws Exception {
    ApiKeys keys = ApiKeys.open(data, Clock.systemUTC());
    String target = keys.create(new KeySpec("target", Scope.INGEST, List.of(), null, null)).key();
    String targetId = target.substring(0, target.indexOf(':'));
    String reader = keys.create(new KeySpec("reader", Scope.READ, List.of(), null, null)).key();
    HttpClient http = HttpClient.newHttpClient();
    try (TestServer server = TestServer.start(data, Map.of("auth.mode", "keys"));
        HeldArgon2Checks checks = new HeldArgon2Checks()) {
      assertThat(search(server, reader).status()).as("checked once: cached").isEqualTo(200);
      List<CompletableFuture<HttpResponse<String>>> flood = new ArrayList<>();
      for (int i = 0; i < Argon2Gate.MAX_CONCURRENT; i++) {
        flood.add(http.sendAsync(HttpRequest.newBuilder(server.uri("/api/v1/ingest"))
            .header("Authorization", "Bearer " + targetId + ":" + HeldArgon2Checks.HELD + i)
            .POST(HttpRequest.BodyPublishers.ofString("{}\n")).build(), HttpResponse.BodyHandlers.ofString()));
      }
      Await.until("every Argon2 check to be taken", () -> checks.running() == Argon2Gate.MAX_CONCURRENT);

      TestServer.Reply busy = server.send("POST", "/api/v1/ingest", "{}\n",
          "Authorization", "Bearer " + targetId + ":" + HeldArgon2Checks.HELD + "late");
      assertThat(busy.status()).as(busy.body()).isEqualTo(503);
      assertThat(busy.header("Retry-After")).isEqualTo(Integer.toString(Argon2Gate.RETRY_AFTER_SECONDS));
      assertThat(busy.header("WWW-Authenticate")).isNull();
      assertThat(busy.json().path("error").asText()).contains("could not be checked now", "the key may be right")
          .doesNotContain(HeldArgon2Checks.HELD);

      int callsWhileFull = checks.calls();
      assertThat(search(server, reader).status()).as("a cached key during the flood").isEqualTo(200);
      assertThat(search(server, reader + "x").status()).as("a wrong secret for a cached key").isEqualTo(401);
      assertThat(checks.calls()).as("neither needed an Argon2 check").isEqualTo(callsWhileFull);
      assertThat(server.send("GET", "/metrics", null, "Authorization", "Bearer " + reader).body())
          .contains("corral_auth_refusals_total{reason=\"busy\"} 1.0");

      checks.release();
      for (CompletableFuture<HttpResponse<String>> held : flood) {
        assertThat(held.get().statusCode()).as("a held wrong secret, once checked").isEqualTo(401);
      }
      assertThat(checks.mostAtOnce()).isEqualTo(Argon2Gate.MAX_CONCURRENT);
    }
  }

  private static TestServer.Reply search(TestServer server, String key) {
    return server.send("GET", "/api/v1/search?q=*", null, "Authorization", "Bearer " + key);
  }
}
