package dev.corral.server.users;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import dev.corral.server.auth.ApiKeys;
import dev.corral.server.auth.KeySpec;
import dev.corral.server.auth.LocalUsers;
import dev.corral.server.auth.Role;
import dev.corral.server.auth.Scope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signing in and out of a real server over HTTP ({@code auth.mode: keys}, local users): the cookie's
 * attributes, a fresh session id at every sign-in (no fixation), a signed-out cookie replayed
 * (401), the CSRF token on every change made through a session, what each role may change, a
 * viewer's service restriction, and the admin API of users.
 */
class SessionsApiTest {
  private static final String PASSWORD = "correct horse battery";
  @TempDir
  static Path data;
  private static TestServer server;
  private static String adminKey;

  @BeforeAll
  static void start() throws IOException {
    LocalUsers users = LocalUsers.open(data, Clock.systemUTC());
    users.add("vera", Role.VIEWER, List.of(), PASSWORD);
    users.add("eddie", Role.EDITOR, List.of(), PASSWORD);
    users.add("ada", Role.ADMIN, List.of(), PASSWORD);
    users.add("pat", Role.VIEWER, List.of("payment-*"), PASSWORD);
    adminKey = ApiKeys.open(data, Clock.systemUTC()).create(new KeySpec("admin", Scope.ADMIN, List.of(), null, null)).key();
    server = TestServer.start(data, Map.of("auth.mode", "keys"));
  }

  @AfterAll
  static void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  /** A signed-in session: the cookie as the browser sends it back, and the CSRF token. */
  record Signed(String cookie, String csrf, TestServer.Reply reply) {
    String id() {
      return cookie.substring(cookie.indexOf('=') + 1);
    }
  }

  static Signed signIn(TestServer server, String user, String password, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "Content-Type";
    all[1] = "application/json";
    System.arraycopy(headers, 0, all, 2, headers.length);
    TestServer.Reply reply = server.send("POST", "/api/v1/auth/login",
        "{\"user\":\"" + user + "\",\"password\":\"" + password + "\"}", all);
    String setCookie = reply.header("Set-Cookie");
    return new Signed(setCookie == null ? null : setCookie.split(";")[0], reply.status() == 200
        ? reply.json().path("csrf_token").asText() : null, reply);
  }

  private static TestServer.Reply as(Signed session, String method, String path, String body, boolean withToken) {
    return withToken
        ? server.send(method, path, body, "Cookie", session.cookie(), "X-CSRF-Token", session.csrf(), "Content-Type",
            "application/json")
        : server.send(method, path, body, "Cookie", session.cookie(), "Content-Type", "application/json");
  }

  @Test
  void theSessionCookieIsHttpOnlySameSiteStrictForTheWholeSiteAndNotSecureOverPlainHttp() {
    Signed session = signIn(server, "vera", PASSWORD);
    assertThat(session.reply().status()).isEqualTo(200);
    String cookie = session.reply().header("Set-Cookie");
    assertThat(cookie).startsWith("corral_session=").contains("; HttpOnly", "; SameSite=Strict", "; Path=/")
        .doesNotContain("Secure", "Max-Age", "Expires");
    JsonNode answer = session.reply().json();
    assertThat(answer.path("user").asText()).isEqualTo("vera");
    assertThat(answer.path("role").asText()).isEqualTo("viewer");
    assertThat(answer.path("csrf_token").asText()).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(session.id());

    JsonNode fetched = server.send("GET", "/api/v1/auth/session", null, "Cookie", session.cookie()).json();
    assertThat(fetched.path("csrf_token").asText()).as("the page fetches the same token later").isEqualTo(session.csrf());
    JsonNode whoami = server.send("GET", "/api/v1/auth/whoami", null, "Cookie", session.cookie()).json();
    assertThat(whoami.path("name").asText()).isEqualTo("vera");
    assertThat(whoami.path("key_id").asText()).isEqualTo("user:vera");
    assertThat(whoami.path("user").asText()).isEqualTo("vera");
  }

  @Test
  void everySignInIssuesANewSessionIdAndAnIdHeldBeforeNeverBecomesASession() {
    String planted = "attacker-chosen-session-id-0123456789abcdefghijk";
    Signed first = signIn(server, "eddie", PASSWORD, "Cookie", "corral_session=" + planted);
    assertThat(first.id()).isNotEqualTo(planted);
    assertThat(server.send("GET", "/api/v1/search?q=*", null, "Cookie", "corral_session=" + planted).status())
        .as("the planted id is no session").isEqualTo(401);
    assertThat(server.send("GET", "/api/v1/search?q=*", null, "Cookie", first.cookie()).status()).isEqualTo(200);

    Signed second = signIn(server, "eddie", PASSWORD, "Cookie", first.cookie());
    assertThat(second.id()).isNotEqualTo(first.id());
    assertThat(second.csrf()).isNotEqualTo(first.csrf());
    assertThat(server.send("GET", "/api/v1/search?q=*", null, "Cookie", first.cookie()).status())
        .as("signing in again ends the session the request carried").isEqualTo(401);
    assertThat(server.send("GET", "/api/v1/search?q=*", null, "Cookie", second.cookie()).status()).isEqualTo(200);
  }

  @Test
  void signingOutEndsTheSessionServerSideSoAReplayedCookieGets401() {
    Signed session = signIn(server, "ada", PASSWORD);
    assertThat(as(session, "POST", "/api/v1/auth/logout", null, false).status())
        .as("signing out is a change: the CSRF token is required").isEqualTo(403);
    TestServer.Reply out = as(session, "POST", "/api/v1/auth/logout", null, true);
    assertThat(out.status()).isEqualTo(200);
    assertThat(out.header("Set-Cookie")).startsWith("corral_session=;").contains("Max-Age=0");

    TestServer.Reply replayed = server.send("GET", "/api/v1/stats", null, "Cookie", session.cookie());
    assertThat(replayed.status()).isEqualTo(401);
    assertThat(replayed.json().path("error").asText()).contains("sign in again");
    assertThat(as(session, "PUT", "/api/v1/dashboards/replayed", "{\"title\":\"x\",\"panels\":[]}", true).status())
        .as("with the token too").isEqualTo(401);
  }

  @Test
  void aChangeThroughASessionIsRefusedWithoutItsCsrfTokenOrWithAnotherAndAKeyNeedsNone() {
    Signed session = signIn(server, "eddie", PASSWORD);
    Signed other = signIn(server, "ada", PASSWORD);
    String dashboard = "{\"title\":\"Checkout\",\"panels\":[]}";

    TestServer.Reply none = as(session, "PUT", "/api/v1/dashboards/csrf-none", dashboard, false);
    assertThat(none.status()).isEqualTo(403);
    assertThat(none.json().path("csrf").asBoolean()).isTrue();
    assertThat(none.json().path("error").asText()).contains("X-CSRF-Token");
    TestServer.Reply wrong = server.send("PUT", "/api/v1/dashboards/csrf-wrong", dashboard, "Cookie", session.cookie(),
        "X-CSRF-Token", other.csrf(), "Content-Type", "application/json");
    assertThat(wrong.status()).as("another session's token").isEqualTo(403);
    assertThat(server.send("GET", "/api/v1/dashboards/csrf-none", null, "Authorization", "Bearer " + adminKey).status())
        .as("nothing was saved").isEqualTo(404);

    assertThat(as(session, "PUT", "/api/v1/dashboards/csrf-right", dashboard, true).status()).isEqualTo(200);
    assertThat(as(session, "GET", "/api/v1/dashboards/csrf-right", null, false).status())
        .as("reads need no token").isEqualTo(200);
    assertThat(server.send("PUT", "/api/v1/dashboards/by-key", dashboard, "Authorization", "Bearer " + adminKey,
        "Cookie", session.cookie(), "Content-Type", "application/json").status())
        .as("a key's request needs no token, and the cookie beside it is ignored").isEqualTo(200);
  }

  @Test
  void eachRoleChangesOnlyWhatItMay() {
    Signed viewer = signIn(server, "vera", PASSWORD);
    Signed editor = signIn(server, "eddie", PASSWORD);
    Signed admin = signIn(server, "ada", PASSWORD);
    String dashboard = "{\"title\":\"Team\",\"panels\":[]}";
    String silence = "{\"matchers\":[{\"name\":\"service\",\"op\":\"=\",\"value\":\"checkout\"}],"
        + "\"duration\":\"1h\",\"comment\":\"maintenance\"}";

    TestServer.Reply viewerSave = as(viewer, "PUT", "/api/v1/dashboards/team", dashboard, true);
    assertThat(viewerSave.status()).isEqualTo(403);
    assertThat(viewerSave.json().path("error").asText()).contains("role viewer", "editor or admin");
    assertThat(as(viewer, "POST", "/api/v1/alerts/silences", silence, true).status()).isEqualTo(403);
    assertThat(as(viewer, "GET", "/api/v1/dashboards", null, true).status()).isEqualTo(200);

    assertThat(as(editor, "PUT", "/api/v1/dashboards/team", dashboard, true).status()).isEqualTo(200);
    TestServer.Reply silenced = as(editor, "POST", "/api/v1/alerts/silences", silence, true);
    assertThat(silenced.status()).as(silenced.body()).isIn(200, 201);
    assertThat(as(editor, "DELETE", "/api/v1/dashboards/team", null, true).status()).isEqualTo(204);
    assertThat(as(editor, "POST", "/api/v1/admin/keys", "{\"name\":\"x\",\"scope\":\"admin\"}", true).status())
        .as("an editor makes no keys").isEqualTo(403);
    assertThat(as(editor, "POST", "/api/v1/ingest", "{}", true).status()).as("nor ingests").isEqualTo(403);
    assertThat(as(editor, "PUT", "/api/v1/admin/retention", "{}", true).status()).isEqualTo(403);

    assertThat(as(admin, "GET", "/api/v1/admin/users", null, false).status()).isEqualTo(200);
    assertThat(as(admin, "GET", "/api/v1/admin/keys", null, false).status()).isEqualTo(200);
  }

  @Test
  void aViewerRestrictedToServicesReadsOnlyTheirEvents() throws Exception {
    Instant now = Instant.now();
    server.post("/api/v1/ingest", ("{\"timestamp\":\"" + now + "\",\"service\":\"payment-api\",\"message\":\"paid\"}\n"
        + "{\"timestamp\":\"" + now + "\",\"service\":\"auth\",\"message\":\"secret\"}\n").getBytes(),
        "Content-Type", "application/x-ndjson", "Authorization", "Bearer " + adminKey);
    Signed pat = signIn(server, "pat", PASSWORD);
    assertThat(pat.reply().json().path("read_restriction").asText()).isEqualTo("service:payment-*");
    JsonNode all = null;
    for (int i = 0; i < 200; i++) {
      // not q=*: the admin's own searches are audit events (the audit log is on with keys) and count too
      all = server.send("GET", "/api/v1/search?q=NOT%20logtype:audit&from=now-1h", null, "Authorization",
          "Bearer " + adminKey).json();
      if (all.path("total").asLong() >= 2) {
        break;
      }
      Thread.sleep(50);
    }
    assertThat(all.path("total").asLong()).isGreaterThanOrEqualTo(2);
    JsonNode mine = as(pat, "GET", "/api/v1/search?q=*&from=now-1h", null, false).json();
    assertThat(mine.path("events").findValuesAsText("service")).isNotEmpty().allMatch(s -> s.startsWith("payment-"));
  }

  @Test
  void theAdminApiManagesUsersStoresOnlyHashesAndAChangeEndsTheUsersSessions() throws Exception {
    String key = "Bearer " + adminKey;
    TestServer.Reply added = server.send("POST", "/api/v1/admin/users", "{\"name\":\"newbie\",\"role\":\"viewer\","
        + "\"password\":\"a long enough secret\"}", "Authorization", key, "Content-Type", "application/json");
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    assertThat(added.body()).doesNotContain("a long enough secret", "hash");
    assertThat(server.send("POST", "/api/v1/admin/users", "{\"name\":\"short\",\"role\":\"viewer\",\"password\":\"x\"}",
        "Authorization", key, "Content-Type", "application/json").json().path("error").asText()).contains("12");
    assertThat(server.send("POST", "/api/v1/admin/users", "{\"name\":\"ed2\",\"role\":\"editor\",\"services\":[\"a\"],"
        + "\"password\":\"a long enough secret\"}", "Authorization", key, "Content-Type", "application/json").status())
        .as("services restrict viewers only").isEqualTo(400);
    JsonNode listed = server.send("GET", "/api/v1/admin/users", null, "Authorization", key).json();
    assertThat(listed.path("users").findValuesAsText("name")).contains("newbie", "vera");
    assertThat(listed.toString()).doesNotContain("hash", "argon2");
    String file = Files.readString(data.resolve("auth").resolve("users.json"));
    assertThat(file).contains("$argon2id$").doesNotContain("a long enough secret", PASSWORD);

    Signed newbie = signIn(server, "newbie", "a long enough secret");
    assertThat(newbie.reply().status()).isEqualTo(200);
    assertThat(server.send("PUT", "/api/v1/admin/users/newbie", "{\"role\":\"editor\"}", "Authorization", key,
        "Content-Type", "application/json").json().path("role").asText()).isEqualTo("editor");
    assertThat(server.send("GET", "/api/v1/stats", null, "Cookie", newbie.cookie()).status())
        .as("a role change ends the sessions").isEqualTo(401);
    Signed again = signIn(server, "newbie", "a long enough secret");
    assertThat(again.reply().json().path("role").asText()).isEqualTo("editor");
    assertThat(server.send("DELETE", "/api/v1/admin/users/newbie", null, "Authorization", key).status()).isEqualTo(200);
    assertThat(server.send("GET", "/api/v1/stats", null, "Cookie", again.cookie()).status()).isEqualTo(401);
    assertThat(signIn(server, "newbie", "a long enough secret").reply().status()).isEqualTo(401);
    assertThat(server.send("DELETE", "/api/v1/admin/users/newbie", null, "Authorization", key).status()).isEqualTo(404);
  }

  @Test
  void aSignInMustBeJsonSoAFormOfAnotherSiteCannotSignSomeoneIn() {
    TestServer.Reply form = server.send("POST", "/api/v1/auth/login", "user=vera&password=" + PASSWORD,
        "Content-Type", "application/x-www-form-urlencoded");
    assertThat(form.status()).isEqualTo(415);
    assertThat(form.header("Set-Cookie")).isNull();
    assertThat(server.get("/api/v1/auth/methods").json().path("sign_in").asBoolean()).isTrue();
  }
}
