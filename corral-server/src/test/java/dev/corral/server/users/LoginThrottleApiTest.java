package dev.corral.server.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.server.TestServer;
import dev.corral.server.auth.LocalUsers;
import dev.corral.server.auth.LoginThrottle;
import dev.corral.server.auth.Role;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guessing passwords over HTTP is slowed down: after the free failures a sign-in is answered 429
 * with Retry-After — the right password too, and an unknown user exactly like a known one — the
 * lock grows with each further failure, and one address trying many names is locked for all of
 * them. Runs on its own server: every request comes from 127.0.0.1, whose failures it counts; its
 * sessions end after {@link #IDLE} unused, which the first test shows over HTTP.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoginThrottleApiTest {
  private static final String PASSWORD = "correct horse battery";
  /** Sessions of this server end after this long unused. */
  private static final java.time.Duration IDLE = java.time.Duration.ofSeconds(2);
  @TempDir
  static Path data;
  private static TestServer server;

  @BeforeAll
  static void start() throws IOException {
    LocalUsers.open(data, Clock.systemUTC()).add("vera", Role.VIEWER, List.of(), PASSWORD);
    server = TestServer.start(data, Map.of("auth.mode", "keys", "auth.session_idle_timeout", IDLE.toSeconds() + "s"));
  }

  @AfterAll
  static void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  private static TestServer.Reply signIn(String user, String password) {
    return SessionsApiTest.signIn(server, user, password).reply();
  }

  @Test
  @Order(0)
  void aSessionUnusedForTheIdleTimeoutIsRefusedOverHttp() throws Exception {
    SessionsApiTest.Signed session = SessionsApiTest.signIn(server, "vera", PASSWORD);
    assertThat(session.reply().json().path("idle_timeout_seconds").asLong()).isEqualTo(IDLE.toSeconds());
    Thread.sleep(IDLE.toMillis() + 200); // unused for longer than the idle timeout, whatever the machine's load
    TestServer.Reply expired = server.send("GET", "/api/v1/stats", null, "Cookie", session.cookie());
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.json().path("error").asText()).contains("expired");
  }

  @Test
  @Order(1)
  void afterFiveFailuresEvenTheRightPasswordWaitsAndAnUnknownUserIsAnsweredAlike() throws Exception {
    for (String user : List.of("vera", "nobody-here")) {
      for (int i = 0; i <= LoginThrottle.FREE_FAILURES_PER_NAME; i++) {
        TestServer.Reply wrong = signIn(user, "wrong password " + i);
        assertThat(wrong.status()).as(user + " failure " + (i + 1)).isEqualTo(401);
        assertThat(wrong.json().path("error").asText()).isEqualTo("unknown user or wrong password");
      }
      TestServer.Reply locked = signIn(user, PASSWORD);
      assertThat(locked.status()).as(user + ": locked, the right password too").isEqualTo(429);
      assertThat(locked.header("Retry-After")).isEqualTo("1");
      assertThat(locked.header("Set-Cookie")).isNull();
      assertThat(locked.json().path("error").asText()).startsWith("too many failed sign-ins for this user name");
    }

    while (signIn("vera", "wrong again").status() == 429) {
      Thread.sleep(100); // until the first lock ends; then this failure counts
    }
    TestServer.Reply longer = signIn("vera", PASSWORD);
    assertThat(longer.status()).isEqualTo(429);
    assertThat(longer.header("Retry-After")).as("the lock doubles with each further failure").isEqualTo("2");
  }

  @Test
  @Order(2)
  void oneAddressTryingManyNamesIsLockedForEveryName() {
    int refusedAt = -1;
    for (int i = 0; i <= LoginThrottle.FREE_FAILURES_PER_ADDRESS && refusedAt < 0; i++) {
      if (signIn("spray-" + i, "guess").status() == 429) {
        refusedAt = i;
      }
    }
    assertThat(refusedAt).as("names tried before the address was locked").isBetween(1,
        LoginThrottle.FREE_FAILURES_PER_ADDRESS);
    TestServer.Reply fresh = signIn("someone-new", "guess");
    assertThat(fresh.status()).isEqualTo(429);
    assertThat(fresh.header("Retry-After")).isNotNull();
  }
}
