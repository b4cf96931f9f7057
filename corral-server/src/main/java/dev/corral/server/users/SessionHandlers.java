package dev.corral.server.users;

import dev.corral.server.audit.AuditEntry;
import dev.corral.server.audit.AuditTrail;
import dev.corral.server.auth.Access;
import dev.corral.server.auth.AccessDenied;
import dev.corral.server.auth.LocalUsers;
import dev.corral.server.auth.Session;
import dev.corral.server.auth.Sessions;
import dev.corral.server.http.AuthStatus;
import dev.corral.server.http.HttpError;
import dev.corral.server.http.Json;
import dev.corral.server.http.Request;
import dev.corral.server.http.Response;
import dev.corral.server.http.SessionCookie;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signing in and out of the web UI:
 *
 * <ul>
 *   <li>{@code POST /api/v1/auth/login} (public) takes {@code {"user", "password"}} as JSON; answers
 *       200 with the session ({@link #describe}: user, role, CSRF token, expiry) and its cookie, 401
 *       for an unknown user or a wrong password (one answer for both), 429 with Retry-After while the
 *       name or address is locked after failures. A session cookie the request carried is ended
 *       first: the new session has a new id.
 *   <li>{@code POST /api/v1/auth/logout} (a session; CSRF token required like every change) ends
 *       the session server-side and clears the cookie: a replayed copy of it gets 401.
 *   <li>{@code GET /api/v1/auth/session} (a session) answers the same description, so a page
 *       loaded later fetches its CSRF token.
 *   <li>{@code GET /api/v1/auth/methods} (public) tells the UI whether to show the sign-in page.
 * </ul>
 */
final class SessionHandlers {
  private static final Logger LOG = LoggerFactory.getLogger(SessionHandlers.class);

  private final SignIn signIn;
  private final Sessions sessions;
  private final LocalUsers users;
  private final boolean keysRequired;
  private final AuditTrail audit;
  private final Consumer<AccessDenied> refusals;

  /** @param refusals counts every refused sign-in by reason, with the requests access control refused */
  SessionHandlers(SignIn signIn, Sessions sessions, LocalUsers users, boolean keysRequired, AuditTrail audit,
      Consumer<AccessDenied> refusals) {
    this.refusals = refusals;
    this.signIn = signIn;
    this.sessions = sessions;
    this.users = users;
    this.keysRequired = keysRequired;
    this.audit = audit;
  }

  Response login(Request request) throws HttpError, IOException {
    if (!keysRequired) {
      throw new HttpError(409, "access control is off (auth.mode resolves to none): there is nothing to sign in to");
    }
    JsonObjectBody body = JsonObjectBody.read(request, "{\"user\": \"…\", \"password\": \"…\"}");
    String user = body.text("user");
    String password = body.text("password");
    if (user == null || password == null) {
      throw new HttpError(400, "send {\"user\": \"…\", \"password\": \"…\"}");
    }
    sessions.close(SessionCookie.read(request.header("Cookie"))); // never carried over: a new id below
    Session session;
    try {
      session = signIn.signIn(user, password, request.remoteAddress());
    } catch (AccessDenied denied) {
      refusals.accept(denied);
      audit.record(new AuditEntry("login_failed", user, user, request.remoteAddress(), AuditEntry.Outcome.REFUSED,
          Map.of("reason", denied.reason().label())));
      LOG.atInfo().addKeyValue("user", user).addKeyValue("remote", request.remoteAddress())
          .addKeyValue("reason", denied.reason().label()).log("sign-in refused");
      throw AuthStatus.of(denied, Access.PUBLIC);
    }
    audit.record(new AuditEntry("login", session.identity().principal().keyId(), user, request.remoteAddress(),
        AuditEntry.Outcome.ALLOWED, Map.of("role", session.identity().role().label())));
    LOG.atInfo().addKeyValue("user", user).addKeyValue("remote", request.remoteAddress()).log("signed in");
    return Response.json(200, Json.bytes(describe(session)), SessionCookie.issue(session.id()));
  }

  Response logout(Request request) throws HttpError {
    Session session = sessions.close(SessionCookie.read(request.header("Cookie"))).orElseThrow(() ->
        new HttpError(400, "this request is not signed in with a session (an API key signs nothing out)"));
    audit.record(new AuditEntry("logout", request.principal().keyId(), session.identity().user(),
        request.remoteAddress(), AuditEntry.Outcome.ALLOWED, Map.of()));
    return Response.json(200, Json.bytes(Map.of("signed_out", session.identity().user())), SessionCookie.clear());
  }

  Response session(Request request) throws HttpError {
    Session session = sessions.find(SessionCookie.read(request.header("Cookie"))).orElseThrow(() ->
        new HttpError(404, "this request is not signed in with a session"));
    return Response.json(200, Json.bytes(describe(session)));
  }

  Response methods(Request request) {
    Map<String, Object> json = new HashMap<>();
    json.put("access_control", keysRequired ? "keys" : "off");
    json.put("sign_in", keysRequired && !users.isEmpty());
    return Response.json(200, Json.bytes(json));
  }

  /** What the UI knows of its session: who, which role, the CSRF token, until when. */
  private Map<String, Object> describe(Session session) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("user", session.identity().user());
    json.put("role", session.identity().role().label());
    json.put("read_restriction", session.identity().readFilter());
    json.put("csrf_token", session.csrfToken());
    json.put("csrf_header", SessionCookie.CSRF_HEADER);
    json.put("expires", session.expires().toString());
    json.put("idle_timeout_seconds", sessions.idleTimeout().toSeconds());
    return json;
  }
}
