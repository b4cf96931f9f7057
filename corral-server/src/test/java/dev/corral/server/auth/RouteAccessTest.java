package dev.corral.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.server.TestServer;
import dev.corral.server.http.Route;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walks every route of the running server's route table (read from the server, not listed here, so
 * a route added later is walked too) with no key, an invalid key, an expired key, a revoked key and
 * a key of each scope, and checks each answer against the access the route declares: 401 with a
 * challenge for every refused credential, 403 naming the scope for a key of too small a scope,
 * neither for a key the route admits or for a public route.
 */
class RouteAccessTest {
  @TempDir
  static Path data;
  private static TestServer server;
  /** Credential name to Authorization header value (null: none sent). */
  private static final Map<String, String> CREDENTIALS = new LinkedHashMap<>();
  private static final Map<String, Scope> SCOPED = new LinkedHashMap<>();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws IOException {
    Instant past = Instant.parse("2020-01-01T00:00:00Z");
    ApiKeys old = ApiKeys.open(data, Clock.fixed(past, ZoneOffset.UTC));
    String expired = old.create(new KeySpec("expired", Scope.ADMIN, List.of(), null, past.plus(Duration.ofDays(1)))).key();
    ApiKeys keys = ApiKeys.open(data, Clock.systemUTC());
    String revoked = keys.create(new KeySpec("revoked", Scope.ADMIN, List.of(), null, null)).key();
    keys.revoke(revoked.substring(0, revoked.indexOf(':')));
    CREDENTIALS.put("no key", null);
    CREDENTIALS.put("unknown key", "Bearer nosuchkey:" + "x".repeat(32));
    String admin = keys.create(new KeySpec("admin", Scope.ADMIN, List.of(), null, null)).key();
    CREDENTIALS.put("wrong secret", "Bearer " + admin.substring(0, admin.indexOf(':') + 1) + "y".repeat(32));
    CREDENTIALS.put("expired key", "Bearer " + expired);
    CREDENTIALS.put("revoked key", "Bearer " + revoked);
    for (Scope scope : Scope.values()) {
      String key = scope == Scope.ADMIN ? admin : keys.create(new KeySpec(scope.name(), scope, List.of(), null, null)).key();
      CREDENTIALS.put(scope.name(), "Bearer " + key);
      SCOPED.put(scope.name(), scope);
    }
    server = TestServer.start(data, Map.of("auth.mode", "keys"));
  }

  @AfterAll
  static void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void everyRouteAnswersEachCredentialAsItsDeclaredAccessSays() throws Exception {
    List<Route> routes = server.server().routes();
    assertThat(routes).as("the route table read from the running server").hasSizeGreaterThan(30);
    Set<Access> declared = new java.util.HashSet<>();
    List<String> failures = new ArrayList<>();
    int cases = 0;
    for (Route route : routes) {
      declared.add(route.access());
      String path = route.path().replace("*", "probe");
      for (Map.Entry<String, String> credential : CREDENTIALS.entrySet()) {
        cases++;
        Answer answer = call(route.method(), path, credential.getValue());
        String expected = expected(route.access(), credential.getKey());
        String got = switch (answer.status()) {
          case 401 -> answer.challenge() == null ? "401 without WWW-Authenticate" : "401";
          case 403 -> "403";
          default -> "admitted";
        };
        if (route.access() == Access.INGEST && got.equals("401") && !answer.challenge().contains("Basic realm=")) {
          got = "401 without a Basic challenge";
        }
        if (!got.equals(expected)) {
          failures.add(route.method() + " " + route.path() + " (" + route.access() + ") with " + credential.getKey()
              + ": expected " + expected + ", got " + answer.status() + " " + got);
        }
      }
    }
    System.out.printf("route x scope: %d routes, %d credentials (%d scopes), %d cases%n", routes.size(),
        CREDENTIALS.size(), Scope.values().length, cases);
    assertThat(failures).isEmpty();
    assertThat(declared).as("the table has routes of every access").containsExactlyInAnyOrder(Access.values());
  }

  /** What a route of {@code access} must answer a request with the named credential. */
  private static String expected(Access access, String credential) {
    if (access == Access.PUBLIC) {
      return "admitted";
    }
    Scope scope = SCOPED.get(credential);
    if (scope == null) {
      return "401";
    }
    return access.admits(scope) ? "admitted" : "403";
  }

  private record Answer(int status, String challenge) {}

  /** Sends a request and reads only the status and headers (a live tail's stream is closed at once). */
  private static Answer call(String method, String path, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.server().url() + path))
        .timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.noBody());
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    response.body().close();
    return new Answer(response.statusCode(), response.headers().firstValue("WWW-Authenticate").orElse(null));
  }
}
