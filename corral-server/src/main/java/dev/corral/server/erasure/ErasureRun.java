package dev.corral.server.erasure;

import dev.corral.server.archive.ArchiveErasure;
import dev.corral.server.archive.ArchiveService;
import dev.corral.store.DeletionOutcome;
import dev.corral.store.LogStore;
import java.io.IOException;
import java.util.Map;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one erasure's days, oldest first, skipping those its log records as done. For each day:
 *
 * <ol start="0">
 *   <li>(once, first) wait until the store has indexed every record handed to it before the run,
 *       so events acknowledged before the erasure are erased too;
 *   <li>the store deletes the matching events of its partition of the day and merges to reclaim
 *       their space ({@code PartitionLifecycle.deleteMatching}; nothing when it holds no partition),
 *       then runs a commit round, so that a replay of the write-ahead log after a crash cannot bring
 *       back events of records before it into a day the log records as done;
 *   <li>the archive rewrites its copy of the day when it holds one ({@link ArchiveService#erase}):
 *       a new generation without the events, verified, then the old generation's objects deleted;
 *   <li>the raw backup rewrites its objects of the day ({@link RawBackupEraser});
 *   <li>the day's outcome is appended to the log (fsynced), then the test seam is told.
 * </ol>
 *
 * Each step is idempotent: a crash between two steps leaves the day undone in the log, and the
 * resumed run deletes nothing twice and finishes what was cut short. The filter resolves against
 * the erasure's start time, also when resumed. Not thread-safe: the service runs one at a time.
 */
final class ErasureRun {
  private static final Logger LOG = LoggerFactory.getLogger(ErasureRun.class);

  private final LogStore store;
  private final ArchiveService archive;
  private final RawBackupEraser rawBackup;
  private final ErasureLog log;
  private final ErasureSeam seam;
  private final Clock clock;

  ErasureRun(LogStore store, ArchiveService archive, RawBackupEraser rawBackup, ErasureLog log, ErasureSeam seam,
      Clock clock) {
    this.store = store;
    this.archive = archive;
    this.rawBackup = rawBackup;
    this.log = log;
    this.seam = seam;
    this.clock = clock;
  }

  /**
   * What a run did: the days it did now, and why it stopped when it failed (then the erasure stays
   * unfinished), with the day it left half done everywhere but in the raw backup, if that is why.
   */
  record Report(List<DayErasure> days, String error, Map<String, Object> unfinishedDay) {
    Report(List<DayErasure> days, String error) {
      this(days, error, null);
    }
  }

  Report run(Erasure erasure, Set<LocalDate> done) {
    List<DayErasure> days = new ArrayList<>();
    try {
      store.awaitIndexed();
      for (LocalDate day : erasure.days()) {
        if (!done.contains(day)) {
          DayErasure outcome = erase(erasure, day);
          log.dayDone(erasure.id(), clock.instant(), outcome);
          days.add(outcome);
          LOG.atInfo().addKeyValue("erasure", erasure.id()).addKeyValue("day", day).addKeyValue("events", outcome.events())
              .addKeyValue("bytes_reclaimed", outcome.bytesReclaimed()).addKeyValue("archive", outcome.archive())
              .log("erasure: day done");
          seam.dayDone(day);
        }
      }
      return new Report(days, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Report(days, "interrupted: the server is stopping; resumed at the next start");
    } catch (UnfinishedDayException e) {
      LOG.atWarn().addKeyValue("erasure", erasure.id()).addKeyValue("error", e.getMessage())
          .log("erasure stopped; it stays unfinished in the erasure log and resumes at the next start or retry");
      return new Report(days, e.getMessage(), e.toJson());
    } catch (Exception e) {
      LOG.atWarn().addKeyValue("erasure", erasure.id()).addKeyValue("error", e.getMessage())
          .log("erasure stopped; it stays unfinished in the erasure log and resumes at the next start or retry");
      return new Report(days, String.valueOf(e.getMessage()));
    }
  }

  private DayErasure erase(Erasure erasure, LocalDate day) throws IOException {
    Optional<DeletionOutcome> local = store.lifecycle().deleteMatching(day, erasure.request().filter(),
        erasure.started());
    store.commit();
    ArchiveErasure archived = archive.erase(day, erasure.request().filter(), erasure.started());
    DayErasure withoutBackup = new DayErasure(day, local.map(DeletionOutcome::deletedEvents).orElse(0L),
        local.map(DeletionOutcome::bytesReclaimed).orElse(0L),
        !archived.archived() ? "not archived" : archived.rewritten() ? "rewritten" : "unchanged",
        archived.deletedFromArchivedCopy(), -1);
    if (!rawBackup.configured()) {
      return withoutBackup;
    }
    try {
      long raw = rawBackup.erase(day, erasure.request().filter(), erasure.started());
      return new DayErasure(day, withoutBackup.localEvents(), withoutBackup.bytesReclaimed(), withoutBackup.archive(),
          withoutBackup.archivedCopyEvents(), raw);
    } catch (IOException e) {
      throw new UnfinishedDayException(withoutBackup, e);
    }
  }
}
