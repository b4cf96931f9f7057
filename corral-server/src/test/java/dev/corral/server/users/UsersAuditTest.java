package dev.corral.server.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.server.audit.AuditEntry;
import dev.corral.server.auth.AccessDenied;
import dev.corral.server.auth.LocalUsers;
import dev.corral.server.auth.LoginThrottle;
import dev.corral.server.auth.Principal;
import dev.corral.server.auth.Role;
import dev.corral.server.auth.Sessions;
import dev.corral.server.http.HttpError;
import dev.corral.server.http.Request;
import dev.corral.server.http.Response;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every sign-in, failed sign-in, sign-out and change of a user reaches the audit trail (a recording
 * one here) with who acted, from where, and the outcome; failed sign-ins are counted as refusals.
 */
class UsersAuditTest {
  private static final String PASSWORD = "correct horse battery";
  @TempDir
  Path data;

  private static Request request(String method, String path, String tail, String body, Map<String, String> headers,
      Principal principal) {
    return new Request(method, path, tail, Map.of(), headers::get,
        new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), "192.0.2.7").as(principal);
  }

  @Test
  void signInsSignOutsAndUserChangesAreAudited() throws Exception {
    List<AuditEntry> audit = new CopyOnWriteArrayList<>();
    List<AccessDenied> refusals = new ArrayList<>();
    LocalUsers users = LocalUsers.open(data, Clock.systemUTC());
    users.add("alice", Role.EDITOR, List.of(), PASSWORD);
    Sessions sessions = new Sessions(Duration.ofHours(1), Duration.ofHours(12), Clock.systemUTC());
    SessionHandlers auth = new SessionHandlers(new SignIn(users, new LoginThrottle(Clock.systemUTC()), sessions),
        sessions, users, true, audit::add, refusals::add);
    Map<String, String> json = Map.of("Content-Type", "application/json");

    assertThatThrownBy(() -> auth.login(request("POST", "/api/v1/auth/login", "", "{\"user\":\"alice\",\"password\":"
        + "\"wrong\"}", json, Principal.ANONYMOUS))).isInstanceOf(HttpError.class)
        .satisfies(e -> assertThat(((HttpError) e).status()).isEqualTo(401));
    Response in = auth.login(request("POST", "/api/v1/auth/login", "", "{\"user\":\"alice\",\"password\":\"" + PASSWORD
        + "\"}", json, Principal.ANONYMOUS));
    String cookie = in.headers().get("Set-Cookie").split(";")[0];
    Principal alice = users.find("alice").orElseThrow().identity().principal();
    auth.logout(request("POST", "/api/v1/auth/logout", "", "", Map.of("Cookie", cookie), alice));

    UsersHandler admin = new UsersHandler(users, sessions, audit::add);
    Principal adminKey = new Principal("k1", "ops key", dev.corral.server.auth.Scope.ADMIN, null);
    admin.add(request("POST", "/api/v1/admin/users", "", "{\"name\":\"bob\",\"role\":\"viewer\",\"password\":\""
        + PASSWORD + "\"}", json, adminKey));
    admin.change(request("PUT", "/api/v1/admin/users/bob", "bob", "{\"role\":\"editor\"}", json, adminKey));
    admin.remove(request("DELETE", "/api/v1/admin/users/bob", "bob", "", Map.of(), adminKey));

    assertThat(audit).extracting(AuditEntry::action).containsExactly("login_failed", "login", "logout", "user_added",
        "user_changed", "user_removed");
    assertThat(audit.get(0)).satisfies(failed -> {
      assertThat(failed.actor()).isEqualTo("alice");
      assertThat(failed.outcome()).isEqualTo(AuditEntry.Outcome.REFUSED);
      assertThat(failed.details()).containsEntry("reason", "invalid");
      assertThat(failed.remoteAddress()).isEqualTo("192.0.2.7");
    });
    assertThat(audit.get(1).actor()).isEqualTo("user:alice");
    assertThat(audit.get(1).outcome()).isEqualTo(AuditEntry.Outcome.ALLOWED);
    assertThat(audit.get(2).actor()).isEqualTo("user:alice");
    assertThat(audit.subList(3, 6)).allSatisfy(change -> {
      assertThat(change.actor()).isEqualTo("k1");
      assertThat(change.actorName()).isEqualTo("ops key");
      assertThat(change.details()).containsEntry("user", "bob");
    });
    assertThat(audit.get(4).details()).containsEntry("role", "editor");
    assertThat(audit.toString()).doesNotContain(PASSWORD, "wrong");
    assertThat(refusals).extracting(AccessDenied::reason).containsExactly(AccessDenied.Reason.INVALID);
  }
}
