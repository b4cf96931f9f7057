package dev.corral.server.keys;

import dev.corral.server.auth.AccessControl;
import dev.corral.server.auth.ApiKeys;
import dev.corral.server.auth.KeyLimits;
import dev.corral.server.http.Route;
import dev.corral.server.service.Service;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory's API keys ({@link ApiKeys}, {@code data/auth/keys.json}), read at start; the
 * {@link AccessControl} the HTTP API admits requests with (keys, or none when {@code auth.mode}
 * resolves to no auth); the admin API {@code POST|GET /api/v1/admin/keys}, {@code DELETE
 * /api/v1/admin/keys/{id}} (admin scope). Starts after the data directory (whose lock makes it the
 * keys' only writer) and before HTTP.
 */
public final class KeysService implements Service {
  private static final Logger LOG = LoggerFactory.getLogger(KeysService.class);
  /** Where the admin API lives. */
  public static final String PATH = "/api/v1/admin/keys";

  private final Path dataDir;
  private final boolean keysRequired;
  private final KeyLimits defaultLimits;
  private final Clock clock;
  private volatile ApiKeys keys;

  /**
   * @param keysRequired whether requests need a key ({@code auth.mode} resolved)
   * @param defaultLimits the rate limits of a key that sets none of its own
   */
  public KeysService(Path dataDir, boolean keysRequired, KeyLimits defaultLimits) {
    this.dataDir = dataDir;
    this.keysRequired = keysRequired;
    this.defaultLimits = defaultLimits;
    this.clock = Clock.systemUTC();
  }

  @Override
  public String name() {
    return "keys";
  }

  @Override
  public void start() throws IOException {
    keys = ApiKeys.open(dataDir, clock);
    long active = keys.list().stream().filter(k -> k.state(clock.instant()).equals("active")).count();
    if (keysRequired && active == 0) {
      LOG.atWarn().addKeyValue("file", keys.path())
          .log("auth.mode is keys and no active API key exists: every request but /health, /ready and the UI is "
              + "refused. Stop the server and create one: corral keys create --scope admin --name NAME --data DIR");
    }
    LOG.atInfo().addKeyValue("keys_required", keysRequired).addKeyValue("active_keys", active).log("access control");
  }

  /** How the HTTP API admits requests; valid once started. */
  public AccessControl accessControl() {
    return keysRequired ? AccessControl.keys(keys(), defaultLimits) : AccessControl.OFF;
  }

  private ApiKeys keys() {
    ApiKeys started = keys;
    if (started == null) {
      throw new IllegalStateException("BUG: the API keys are used before their service started");
    }
    return started;
  }

  @Override
  public List<Route> routes() {
    KeysHandler handler = new KeysHandler(keys(), clock);
    return List.of(Route.admin("POST", PATH, handler::create), Route.admin("GET", PATH, handler::list),
        Route.admin("DELETE", PATH + "/*", handler::revoke));
  }

  @Override
  public Map<String, Object> stats() {
    ApiKeys started = keys;
    return Map.of("auth", Map.of("keys_required", keysRequired, "keys", started == null ? 0 : started.list().size()));
  }
}
