package dev.corral.server.users;

import dev.corral.server.audit.AuditTrail;
import dev.corral.server.auth.Access;
import dev.corral.server.auth.AccessControl;
import dev.corral.server.auth.AccessDenied;
import dev.corral.server.auth.LocalUsers;
import dev.corral.server.auth.LoginThrottle;
import dev.corral.server.auth.SessionAccessControl;
import dev.corral.server.auth.Sessions;
import dev.corral.server.config.SessionSection;
import dev.corral.server.http.Route;
import dev.corral.server.service.Service;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web UI's users ({@code data/auth/users.json}, read at start), their sessions (in memory) and
 * sign-in throttling; the {@link AccessControl} HTTP admits requests with: the keys' own, plus
 * sessions when API keys are required ({@link SessionAccessControl}). Routes: {@code POST
 * /api/v1/auth/login}, {@code POST /api/v1/auth/logout}, {@code GET /api/v1/auth/session}, {@code
 * GET /api/v1/auth/methods}, and the admin API {@code /api/v1/admin/users}. Starts after the keys
 * service (whose control it wraps) and before HTTP.
 */
public final class UsersService implements Service {
  private static final Logger LOG = LoggerFactory.getLogger(UsersService.class);
  /** Where the admin API of users lives. */
  public static final String PATH = "/api/v1/admin/users";
  /** Signing in and out. */
  public static final String AUTH_PATH = "/api/v1/auth";

  private final Path dataDir;
  private final SessionSection config;
  private final boolean keysRequired;
  private final Supplier<AccessControl> keys;
  private final Consumer<AccessDenied> refusals;
  private final AuditTrail audit;
  private final Clock clock = Clock.systemUTC();
  private volatile LocalUsers users;
  private volatile Sessions sessions;

  /**
   * @param keysRequired whether requests need credentials ({@code auth.mode} resolved); without, nobody signs in
   * @param keys the keys' access control, asked once at start of HTTP (after the keys service started)
   * @param refusals counts every refusal of a session request, with the keys' refusals
   * @param audit where sign-ins, sign-outs and user changes are recorded
   */
  public UsersService(Path dataDir, SessionSection config, boolean keysRequired, Supplier<AccessControl> keys,
      Consumer<AccessDenied> refusals, AuditTrail audit) {
    this.dataDir = dataDir;
    this.config = config;
    this.keysRequired = keysRequired;
    this.keys = keys;
    this.refusals = refusals;
    this.audit = audit;
  }

  @Override
  public String name() {
    return "users";
  }

  @Override
  public void start() throws IOException {
    users = LocalUsers.open(dataDir, clock);
    sessions = new Sessions(config.idleTimeout(), config.maxAge(), clock);
    LOG.atInfo().addKeyValue("users", users.list().size()).addKeyValue("sign_in", keysRequired && !users.isEmpty())
        .log("web UI users");
  }

  /** How the HTTP API admits requests: keys, plus sessions when credentials are required; valid once started. */
  public AccessControl accessControl() {
    return keysRequired ? new SessionAccessControl(keys.get(), started(), refusals) : keys.get();
  }

  private Sessions started() {
    Sessions started = sessions;
    if (started == null) {
      throw new IllegalStateException("BUG: the users' sessions are used before their service started");
    }
    return started;
  }

  @Override
  public List<Route> routes() {
    Sessions live = started();
    SessionHandlers auth = new SessionHandlers(new SignIn(users, new LoginThrottle(clock), live), live, users,
        keysRequired, audit, refusals);
    UsersHandler admin = new UsersHandler(users, live, audit);
    return List.of(Route.open("POST", AUTH_PATH + "/login", auth::login),
        // a session's own: a key signs nothing out; CSRF token required like every change
        new Route("POST", AUTH_PATH + "/logout", Access.ANY_KEY, auth::logout),
        new Route("GET", AUTH_PATH + "/session", Access.ANY_KEY, auth::session),
        Route.open("GET", AUTH_PATH + "/methods", auth::methods),
        Route.admin("GET", PATH, admin::list), Route.admin("POST", PATH, admin::add),
        Route.admin("PUT", PATH + "/*", admin::change), Route.admin("DELETE", PATH + "/*", admin::remove));
  }

  @Override
  public Map<String, Object> stats() {
    LocalUsers read = users;
    Sessions live = sessions;
    return Map.of("users", Map.of("users", read == null ? 0 : read.list().size(), "sessions",
        live == null ? 0 : live.size()));
  }
}
