package dev.corral.server.users;

import dev.corral.server.audit.AuditEntry;
import dev.corral.server.audit.AuditTrail;
import dev.corral.server.auth.LocalUsers;
import dev.corral.server.auth.Role;
import dev.corral.server.auth.Sessions;
import dev.corral.server.auth.UserInfo;
import dev.corral.server.http.HttpError;
import dev.corral.server.http.Json;
import dev.corral.server.http.Request;
import dev.corral.server.http.Response;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The admin API of users (admin only): {@code GET /api/v1/admin/users} lists them (never a password
 * or hash); {@code POST} takes {@code {"name", "role", "services": [...], "password"}} and answers
 * 201; {@code PUT …/{name}} takes any of {@code role}, {@code services}, {@code password} and answers
 * the user as changed; {@code DELETE …/{name}} removes one. A change of role, services or password
 * and a removal end the user's sessions at once. Unknown names are 404, invalid values 400. Every
 * change is recorded in the audit trail with the acting principal.
 */
final class UsersHandler {
  private final LocalUsers users;
  private final Sessions sessions;
  private final AuditTrail audit;

  UsersHandler(LocalUsers users, Sessions sessions, AuditTrail audit) {
    this.users = users;
    this.sessions = sessions;
    this.audit = audit;
  }

  Response list(Request request) {
    return Response.json(200, Json.bytes(Map.of("users", users.list().stream().map(UserInfo::toJson).toList())));
  }

  Response add(Request request) throws HttpError, IOException {
    JsonObjectBody body = JsonObjectBody.read(request,
        "{\"name\": …, \"role\": \"viewer|editor|admin\", \"services\": [...], \"password\": …}");
    String name = body.text("name");
    UserInfo added = valid(() -> users.add(name, role(body.text("role")), body.texts("services"),
        body.text("password")));
    record(request, "user_added", added);
    return Response.json(201, Json.bytes(added.toJson()));
  }

  Response change(Request request) throws HttpError, IOException {
    String name = request.pathTail();
    JsonObjectBody body = JsonObjectBody.read(request, "{\"role\": …, \"services\": [...], \"password\": …}");
    UserInfo user = users.find(name).orElseThrow(() -> unknown(name));
    if (body.has("role") || body.has("services")) {
      Role role = body.has("role") ? role(body.text("role")) : user.role();
      List<String> services = body.has("services") ? body.texts("services") : user.services();
      user = valid(() -> users.change(name, role, services)).orElseThrow(() -> unknown(name));
    }
    String password = body.text("password");
    if (password != null) {
      user = valid(() -> users.setPassword(name, password)).orElseThrow(() -> unknown(name));
    }
    sessions.closeAll(name);
    record(request, "user_changed", user);
    return Response.json(200, Json.bytes(user.toJson()));
  }

  Response remove(Request request) throws HttpError, IOException {
    String name = request.pathTail();
    UserInfo removed = users.remove(name).orElseThrow(() -> unknown(name));
    sessions.closeAll(name);
    record(request, "user_removed", removed);
    return Response.json(200, Json.bytes(removed.toJson()));
  }

  private void record(Request request, String action, UserInfo user) {
    audit.record(new AuditEntry(action, request.principal().keyId(), request.principal().name(),
        request.remoteAddress(), AuditEntry.Outcome.ALLOWED, Map.of("user", user.name(), "role", user.role().label())));
  }

  private static Role role(String text) throws HttpError {
    if (text == null) {
      throw new HttpError(400, "'role' is required: viewer, editor or admin");
    }
    try {
      return Role.named(text);
    } catch (IllegalArgumentException e) {
      throw new HttpError(400, e.getMessage());
    }
  }

  private static HttpError unknown(String name) {
    return new HttpError(404, "no user is named '" + dev.corral.server.text.Excerpt.header(name) + "'");
  }

  /** A change of the users, whose invalid values are answered 400. */
  @FunctionalInterface
  private interface Change<T> {
    T apply() throws IOException, HttpError;
  }

  private static <T> T valid(Change<T> change) throws HttpError, IOException {
    try {
      return change.apply();
    } catch (IllegalArgumentException e) {
      throw new HttpError(400, e.getMessage());
    }
  }
}
