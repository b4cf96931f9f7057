package dev.corral.server.archive;

import dev.corral.query.ast.Query;
import dev.corral.server.search.ArchivedDays;
import dev.corral.server.search.FetchedDays;
import dev.corral.server.search.ArchiveCacheFullException;
import dev.corral.server.config.ArchiveSection;
import dev.corral.server.http.Route;
import dev.corral.server.service.Service;
import dev.corral.store.LogStore;
import dev.corral.store.PartitionInfo;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archive of whole days to an S3-compatible bucket (docs/operations.md, "Archive"): on the
 * {@code corral-archive} thread it checks the bucket once at start (a wrong key or a missing bucket
 * is one log line and the stats' {@code archive.error}; the server runs and ingests regardless),
 * then runs an {@link ArchivePass} every {@value #PASS_INTERVAL_MINUTES} minutes; after failed
 * passes it waits twice as long each time, up to {@value #MAX_BACKOFF_MINUTES} minutes. {@code POST
 * /api/v1/admin/archive/run} runs a pass now, whatever the backoff. Off ({@code archive.url} empty):
 * no thread, no client, stats say {@code "state":"off"}.
 *
 * <p>Owns {@code data/archive/}: {@code state.json} ({@link ArchiveState}), {@code snapshots/}
 * (the day being uploaded, hard links; emptied at start), {@code merging/} (an archived copy being
 * merged with late events of its day, emptied at start), {@code cache/} (archived days fetched for
 * queries and restores, {@link FetchCache}) and {@code pins.json} (days a restore pinned, {@link
 * DayPins}). Queries reach archived days through it ({@link ArchivedDays}); with an empty {@code
 * state.json} it learns the days from the bucket once the bucket answers (disaster recovery). Its stats entry {@code archive} and its
 * routes list every archived day with its tier: {@code archive} once only the bucket holds it.
 *
 * <p>Thread-safe: passes run one at a time ({@link #runPass()} waits for a running one).
 */
public final class ArchiveService implements Service, ArchivedDays {
  private static final Logger log = LoggerFactory.getLogger(ArchiveService.class);
  /** A day becomes due once a day; ten minutes bounds the wait after archive.after and retries soon after an outage. */
  static final long PASS_INTERVAL_MINUTES = 10;
  /** How often the state files are checked for a change: a dashboard saved is in the archive within minutes. */
  static final long STATE_CHECK_MINUTES = 1;
  /** Debounce: an operator editing ten dashboards in a row makes one snapshot, not ten. */
  static final long STATE_MIN_INTERVAL_MINUTES = 5;
  /** An outage of hours costs a retry an hour, not one every ten minutes of failed uploads. */
  static final long MAX_BACKOFF_MINUTES = 60;

  private final ArchiveSection config;
  private final Duration warmAfter;
  private final Path directory;
  private final Supplier<LogStore> store;
  private final Clock clock = Clock.systemUTC();
  private final Object passLock = new Object();
  private final DayLocks locks = new DayLocks();
  private volatile UploadSeam seam = UploadSeam.NONE;
  private volatile FetchSeam fetchSeam = FetchSeam.NONE;
  private DayPins pins;
  private FetchCache cache;
  private ArchiveQueries queries;
  private BucketDays bucketDays;
  private ScheduledExecutorService thread;
  private ArchiveBucket bucket;
  private volatile ArchiveState state;
  /** Why the archive does not work now (start-up check or last pass), or null. */
  private volatile String error;
  private volatile PassOutcome lastPass;
  private volatile int consecutiveFailures;
  private volatile Instant nextPass;
  private StateArchive stateArchive;
  /** The state files as last uploaded (null: not since start), and when; on the archive thread or under passLock. */
  private List<StateSnapshotManifest.StateFile> stateUploaded;
  private Instant stateUploadedAt;
  private volatile String lastStateSnapshot;

  /**
   * @param warmAfter {@code store.warm_after}: a day is warm that long after it ends
   * @param directory {@code data/archive}, on the partitions' file system
   * @param store the open store, once the store service started
   */
  public ArchiveService(ArchiveSection config, Duration warmAfter, Path directory, Supplier<LogStore> store) {
    this.config = config;
    this.warmAfter = warmAfter;
    this.directory = directory;
    this.store = store;
  }

  @Override
  public String name() {
    return "archive";
  }

  /** Test seam: told at each step of each upload (see {@link UploadSeam}). */
  public void testSeam(UploadSeam seam) {
    this.seam = seam;
  }

  /** Test seam: told after each file of each fetched day is written (see {@link FetchSeam}). */
  void fetchSeam(FetchSeam seam) {
    this.fetchSeam = seam;
  }

  /**
   * {@code corral_archive_partitions} and {@code corral_archive_bytes}: the days the bucket holds
   * and their bytes there, read from the archive's state at scrape time (0 while the archive is off).
   */
  @Override
  public void registerMetrics(PrometheusRegistry registry) {
    GaugeWithCallback.builder().name("corral_archive_partitions")
        .help("Day partitions held in the archive bucket (the archive tier), whether or not still on the local disk")
        .callback(callback -> callback.call(heldDays().size())).register(registry);
    GaugeWithCallback.builder().name("corral_archive_bytes")
        .help("Bytes of the day partitions held in the archive bucket")
        .callback(callback -> callback.call(heldDays().stream().mapToLong(ArchivedDay::bytes).sum()))
        .register(registry);
  }

  private List<ArchivedDay> heldDays() {
    ArchiveState current = state;
    return current == null ? List.of() : current.days();
  }

  @Override
  public void start() throws IOException {
    if (!config.enabled()) {
      return;
    }
    FetchCache.deleteTree(snapshots()); // a snapshot a crash left: hard links only
    FetchCache.deleteTree(directory.resolve("erasure")); // a copy an erasure left: downloaded again when it resumes
    FetchCache.deleteTree(ArchivePass.merging(snapshots())); // a copy a merge with late events left: downloaded again
    state = ArchiveState.load(directory.resolve("state.json"));
    noteMergedDays();
    bucket = ArchiveBucket.of(config);
    pins = DayPins.load(directory.resolve("pins.json"));
    DayDownload download = new DayDownload(bucket, (day, file) -> fetchSeam.written(day, file));
    cache = FetchCache.open(directory.resolve("cache"), config.cacheBytes(), download, pins);
    queries = new ArchiveQueries(state, cache, locks);
    bucketDays = new BucketDays(bucket, download);
    ThreadFactory named = runnable -> {
      Thread t = new Thread(runnable, "corral-archive");
      t.setDaemon(true);
      return t;
    };
    thread = Executors.newSingleThreadScheduledExecutor(named);
    nextPass = clock.instant().plus(Duration.ofMinutes(PASS_INTERVAL_MINUTES));
    thread.execute(this::checkBucket);
    thread.scheduleWithFixedDelay(this::scheduledPass, PASS_INTERVAL_MINUTES, PASS_INTERVAL_MINUTES, TimeUnit.MINUTES);
    stateArchive = new StateArchive(bucket, directory.getParent(), clock); // directory is data/archive
    thread.scheduleWithFixedDelay(this::scheduledStateSnapshot, 0, STATE_CHECK_MINUTES, TimeUnit.MINUTES);
  }

  /**
   * A crash after the store merged an archived copy with late events and before {@code state.json}
   * said so: the partition's last commit names the generation merged; recorded as local now, before
   * any query could read the copy and the partition together.
   */
  private void noteMergedDays() throws IOException {
    for (ArchivedDay day : state.days()) {
      if (!day.local() && store.get().lifecycle().archivedCopy(day.day()).equals(OptionalLong.of(day.generation()))) {
        state.record(day.mergedLocally());
        log.atInfo().addKeyValue("day", day.day()).addKeyValue("generation", day.generation())
            .log("archive: a merge with late events done before a crash; day recorded as local");
      }
    }
  }

  private Path snapshots() {
    return directory.resolve("snapshots");
  }

  private void checkBucket() {
    try {
      bucket.check();
      log.atInfo().addKeyValue("url", config.url()).log("archive bucket reachable");
      if (state.days().isEmpty()) {
        learnFromBucket();
      }
      resumeRestore();
    } catch (IOException e) {
      error = e.getMessage();
      log.atError().addKeyValue("url", config.url()).addKeyValue("reason", e.getMessage())
          .log("archive unavailable: days stay on the local disk and uploads are retried");
    }
  }

  /** Records the days only the bucket holds that state.json does not know (an empty or lost data directory). */
  private int learnFromBucket() throws IOException {
    java.util.Set<LocalDate> local = new java.util.HashSet<>();
    for (PartitionInfo partition : store.get().searcher().partitions()) {
      local.add(partition.day());
    }
    int learnt = state.learn(bucketDays.list(local));
    if (learnt > 0) {
      log.atInfo().addKeyValue("days", learnt).log("archive: learnt the archived days from the bucket");
    }
    return learnt;
  }

  /** Fetches the pinned days missing from the cache: a restore a crash interrupted goes on. */
  private void resumeRestore() throws IOException {
    List<ArchivedDay> missing = state.days().stream()
        .filter(day -> pins.contains(day.day()) && !day.local() && !cache.has(day)).toList();
    if (!missing.isEmpty()) {
      log.atInfo().addKeyValue("days", missing.size()).log("archive: resuming an interrupted restore");
      queries.open(missing).close();
    }
  }

  @Override
  public FetchedDays fetch(long fromNanos, long toNanos) throws IOException {
    ArchiveQueries started = queries;
    return started == null ? FetchedDays.NONE : started.fetch(fromNanos, toNanos);
  }

  /**
   * Fetches the archived days of {@code [from, to]} (every day the bucket holds when {@code from}
   * is null) into the cache and pins them there until {@link #release}d: {@code corral restore}.
   * Pins first, durably, so a restore cut short by a crash goes on after the restart.
   *
   * @throws ArchiveCacheFullException when the days do not fit {@code archive.cache_bytes} or the disk
   */
  Map<String, Object> restore(LocalDate from, LocalDate to) throws IOException {
    long started = System.nanoTime();
    if (from == null) {
      learnFromBucket();
    }
    List<ArchivedDay> days = state.days().stream().filter(day -> !day.local() && inRange(day.day(), from, to)).toList();
    pins.pin(days.stream().map(ArchivedDay::day).toList());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("days", days.stream().map(day -> day.day().toString()).toList());
    json.put("local", state.days().stream().filter(day -> day.local() && inRange(day.day(), from, to))
        .map(day -> day.day().toString()).toList());
    try (FetchedDays fetched = queries.open(days)) {
      json.put("fetched", fetched.fetched());
      json.put("from_cache", fetched.fromCache());
      json.put("failed", fetched.failed());
    }
    json.put("took_ms", (System.nanoTime() - started) / 1_000_000);
    log.atInfo().addKeyValue("days", days.size()).addKeyValue("fetched", json.get("fetched"))
        .addKeyValue("failed", ((Map<?, ?>) json.get("failed")).size()).addKeyValue("took_ms", json.get("took_ms"))
        .log("archive: restored days pinned in the cache");
    return json;
  }

  /** Releases the pins of {@code [from, to]} (every pin when {@code from} is null); returns the days released. */
  List<LocalDate> release(LocalDate from, LocalDate to) throws IOException {
    return pins.release(pins.days().stream().filter(day -> inRange(day, from, to)).toList());
  }

  /** Every pinned day with whether it is in the cache now. */
  List<Map<String, Object>> pinned() {
    List<Map<String, Object>> days = new ArrayList<>();
    for (LocalDate day : pins.days()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("day", day.toString());
      json.put("cached", state.get(day).map(cache::has).orElse(false));
      days.add(json);
    }
    return days;
  }

  private static boolean inRange(LocalDate day, LocalDate from, LocalDate to) {
    return from == null || !day.isBefore(from) && !day.isAfter(to);
  }

  private void scheduledPass() {
    Instant now = clock.instant();
    if (nextPass != null && now.isBefore(nextPass)) {
      return; // backing off after failures
    }
    try {
      runPass();
    } catch (RuntimeException e) {
      log.atError().setCause(e).log("BUG: archive pass threw");
    }
  }

  private void scheduledStateSnapshot() {
    Instant now = clock.instant();
    if (stateUploadedAt != null && now.isBefore(stateUploadedAt.plus(Duration.ofMinutes(STATE_MIN_INTERVAL_MINUTES)))) {
      return;
    }
    try {
      snapshotState(false);
    } catch (IOException | RuntimeException e) {
      log.atWarn().addKeyValue("reason", e.getMessage()).log("state snapshot not uploaded; retried at the next check");
    }
  }

  /**
   * Uploads a snapshot of the server's state files ({@link StateArchive}) when they changed since
   * the last one this server uploaded, or always when {@code always}; waits for a running pass.
   * Returns the snapshot's id, or empty when nothing changed or there is no state file (a fresh
   * server uploads nothing that a restore would take for the newest state).
   *
   * @throws IllegalStateException when the archive is off
   */
  public Optional<String> snapshotState(boolean always) throws IOException {
    if (!config.enabled()) {
      throw new IllegalStateException("BUG: state snapshot asked for while archive.url is empty");
    }
    synchronized (passLock) {
      List<StateSnapshotManifest.StateFile> files = stateArchive.describe();
      if (files.isEmpty() || (!always && files.equals(stateUploaded))) {
        return Optional.empty(); // never an empty snapshot: it would become the newest over a real one
      }
      StateSnapshotManifest manifest = stateArchive.upload(files);
      stateUploaded = files;
      stateUploadedAt = clock.instant();
      lastStateSnapshot = manifest.id();
      log.atInfo().addKeyValue("snapshot", manifest.id()).addKeyValue("files", files.size())
          .log("server state uploaded to the archive");
      return Optional.of(manifest.id());
    }
  }

  /**
   * Runs a pass now (waiting for a running one to end first) and returns what it did.
   *
   * @throws IllegalStateException when the archive is off
   */
  public PassOutcome runPass() {
    if (!config.enabled()) {
      throw new IllegalStateException("BUG: archive pass asked for while archive.url is empty");
    }
    synchronized (passLock) {
      PassOutcome outcome = new ArchivePass(config, warmAfter, store.get(), bucket, state, snapshots(), seam, clock,
          locks).run();
      lastPass = outcome;
      if (outcome.succeeded()) {
        consecutiveFailures = 0;
        error = null;
        nextPass = outcome.started().plus(Duration.ofMinutes(PASS_INTERVAL_MINUTES));
      } else {
        consecutiveFailures++;
        error = outcome.error() != null ? outcome.error()
            : outcome.failures().entrySet().iterator().next().getKey() + ": "
                + outcome.failures().entrySet().iterator().next().getValue();
        long backoff = Math.min(MAX_BACKOFF_MINUTES, PASS_INTERVAL_MINUTES << Math.min(consecutiveFailures - 1, 6));
        nextPass = outcome.started().plus(Duration.ofMinutes(backoff));
      }
      if (!outcome.archived().isEmpty() || !outcome.succeeded()) {
        log.atInfo().addKeyValue("archived", outcome.archived().size())
            .addKeyValue("removed_locally", outcome.removedLocally().size())
            .addKeyValue("deleted_from_bucket", outcome.deletedFromBucket().size())
            .addKeyValue("failed", outcome.failures().size()).addKeyValue("took_ms", outcome.tookMillis())
            .addKeyValue("next_pass", nextPass).log("archive pass done");
      }
      return outcome;
    }
  }

  /**
   * Erases from the archive's copy of {@code day} the events {@code filter} matches (an erasure,
   * docs/operations.md "Erasure"); waits for a running pass. For a day the store also holds, call it
   * after the store deleted them: the local partition is uploaded as the day's new generation. For
   * a day only the bucket holds, its copy is downloaded to {@code data/archive/erasure/}, checked,
   * rewritten without them and uploaded as a new generation. Either way the new generation is
   * verified before the old one's objects are deleted. Idempotent: run again, it deletes nothing
   * more and finishes what a crash cut short.
   *
   * @throws IOException when the bucket cannot be reached or a downloaded object does not match its manifest
   */
  public ArchiveErasure erase(LocalDate day, Query filter, Instant now) throws IOException {
    if (!config.enabled()) {
      return ArchiveErasure.NOT_ARCHIVED;
    }
    synchronized (passLock) {
      if (state.get(day).isEmpty()) {
        return ArchiveErasure.NOT_ARCHIVED;
      }
      ArchivePass pass = new ArchivePass(config, warmAfter, store.get(), bucket, state, snapshots(), seam, clock, locks);
      if (pass.rearchiveLocal(day)) {
        return new ArchiveErasure(true, true, 0);
      }
      Path work = directory.resolve("erasure").resolve(day.toString());
      long deleted = pass.eraseArchivedCopy(day, filter, now, work);
      FetchCache.deleteTree(work);
      return new ArchiveErasure(true, deleted > 0, deleted);
    }
  }

  /** The days the archive holds, oldest first; none when it is off. */
  public List<LocalDate> archivedDays() {
    return !config.enabled() ? List.of() : state.days().stream().map(ArchivedDay::day).toList();
  }

  /** Whether {@code archive.url} is set. */
  public boolean enabled() {
    return config.enabled();
  }

  @Override
  public List<Route> routes() {
    return List.of(
        // read: which days exist and where is what a reader needs to pick a time range; a key
        // restricted to some services sees days and tiers only (no counts, sizes or services)
        Route.read("GET", "/api/v1/archive/days", new ArchiveDaysHandler(this)),
        Route.admin("POST", "/api/v1/admin/archive/run", new ArchiveRunHandler(this)),
        Route.admin("POST", "/api/v1/admin/archive/state", new StateSnapshotHandler(this)),
        Route.admin("GET", "/api/v1/admin/archive/restore", new RestoreHandler(this)),
        Route.admin("POST", "/api/v1/admin/archive/restore", new RestoreHandler(this)),
        Route.admin("DELETE", "/api/v1/admin/archive/restore", new RestoreHandler(this)));
  }

  /**
   * Every archived day, oldest first, and the local days' tiers: {@code tier} is the local
   * partition's ({@code warm}) while it is on the disk, {@code archive} once only the bucket has it.
   */
  List<Map<String, Object>> days() {
    if (!config.enabled()) {
      return List.of();
    }
    Map<LocalDate, String> localTiers = new LinkedHashMap<>();
    try {
      for (PartitionInfo partition : store.get().searcher().partitions()) {
        localTiers.put(partition.day(), partition.tier().label());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the partitions: " + e.getMessage(), e);
    }
    List<Map<String, Object>> days = new ArrayList<>();
    for (ArchivedDay day : state.days()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("day", day.day().toString());
      json.put("tier", day.local() && localTiers.containsKey(day.day()) ? localTiers.get(day.day()) : "archive");
      json.put("local", day.local() && localTiers.containsKey(day.day()));
      json.put("events", day.events());
      json.put("bytes", day.bytes());
      json.put("generation", day.generation());
      json.put("archived_at", day.archivedAt().toString());
      days.add(json);
    }
    return days;
  }

  @Override
  public Map<String, Object> stats() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("state", !config.enabled() ? "off" : error == null ? "ok" : "failing");
    json.put("url", config.url());
    json.put("endpoint", config.endpoint().map(URI::toString).orElse(null));
    json.put("error", error);
    json.put("consecutive_failures", consecutiveFailures);
    json.put("next_pass", nextPass == null ? null : nextPass.toString());
    json.put("last_state_snapshot", lastStateSnapshot);
    json.put("last_pass", lastPass == null ? null : passJson(lastPass));
    List<Map<String, Object>> days = days();
    json.put("archived_days", days.size());
    json.put("archived_bytes", days.stream().mapToLong(day -> (Long) day.get("bytes")).sum());
    json.put("days", days);
    json.put("cache", cache == null ? null : cache.stats());
    json.put("pinned", pins == null ? List.of() : pins.days().stream().map(LocalDate::toString).toList());
    return Map.of("archive", json);
  }

  /** The JSON of a pass's outcome, for stats and the run route. */
  static Map<String, Object> passJson(PassOutcome outcome) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("started", outcome.started().toString());
    json.put("took_ms", outcome.tookMillis());
    json.put("archived", outcome.archived().stream().map(LocalDate::toString).toList());
    json.put("removed_locally", outcome.removedLocally().stream().map(LocalDate::toString).toList());
    json.put("deleted_from_bucket", outcome.deletedFromBucket().stream().map(LocalDate::toString).toList());
    json.put("aborted_uploads", outcome.abortedUploads());
    Map<String, Object> failures = new LinkedHashMap<>();
    outcome.failures().forEach((day, reason) -> failures.put(day.toString(), reason));
    json.put("failures", failures);
    json.put("error", outcome.error());
    return json;
  }

  @Override
  public void close() throws IOException {
    ScheduledExecutorService running = thread;
    thread = null;
    if (running != null) {
      running.shutdownNow();
      try {
        running.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (bucket != null) {
      bucket.close();
      bucket = null;
    }
  }
}
