package dev.corral.server.retention;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.config.DurationText;
import dev.corral.server.config.RetentionSection;
import dev.corral.server.http.HiddenPaths;
import dev.corral.server.http.Route;
import dev.corral.server.search.InvalidFieldException;
import dev.corral.server.service.Service;
import dev.corral.store.LogStore;
import dev.corral.store.PartitionInfo;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention (docs/operations.md, "Retention"): runs a {@link RetentionPass} every {@code
 * retention.interval} on the {@code corral-retention} thread, and on {@code POST
 * /api/v1/admin/retention/run}; serves the policy's admin API ({@link RetentionHandler}); keeps the
 * recent deletions ({@link DeletionLog}) and the stats entry {@code retention}.
 *
 * <p>The policy in force is the API's ({@code data/retention.json}) when one was set, else the
 * {@code retention.*} settings. Starts after the store (it drops and deletes through the store's
 * API) and before HTTP. One pass at a time: the timer and the API wait for each other; a policy
 * change does not wait for a running pass, the next one applies it.
 *
 * <p>Thread-safety: every public method may be called from any thread.
 */
public final class RetentionService implements Service {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionService.class);
  /** Where the admin API lives. */
  public static final String PATH = "/api/v1/admin/retention";
  /** Deletions shown in the stats (the Status page); the file keeps {@link DeletionLog#MAX_RECORDS}. */
  static final int RECENT_IN_STATS = 10;

  private final RetentionSection config;
  private final long minFreeBytes;
  private final Path dataDir;
  private final Supplier<LogStore> store;
  private final HiddenPaths hiddenPaths;
  private final Clock clock = Clock.systemUTC();
  private final RetentionPolicyFile policyFile;
  private final RetentionCounters counters = new RetentionCounters();
  /** One pass at a time (the timer and the API). */
  private final Object passLock = new Object();
  /** One policy change at a time; a change does not wait for a running pass, the next pass uses it. */
  private final Object policyLock = new Object();
  private ScheduledExecutorService timer;
  private volatile DeletionLog deletions;
  /** The policy in force and, when set through the API, when and by whom; written under {@link #policyLock}. */
  private volatile InForce inForce;

  /** The policy in force: from the API (with its record) or from the configuration (stored is null). */
  private record InForce(RetentionPolicy policy, RetentionPolicyFile.Stored stored) {}

  /** What a pass did: its deletions and, when it failed part way, why. */
  record PassReport(List<DeletionRecord> deletions, String error) {}

  /**
   * @param minFreeBytes {@code storage.min_free_bytes}, where ingest stops: the disk projection's floor
   * @param store the open store (valid once the store service started)
   */
  public RetentionService(RetentionSection config, long minFreeBytes, Path dataDir, Supplier<LogStore> store,
      HiddenPaths hiddenPaths) {
    this.config = config;
    this.minFreeBytes = minFreeBytes;
    this.dataDir = dataDir;
    this.store = store;
    this.hiddenPaths = hiddenPaths;
    this.policyFile = new RetentionPolicyFile(dataDir.resolve("retention.json"));
  }

  @Override
  public String name() {
    return "retention";
  }

  @Override
  public void start() throws IOException {
    deletions = DeletionLog.open(dataDir.resolve("retention-deletions.json"));
    Optional<RetentionPolicyFile.Stored> stored = policyFile.read();
    inForce = stored.map(s -> new InForce(s.policy(), s)).orElseGet(() -> new InForce(RetentionPolicy.of(config), null));
    RetentionPolicy policy = inForce.policy();
    LOG.atInfo().addKeyValue("source", stored.isPresent() ? policyFile.path().getFileName() : "configuration")
        .addKeyValue("max_age", RetentionPolicyJson.write(policy).get("max_age")).addKeyValue("max_bytes", policy.maxBytes())
        .addKeyValue("rules", policy.rules().size()).log(policy.keepsEverything()
            ? "retention: no limit is set, every event is kept (set retention.max_age, docs/operations.md)"
            : "retention policy");
    warnIfMaxBytesPassesTheFloor(policy);
    timer = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("corral-retention").daemon().factory());
    long interval = config.interval().toMillis();
    counters.scheduled(clock.instant().plusMillis(interval));
    timer.scheduleWithFixedDelay(this::runScheduled, interval, interval, TimeUnit.MILLISECONDS);
  }

  /**
   * Logs a warning when {@code max_bytes} is more than the disk holds above {@code
   * storage.min_free_bytes}: ingest would then stop at the floor before retention acts.
   */
  private void warnIfMaxBytesPassesTheFloor(RetentionPolicy policy) throws IOException {
    long room = Files.getFileStore(dataDir).getTotalSpace() - minFreeBytes;
    if (policy.maxBytes() > room) {
      LOG.atWarn().addKeyValue("max_bytes", policy.maxBytes()).addKeyValue("disk_bytes_above_floor", room)
          .log("retention.max_bytes is more than the disk holds above storage.min_free_bytes: ingest stops at the "
              + "floor (507) before retention drops anything; lower it (docs/operations.md, Retention)");
    }
  }

  private void runScheduled() {
    try {
      runPass();
    } catch (RuntimeException e) { // a pass reports its own failures; this keeps the timer alive whatever else
      LOG.atError().setCause(e).log("BUG: a retention pass threw; the next runs as scheduled");
    }
    counters.scheduled(clock.instant().plus(config.interval()));
  }

  /** Runs one pass now (after the one running, if any); never throws: a failure is counted, logged and reported. */
  PassReport runPass() {
    synchronized (passLock) {
      Instant now = clock.instant();
      List<DeletionRecord> done;
      String error = null;
      try {
        done = RetentionPass.run(store, inForce.policy(), now);
      } catch (RetentionPass.PassFailedException e) {
        done = e.done();
        error = hiddenPaths.hide(String.valueOf(e.getMessage()));
        LOG.atWarn().addKeyValue("error", error).addKeyValue("deletions_before", done.size())
            .log("retention pass failed; retried at the next run");
      }
      try {
        deletions.append(done);
      } catch (IOException e) {
        error = error != null ? error : hiddenPaths.hide("cannot write the deletions list: " + e.getMessage());
        LOG.atWarn().addKeyValue("error", error).log("retention could not record its deletions");
      }
      counters.passed(now, done, error);
      return new PassReport(done, error);
    }
  }

  /**
   * Replaces the policy in force with {@code json} (fields left out keep their value), persists it and
   * logs who did.
   *
   * @throws InvalidFieldException naming the field and the problem; nothing changes
   */
  void replace(JsonNode json, String by) throws InvalidFieldException, IOException {
    synchronized (policyLock) {
      RetentionPolicy policy = RetentionPolicyJson.read(json, inForce.policy());
      RetentionPolicyFile.Stored stored = new RetentionPolicyFile.Stored(policy, clock.instant(), by);
      policyFile.write(stored);
      inForce = new InForce(policy, stored);
      LOG.atInfo().addKeyValue("by", by).addKeyValue("policy", RetentionPolicyJson.write(policy))
          .log("retention policy set through the admin API");
    }
  }

  /** Drops the API's policy: the {@code retention.*} settings apply again. */
  void revertToConfiguration(String by) throws IOException {
    synchronized (policyLock) {
      policyFile.delete();
      inForce = new InForce(RetentionPolicy.of(config), null);
      LOG.atInfo().addKeyValue("by", by).log("retention policy of the admin API removed; the configuration's applies");
    }
  }

  /** The policy in force, where each value comes from, and the interval: the GET answer. */
  Map<String, Object> describe() {
    InForce current = inForce;
    Map<String, Object> json = new LinkedHashMap<>(RetentionPolicyJson.write(current.policy()));
    Map<String, String> sources = new LinkedHashMap<>();
    if (current.stored() != null) {
      String api = "admin API (data/retention.json, set " + current.stored().updated() + " by "
          + current.stored().updatedBy() + ")";
      for (String key : List.of("max_age", "max_bytes", "rules")) {
        sources.put(key, api);
      }
    } else {
      config.sources().forEach((key, source) -> sources.put(key.substring("retention.".length()), source));
    }
    json.put("sources", sources);
    json.put("interval", DurationText.format(config.interval()));
    json.put("keeps_everything", current.policy().keepsEverything());
    return json;
  }

  @Override
  public List<Route> routes() {
    RetentionHandler handler = new RetentionHandler(this);
    return List.of(Route.admin("GET", PATH, handler::get), Route.admin("PUT", PATH, handler::put),
        Route.admin("DELETE", PATH, handler::delete), Route.admin("POST", PATH + "/run", handler::run));
  }

  @Override
  public void registerMetrics(PrometheusRegistry registry) {
    CounterWithCallback.builder().name("corral_retention_dropped_days_total")
        .help("Day partitions retention dropped whole since start (max_age, max_bytes)")
        .callback(callback -> callback.call(counters.totals().droppedDays())).register(registry);
    CounterWithCallback.builder().name("corral_retention_deleted_events_total")
        .help("Events retention removed since start: those of dropped days and those its rules deleted inside days")
        .callback(callback -> callback.call(counters.totals().deletedEvents())).register(registry);
    CounterWithCallback.builder().name("corral_retention_reclaimed_bytes_total")
        .help("Bytes of disk retention gave back since start")
        .callback(callback -> callback.call(counters.totals().bytesReclaimed())).register(registry);
    CounterWithCallback.builder().name("corral_retention_failed_passes_total")
        .help("Retention passes that failed part way since start (each logged at WARN; retried at the next run)")
        .callback(callback -> callback.call(counters.totals().failedPasses())).register(registry);
  }

  @Override
  public Map<String, Object> stats() {
    InForce current = inForce;
    DeletionLog log = deletions;
    if (current == null || log == null) {
      return Map.of();
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("policy", RetentionPolicyJson.write(current.policy()));
    json.put("policy_source", current.stored() == null ? "configuration" : "admin API");
    json.put("keeps_everything", current.policy().keepsEverything());
    json.putAll(counters.toJson());
    json.put("recent", log.newest(RECENT_IN_STATS).stream().map(DeletionRecord::toJson).toList());
    json.put("projection", projection(current.policy()).toJson());
    return Map.of("retention", json);
  }

  private DiskProjection projection(RetentionPolicy policy) {
    try {
      List<PartitionInfo> partitions = store.get().searcher().partitions();
      long free = Files.getFileStore(dataDir).getUsableSpace() - minFreeBytes;
      return DiskProjection.of(partitions, policy, free, clock.instant());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot project the disk's use: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    ScheduledExecutorService running = timer;
    timer = null;
    if (running != null) {
      running.shutdownNow();
      try {
        running.awaitTermination(1, TimeUnit.MINUTES); // a pass in progress finishes its store call
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
