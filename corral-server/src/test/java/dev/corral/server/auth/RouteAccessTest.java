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
 * a route added later is walked too) with no key, an invalid key, an expired key, a revoked key, a
 * key of each scope, and a signed-in session of each role (with its CSRF token, and an admin's
 * without it), and checks each answer against the access the route declares: 401 with a challenge
 * for every refused credential, 403 naming the scope for a key of too small a scope, 403 for a
 * role that does not allow the route and for a session's change without its CSRF token, neither
 * for a credential the route admits or for a public route.
 */
class RouteAccessTest {
  @TempDir
  static Path data;
  private static TestServer server;
  /** Credential name to Authorization header value (null: none sent). */
  private static final Map<String, String> CREDENTIALS = new LinkedHashMap<>();
  private static final Map<String, Scope> SCOPED = new LinkedHashMap<>();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  /** Credential name to the role of its session; the session's cookie and token are in {@link #SESSIONS}. */
  private static final Map<String, Role> ROLES = new LinkedHashMap<>();
  /** Credential name to {cookie, CSRF token or null}; replaced when the walk signs the session out. */
  private static final Map<String, String[]> SESSIONS = new LinkedHashMap<>();
  private static final String PASSWORD = "correct horse battery";
  private static final String NO_CSRF = "admin session without CSRF token";

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
    LocalUsers users = LocalUsers.open(data, Clock.systemUTC());
    for (Role role : Role.values()) {
      users.add(role.label() + "-user", role, List.of(), PASSWORD);
    }
    server = TestServer.start(data, Map.of("auth.mode", "keys"));
    for (Role role : Role.values()) {
      ROLES.put(role.label() + " session", role);
      SESSIONS.put(role.label() + " session", signIn(role));
    }
    SESSIONS.put(NO_CSRF, new String[] {signIn(Role.ADMIN)[0], null});
    ROLES.put(NO_CSRF, Role.ADMIN);
  }

  /** Signs the role's user in: {cookie, CSRF token}. */
  private static String[] signIn(Role role) {
    TestServer.Reply reply = server.send("POST", "/api/v1/auth/login", "{\"user\":\"" + role.label()
        + "-user\",\"password\":\"" + PASSWORD + "\"}", "Content-Type", "application/json");
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return new String[] {reply.header("Set-Cookie").split(";")[0], reply.json().path("csrf_token").asText()};
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
      List<String> names = new ArrayList<>(CREDENTIALS.keySet());
      names.addAll(SESSIONS.keySet());
      for (String credential : names) {
        cases++;
        Answer answer = SESSIONS.containsKey(credential)
            ? call(route.method(), path, null, SESSIONS.get(credential))
            : call(route.method(), path, CREDENTIALS.get(credential), null);
        if (route.path().equals("/api/v1/auth/logout") && answer.status() == 200) {
          SESSIONS.put(credential, credential.equals(NO_CSRF) ? new String[] {signIn(Role.ADMIN)[0], null}
              : signIn(ROLES.get(credential))); // the walk signed it out: sign in again for the next routes
        }
        String expected = expected(route.access(), route.method(), credential);
        String got = switch (answer.status()) {
          case 401 -> answer.challenge() == null ? "401 without WWW-Authenticate" : "401";
          case 403 -> "403";
          default -> "admitted";
        };
        if (route.access() == Access.INGEST && got.equals("401") && !answer.challenge().contains("Basic realm=")) {
          got = "401 without a Basic challenge";
        }
        if (!got.equals(expected)) {
          failures.add(route.method() + " " + route.path() + " (" + route.access() + ") with " + credential
              + ": expected " + expected + ", got " + answer.status() + " " + got);
        }
      }
    }
    System.out.printf("route x credential: %d routes, %d credentials (%d scopes, %d roles), %d cases%n", routes.size(),
        CREDENTIALS.size() + SESSIONS.size(), Scope.values().length, Role.values().length, cases);
    assertThat(failures).isEmpty();
    assertThat(declared).as("the table has routes of every access").containsExactlyInAnyOrder(Access.values());
  }

  /** What a route of {@code access} must answer a request with the named credential. */
  private static String expected(Access access, String method, String credential) {
    if (access == Access.PUBLIC) {
      return "admitted";
    }
    Role role = ROLES.get(credential);
    if (role != null) {
      boolean changes = !method.equals("GET") && !method.equals("HEAD");
      if (changes && credential.equals(NO_CSRF)) {
        return "403";
      }
      return role.allows(access) ? "admitted" : "403";
    }
    Scope scope = SCOPED.get(credential);
    if (scope == null) {
      return "401";
    }
    return access.admits(scope) ? "admitted" : "403";
  }

  private record Answer(int status, String challenge) {}

  /** Sends a request and reads only the status and headers (a live tail's stream is closed at once). */
  private static Answer call(String method, String path, String authorization, String[] session) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.server().url() + path))
        .timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.noBody());
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (session != null) {
      request.header("Cookie", session[0]);
      if (session[1] != null) {
        request.header("X-CSRF-Token", session[1]);
      }
    }
    HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    response.body().close();
    return new Answer(response.statusCode(), response.headers().firstValue("WWW-Authenticate").orElse(null));
  }
}
