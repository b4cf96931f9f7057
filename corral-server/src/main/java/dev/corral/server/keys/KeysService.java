package dev.corral.server.keys;

import dev.corral.server.audit.AuditTrail;
import dev.corral.server.auth.Access;
import dev.corral.server.auth.AccessControl;
import dev.corral.server.auth.ApiKeys;
import dev.corral.server.auth.KeyLimits;
import dev.corral.server.http.Route;
import dev.corral.server.service.Service;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory's API keys ({@link ApiKeys}, {@code data/auth/keys.json}), read at start; the
 * {@link AccessControl} the HTTP API admits requests with (keys, or none when {@code auth.mode}
 * resolves to no auth), whose refusals it counts ({@link AuthRefusals}); the admin API {@code
 * POST|GET /api/v1/admin/keys}, {@code DELETE /api/v1/admin/keys/{id}} (admin scope) and {@code GET
 * /api/v1/auth/whoami} (any key). Writes the keys' last uses to the key file every {@link
 * ApiKeys#LAST_USED_RESOLUTION} on its own thread (never on a request's) and once more when it
 * stops; a failed write is logged and tried again at the next tick. Starts after the data directory
 * (whose lock makes it the keys' only writer) and before HTTP, so it stops after HTTP: the last
 * request's use is written.
 */
public final class KeysService implements Service {
  private static final Logger LOG = LoggerFactory.getLogger(KeysService.class);
  /** Where the admin API lives. */
  public static final String PATH = "/api/v1/admin/keys";
  /** Who the caller is: its key's id, name, scope and read restriction. */
  public static final String WHOAMI_PATH = "/api/v1/auth/whoami";
  /** A write of the key file takes milliseconds; this is plenty for one in progress to finish. */
  private static final Duration FLUSH_STOP_WAIT = Duration.ofSeconds(5);

  private final Path dataDir;
  private final boolean keysRequired;
  private final KeyLimits defaultLimits;
  private final Clock clock;
  private final Duration flushEvery;
  private final AuthRefusals refusals = new AuthRefusals();
  private final AuditTrail audit;
  private volatile ApiKeys keys;
  private volatile ScheduledExecutorService flusher;

  /**
   * @param keysRequired whether requests need a key ({@code auth.mode} resolved)
   * @param defaultLimits the rate limits of a key that sets none of its own
   */
  public KeysService(Path dataDir, boolean keysRequired, KeyLimits defaultLimits) {
    this(dataDir, keysRequired, defaultLimits, AuditTrail.NONE);
  }

  /** @param audit where key creations and revocations through the admin API are recorded */
  public KeysService(Path dataDir, boolean keysRequired, KeyLimits defaultLimits, AuditTrail audit) {
    this(dataDir, keysRequired, defaultLimits, ApiKeys.LAST_USED_RESOLUTION, audit);
  }

  /** @param flushEvery how often last uses are written (tests shorten it) */
  KeysService(Path dataDir, boolean keysRequired, KeyLimits defaultLimits, Duration flushEvery) {
    this(dataDir, keysRequired, defaultLimits, flushEvery, AuditTrail.NONE);
  }

  private KeysService(Path dataDir, boolean keysRequired, KeyLimits defaultLimits, Duration flushEvery,
      AuditTrail audit) {
    this.audit = audit;
    this.dataDir = dataDir;
    this.keysRequired = keysRequired;
    this.defaultLimits = defaultLimits;
    this.clock = Clock.systemUTC();
    this.flushEvery = flushEvery;
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
    flusher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("corral-keys-last-use").daemon().factory());
    flusher.scheduleWithFixedDelay(this::flushLastUses, flushEvery.toMillis(), flushEvery.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Writes the last uses noted since the last write; logs a failure (the next tick tries again). */
  private void flushLastUses() {
    try {
      keys().flushLastUses();
    } catch (IOException | RuntimeException e) {
      LOG.atWarn().addKeyValue("file", keys().path()).addKeyValue("error", e.toString())
          .addKeyValue("retry_in_ms", flushEvery.toMillis()).log("cannot write the keys' last uses");
    }
  }

  /** How the HTTP API admits requests; valid once started. */
  public AccessControl accessControl() {
    return keysRequired ? AccessControl.keys(keys(), defaultLimits, refusals::count) : AccessControl.OFF;
  }

  /** Counts a refusal made elsewhere (a session's) with the keys' refusals, by reason. */
  public void countRefusal(dev.corral.server.auth.AccessDenied denied) {
    refusals.count(denied);
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
    KeysHandler handler = new KeysHandler(keys(), clock, audit);
    return List.of(Route.admin("POST", PATH, handler::create), Route.admin("GET", PATH, handler::list),
        Route.admin("DELETE", PATH + "/*", handler::revoke),
        // any key: it tells the caller about its own key only, and scopes do not nest
        new Route("GET", WHOAMI_PATH, Access.ANY_KEY, new WhoAmIHandler(keysRequired, keys())));
  }

  @Override
  public Map<String, Object> stats() {
    ApiKeys started = keys;
    return Map.of("auth", Map.of("keys_required", keysRequired, "keys", started == null ? 0 : started.list().size(),
        "refusals", refusals.byReason()));
  }

  @Override
  public void registerMetrics(PrometheusRegistry registry) {
    refusals.register(registry);
  }

  /** Stops the timer, then writes the last uses noted since its last tick. */
  @Override
  public void close() {
    ScheduledExecutorService timer = flusher;
    flusher = null;
    if (timer == null) {
      return;
    }
    timer.shutdown(); // cancels the next tick, lets a write in progress finish
    try {
      if (!timer.awaitTermination(FLUSH_STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.atWarn().log("the keys' last-use writer did not stop in time; writing once more anyway");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flushLastUses();
  }
}
