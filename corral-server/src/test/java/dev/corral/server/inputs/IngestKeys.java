package dev.corral.server.inputs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import dev.corral.server.auth.ApiKeys;
import dev.corral.server.auth.KeySpec;
import dev.corral.server.auth.Scope;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The API keys an ingest protocol must tell apart, made in a data directory before the server starts on it: a valid
 * ingest key, a read key (too small a scope for ingest), an expired and a revoked ingest key, each as {@code
 * id:secret}. Searches go through the read key, since the server requires keys.
 */
public record IngestKeys(String ingest, String read, String expired, String revoked) {
  /** Creates the keys in {@code dataDir}'s key file. */
  public static IngestKeys create(Path dataDir) throws IOException {
    Instant past = Instant.now().minus(Duration.ofDays(30));
    String expired = ApiKeys.open(dataDir, Clock.fixed(past, ZoneOffset.UTC))
        .create(new KeySpec("expired-shipper", Scope.INGEST, List.of(), null, past.plus(Duration.ofDays(1)))).key();
    ApiKeys keys = ApiKeys.open(dataDir, Clock.systemUTC());
    String revoked = keys.create(new KeySpec("revoked-shipper", Scope.INGEST, List.of(), null, null)).key();
    keys.revoke(id(revoked));
    return new IngestKeys(keys.create(new KeySpec("shipper", Scope.INGEST, List.of(), null, null)).key(),
        keys.create(new KeySpec("grafana", Scope.READ, List.of(), null, null)).key(), expired, revoked);
  }

  /** The public id of a key {@code id:secret}. */
  public static String id(String key) {
    return key.substring(0, key.indexOf(':'));
  }

  /** The secret of a key {@code id:secret}. */
  public static String secret(String key) {
    return key.substring(key.indexOf(':') + 1);
  }

  /** How many events match {@code query} now, searched with the read key. */
  public long total(TestServer server, String query) {
    TestServer.Reply reply = server.send("GET", "/api/v1/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8),
        null, "Authorization", "Bearer " + read);
    if (reply.status() != 200) {
      throw new AssertionError("search " + query + " answered " + reply.status() + ": " + reply.body());
    }
    return reply.json().path("total").asLong();
  }

  /** Waits (about 20 s at most, which only a loaded machine needs) until {@code query} matches {@code expected} events. */
  public void awaitTotal(TestServer server, String query, long expected) throws InterruptedException {
    long total = -1;
    for (int attempt = 0; attempt < 400 && total != expected; attempt++) {
      total = total(server, query);
      if (total != expected) {
        Thread.sleep(50);
      }
    }
    if (total != expected) {
      throw new AssertionError("query " + query + " never reached " + expected + " events; last total " + total);
    }
  }

  /** The stats of one input, read with the read key. */
  public JsonNode inputStats(TestServer server, String input) {
    return server.send("GET", "/api/v1/stats", null, "Authorization", "Bearer " + read).json().path("inputs")
        .path(input);
  }
}
