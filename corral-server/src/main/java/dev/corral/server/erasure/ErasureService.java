package dev.corral.server.erasure;

import dev.corral.server.archive.ArchiveService;
import dev.corral.server.http.Route;
import dev.corral.server.service.Service;
import dev.corral.store.LogStore;
import dev.corral.store.PartitionInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erasure (docs/operations.md, "Erasure"): {@code POST /api/v1/admin/delete} deletes the events a
 * filter matches in a range of days — from the store's partitions, the archive's copies and the raw
 * backup ({@link ErasureRun}) — and answers what it removed per day; {@code GET} the same path lists
 * the erasure log's newest lines. Every erasure is written to the erasure log ({@link ErasureLog}:
 * who, when, the query, the range, the days) and fsynced before anything is deleted; at start,
 * erasures the log holds unfinished (a crash, a failure) are resumed.
 *
 * <p>Erasures run one at a time on the {@code corral-erasure} thread; a request waits for its own.
 * Starts after the store and the archive. Thread-safe.
 */
public final class ErasureService implements Service {
  private static final Logger LOG = LoggerFactory.getLogger(ErasureService.class);
  public static final String PATH = "/api/v1/admin/delete";
  private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
      .withZone(ZoneOffset.UTC);

  /** How often a resumed erasure checks whether the WAL replay ended: cheap, and a restart takes seconds anyway. */
  private static final long READY_POLL_MILLIS = 100;

  private final Path directory;
  private final Supplier<LogStore> store;
  private final ArchiveService archive;
  private final RawBackupEraser rawBackup;
  private final BooleanSupplier ready;
  private final Clock clock = Clock.systemUTC();
  private volatile ErasureSeam seam = ErasureSeam.NONE;
  private ErasureLog log;
  private ExecutorService thread;
  private Instant lastId = Instant.EPOCH;

  /**
   * @param directory {@code data/erasure}
   * @param rawBackup the raw backup's rewrite, {@link RawBackupEraser#NONE} when there is none
   * @param ready whether the server replayed its write-ahead log: a resumed erasure waits for it, so
   *     that every event acknowledged before the crash is indexed when it deletes
   */
  public ErasureService(Path directory, Supplier<LogStore> store, ArchiveService archive, RawBackupEraser rawBackup,
      BooleanSupplier ready) {
    this.directory = directory;
    this.store = store;
    this.archive = archive;
    this.rawBackup = rawBackup;
    this.ready = ready;
  }

  @Override
  public String name() {
    return "erasure";
  }

  /** Test seam: told after each day of each erasure. */
  public void testSeam(ErasureSeam seam) {
    this.seam = seam;
  }

  @Override
  public void start() throws IOException {
    log = ErasureLog.open(directory.resolve("erasures.ndjson"));
    thread = Executors.newSingleThreadExecutor(runnable -> {
      Thread t = new Thread(runnable, "corral-erasure");
      t.setDaemon(true);
      return t;
    });
    for (ErasureLog.Unfinished unfinished : log.unfinished()) {
      Erasure erasure = unfinished.erasure();
      LOG.atWarn().addKeyValue("erasure", erasure.id()).addKeyValue("query", erasure.request().query())
          .addKeyValue("days_done", unfinished.done().size()).addKeyValue("days", erasure.days().size())
          .log("erasure found unfinished in the erasure log; resuming it");
      thread.execute(() -> {
        try {
          while (!ready.getAsBoolean()) {
            Thread.sleep(READY_POLL_MILLIS);
          }
        } catch (InterruptedException e) {
          return; // stopping: still unfinished in the log, resumed at the next start
        }
        runLogged(erasure, unfinished.done(), true);
      });
    }
  }

  /**
   * Journals and runs an erasure asked by {@code keyId}, waiting for the ones before it; returns
   * what it did.
   */
  Result erase(ErasureRequest request, String keyId, String keyName) throws IOException, InterruptedException {
    store.get().awaitIndexed(); // the days of events acknowledged before the request exist
    Erasure erasure = new Erasure(nextId(), request, keyId, keyName, clock.instant(), daysIn(request));
    log.started(erasure);
    LOG.atInfo().addKeyValue("erasure", erasure.id()).addKeyValue("key_id", keyId).addKeyValue("key_name", keyName)
        .addKeyValue("query", request.query()).addKeyValue("from", request.from()).addKeyValue("to", request.to())
        .addKeyValue("days", erasure.days().size()).log("erasure started");
    Future<Result> result = thread.submit(() -> runLogged(erasure, Set.of(), false));
    try {
      return result.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("BUG: an erasure run threw: " + e.getCause(), e.getCause());
    }
  }

  /** A unique id from the start time (one erasure a millisecond at most: a second one waits for the next). */
  private synchronized String nextId() {
    Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    if (!now.isAfter(lastId)) {
      now = lastId.plusMillis(1);
    }
    lastId = now;
    return "e-" + ID_TIME.format(now);
  }

  /** The days of the range the store or the archive holds, oldest first. */
  private List<LocalDate> daysIn(ErasureRequest request) throws IOException {
    TreeSet<LocalDate> days = new TreeSet<>();
    for (PartitionInfo partition : store.get().searcher().partitions()) {
      days.add(partition.day());
    }
    days.addAll(archive.archivedDays());
    return List.copyOf(days.subSet(request.from(), true, request.to(), true));
  }

  private Result runLogged(Erasure erasure, Set<LocalDate> done, boolean resumed) {
    try {
      if (resumed) {
        log.resumed(erasure.id(), clock.instant());
      }
      ErasureRun.Report report = new ErasureRun(store.get(), archive, rawBackup, log, seam, clock).run(erasure, done);
      long events = report.days().stream().mapToLong(DayErasure::events).sum();
      if (report.error() == null) {
        log.finished(erasure.id(), clock.instant(), events, null);
      }
      LOG.atInfo().addKeyValue("erasure", erasure.id()).addKeyValue("key_id", erasure.keyId())
          .addKeyValue("events", events).addKeyValue("days", report.days().size())
          .addKeyValue("outcome", report.error() == null ? "completed" : "unfinished")
          .addKeyValue("error", report.error()).log(resumed ? "erasure resumed" : "erasure done");
      return new Result(erasure, report.days(), report.error(), report.unfinishedDay());
    } catch (IOException e) {
      LOG.atError().addKeyValue("erasure", erasure.id()).addKeyValue("error", e.getMessage())
          .log("cannot write the erasure log; the erasure stays unfinished and resumes at the next start");
      return new Result(erasure, List.of(), "cannot write the erasure log: " + e.getMessage(), null);
    }
  }

  /**
   * What an erasure did in this run, and why it stopped when it did not complete; {@code
   * unfinishedDay}: the day done everywhere but in the raw backup when that is why, else null.
   */
  record Result(Erasure erasure, List<DayErasure> days, String error, Map<String, Object> unfinishedDay) {
    Map<String, Object> toJson() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("id", erasure.id());
      json.put("query", erasure.request().query());
      json.put("from", erasure.request().from().toString());
      json.put("to", erasure.request().to().toString());
      json.put("outcome", error == null ? "completed" : "unfinished");
      json.put("error", error);
      json.put("events", days.stream().mapToLong(DayErasure::events).sum());
      json.put("days", days.stream().map(DayErasure::toJson).toList());
      if (unfinishedDay != null) {
        json.put("unfinished_day", unfinishedDay);
      }
      return json;
    }
  }

  /** The erasure log's newest lines, newest last. */
  List<?> newest(int count) {
    return log.newest(count);
  }

  /** {@code erasure}: the erasures the log holds unfinished (resumed at start, or failing) and the last line. */
  @Override
  public Map<String, Object> stats() {
    ErasureLog current = log;
    if (current == null) {
      return Map.of();
    }
    Map<String, Object> json = new LinkedHashMap<>();
    try {
      json.put("unfinished", current.unfinished().stream().map(unfinished -> unfinished.erasure().id()).toList());
    } catch (IOException e) {
      json.put("unfinished", List.of());
      json.put("error", e.getMessage());
    }
    List<?> last = current.newest(1);
    json.put("last", last.isEmpty() ? null : last.get(0));
    return Map.of("erasure", json);
  }

  @Override
  public List<Route> routes() {
    ErasureHandler handler = new ErasureHandler(this);
    return List.of(Route.admin("POST", PATH, handler::post), Route.admin("GET", PATH, handler::get));
  }

  @Override
  public void close() throws IOException {
    ExecutorService running = thread;
    thread = null;
    if (running != null) {
      running.shutdownNow();
      try {
        running.awaitTermination(1, TimeUnit.MINUTES); // a day in progress finishes its store call
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
