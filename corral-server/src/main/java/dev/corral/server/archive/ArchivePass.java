package dev.corral.server.archive;

import dev.corral.server.config.ArchiveSection;
import dev.corral.query.ast.Query;
import dev.corral.store.ArchivedCopyDeletion;
import dev.corral.store.LogStore;
import dev.corral.store.PartitionInfo;
import dev.corral.store.PartitionSnapshot;
import dev.corral.store.Tier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One archive pass (docs/operations.md, "Archive"), steps in order:
 *
 * <ol>
 *   <li>abort the incomplete multipart uploads under {@code days/} (an upload a crash or an outage
 *       cut short);
 *   <li>note the recorded days whose partition is gone from the disk (retention, an operator);
 *   <li>for each warm day that only the bucket held and that has a local partition again (late
 *       events): download its recorded generation, check it against its manifest and merge it into
 *       the local partition ({@code PartitionLifecycle.mergeArchivedCopy}, whose commit names the
 *       generation merged), then record the day as local and newer there; under the day's {@link
 *       DayLocks write lock}, so no query reads the copy and the merged partition together. The
 *       next step uploads it;
 *   <li>for each warm day due ({@code archive.after} after it became warm, not past {@code
 *       archive.max_age}) that is not recorded, or whose last commit generation or event count
 *       changed since (late events, a compaction): snapshot it, upload it unless that generation's
 *       manifest is already there (a pass a crash interrupted after the manifest), verify it
 *       against the manifest, record it, then delete the day's other generations in the bucket;
 *   <li>drop locally the recorded days past {@code archive.local_max_age} whose local partition is
 *       the one recorded (same generation): their tier becomes {@code archive};
 *   <li>delete from the bucket the recorded days past {@code archive.max_age}, and forget them.
 * </ol>
 *
 * A day that fails is reported and left as it was (local files kept, not recorded) and the pass goes
 * on with the next; the bucket unreachable ends the pass. Not thread-safe: the service runs one pass
 * at a time.
 */
final class ArchivePass {
  private static final Logger log = LoggerFactory.getLogger(ArchivePass.class);

  private final ArchiveSection config;
  private final Duration warmAfter;
  private final LogStore store;
  private final ArchiveBucket bucket;
  private final ArchiveState state;
  private final Path snapshots;
  private final DayUpload upload;
  private final DayVerification verification;
  private final Clock clock;
  private final UploadSeam seam;
  private final DayLocks locks;

  /**
   * @param warmAfter {@code store.warm_after}: a day becomes warm that long after it ends
   * @param snapshots where day snapshots are linked while they upload (on the partitions' file system);
   *     archived copies being merged with late events are downloaded beside it, into {@code merging/}
   * @param locks the days' locks shared with the queries
   */
  ArchivePass(ArchiveSection config, Duration warmAfter, LogStore store, ArchiveBucket bucket, ArchiveState state,
      Path snapshots, UploadSeam seam, Clock clock, DayLocks locks) {
    this.config = config;
    this.warmAfter = warmAfter;
    this.store = store;
    this.bucket = bucket;
    this.state = state;
    this.snapshots = snapshots;
    this.upload = new DayUpload(bucket, config.partBytes(), seam, clock);
    this.verification = new DayVerification(bucket);
    this.clock = clock;
    this.seam = seam;
    this.locks = locks;
  }

  /** Where archived copies are downloaded to be merged with late events: {@code data/archive/merging/}, emptied at start. */
  static Path merging(Path snapshots) {
    return snapshots.resolveSibling("merging");
  }

  PassOutcome run() {
    Instant started = clock.instant();
    List<LocalDate> archived = new ArrayList<>();
    List<LocalDate> removed = new ArrayList<>();
    List<LocalDate> deleted = new ArrayList<>();
    Map<LocalDate, String> failures = new TreeMap<>();
    int aborted = 0;
    String error = null;
    try {
      aborted = bucket.abortIncompleteUploads(ArchiveKeys.DAYS);
      Map<LocalDate, PartitionInfo> local = localPartitions();
      noteGoneDays(local);
      for (PartitionInfo partition : local.values()) {
        boolean late = hasLateEvents(partition, started);
        if (late || isDue(partition, started)) {
          try {
            if (late) {
              mergeLateEvents(partition.day());
            }
            if (isDue(partition, started) && archive(partition)) {
              archived.add(partition.day());
            }
          } catch (ArchiveUnavailableException e) {
            throw e;
          } catch (IOException | RuntimeException e) {
            failures.put(partition.day(), e.getMessage());
            log.atWarn().addKeyValue("day", partition.day()).addKeyValue("reason", e.getMessage())
                .log("day not archived; its local partition is kept and it is retried at the next pass");
          }
        }
      }
      removed.addAll(removeLocally(started));
      deleted.addAll(deleteExpired(started));
    } catch (IOException | RuntimeException e) {
      error = e.getMessage();
      log.atWarn().addKeyValue("url", config.url()).addKeyValue("reason", e.getMessage())
          .log("archive pass stopped; local data is kept and the pass retried");
    }
    return new PassOutcome(started, Duration.between(started, clock.instant()).toMillis(), archived, removed, deleted,
        aborted, failures, error);
  }

  private Map<LocalDate, PartitionInfo> localPartitions() throws IOException {
    Map<LocalDate, PartitionInfo> byDay = new TreeMap<>(); // oldest first
    for (PartitionInfo partition : store.searcher().partitions()) {
      byDay.put(partition.day(), partition);
    }
    return byDay;
  }

  /** A recorded day whose partition is gone (dropped by retention or by hand) is no longer local. */
  private void noteGoneDays(Map<LocalDate, PartitionInfo> local) throws IOException {
    for (ArchivedDay day : state.days()) {
      if (day.local() && !local.containsKey(day.day())) {
        state.record(day.removedLocally());
      }
    }
  }

  private static Instant endOf(LocalDate day) {
    return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private boolean isDue(PartitionInfo partition, Instant now) throws IOException {
    LocalDate day = partition.day();
    if (partition.tier() != Tier.WARM || partition.compactionPending()
        || endOf(day).plus(warmAfter).plus(config.after()).isAfter(now) || isExpired(day, now)) {
      return false;
    }
    ArchivedDay recorded = state.get(day).orElse(null);
    if (recorded == null) {
      return true;
    }
    if (!recorded.local()) {
      return false; // a partition of the day came back after it left the disk: merged first (mergeLateEvents)
    }
    if (recorded.localNewer()) {
      return true;
    }
    OptionalLong generation = store.lifecycle().lastCommitGeneration(day);
    return generation.isPresent() && (generation.getAsLong() != recorded.generation()
        || partition.docCount() != recorded.events());
  }

  /**
   * Whether {@code partition} holds late events of a day that only the bucket held: a partition of
   * the day came back after the archived one left the disk. Merged once warm (its compaction done),
   * like any day is archived once warm; not when the day is past {@code archive.max_age}.
   */
  private boolean hasLateEvents(PartitionInfo partition, Instant now) {
    ArchivedDay recorded = state.get(partition.day()).orElse(null);
    return recorded != null && !recorded.local() && partition.tier() == Tier.WARM && !partition.compactionPending()
        && !isExpired(partition.day(), now);
  }

  /**
   * Merges the recorded generation of {@code day} into its local partition (late events) and
   * records the day as local and newer there. Idempotent across a crash: when the partition's last
   * commit says that generation was merged already, only the record is written.
   */
  private void mergeLateEvents(LocalDate day) throws IOException {
    ArchivedDay recorded = state.get(day).orElseThrow();
    if (store.lifecycle().archivedCopy(day).equals(OptionalLong.of(recorded.generation()))) {
      locks.exclusively(day, () -> state.record(recorded.mergedLocally()));
      log.atInfo().addKeyValue("day", day).addKeyValue("generation", recorded.generation())
          .log("archived copy found merged with the late events already; day recorded as local");
      return;
    }
    ArchiveManifest manifest = recordedManifest(recorded);
    Path work = merging(snapshots).resolve(day.toString());
    try {
      new DayDownload(bucket, FetchSeam.NONE).filesInto(manifest, work);
      locks.exclusively(day, () -> {
        Optional<Long> added = store.lifecycle().mergeArchivedCopy(day, work, recorded.generation());
        if (added.isPresent()) {
          reach("merged", ArchiveKeys.upload(day, recorded.generation()));
          state.record(recorded.mergedLocally());
          log.atInfo().addKeyValue("day", day).addKeyValue("generation", recorded.generation())
              .addKeyValue("events", added.get()).log("late events merged with the archived copy of their day");
        }
      });
    } finally {
      FetchCache.deleteTree(work);
    }
  }

  private void reach(String step, String key) throws IOException {
    try {
      seam.reached(step, key);
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("test seam at " + step + ": " + e, e);
    }
  }

  /** The manifest of {@code recorded}'s generation in the bucket; the bucket missing it is an error naming the key. */
  private ArchiveManifest recordedManifest(ArchivedDay recorded) throws IOException {
    ArchiveManifest manifest = uploaded(recorded.day(), recorded.generation());
    if (manifest == null) {
      throw new ArchiveVerificationException(bucket.describe(ArchiveKeys.manifest(recorded.day(), recorded.generation()))
          + " is missing; state.json records that generation of " + recorded.day());
    }
    return manifest;
  }

  private boolean isExpired(LocalDate day, Instant now) {
    return !config.maxAge().isZero() && !endOf(day).plus(config.maxAge()).isAfter(now);
  }

  /** Snapshots, uploads, verifies and records one day; whether anything new was archived. */
  private boolean archive(PartitionInfo partition) throws IOException {
    LocalDate day = partition.day();
    try (PartitionSnapshot snapshot = store.lifecycle().snapshot(day, snapshots.resolve(day.toString())).orElse(null)) {
      if (snapshot == null) {
        return false; // dropped meanwhile
      }
      PartitionSnapshot.Info info = snapshot.info();
      ArchivedDay recorded = state.get(day).orElse(null);
      if (recorded != null && recorded.generation() == info.generation() && !recorded.localNewer()) {
        return false; // only uncommitted late events differ: the commit that holds them changes the generation
      }
      publish(snapshot, true);
      return true;
    } catch (IOException e) {
      throw e;
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("archiving " + day + " failed: " + e, e);
    }
  }

  /**
   * Uploads {@code snapshot} as its day's generation unless that generation's manifest is already
   * there (a pass or an erasure a crash interrupted after the manifest), verifies it, records it
   * ({@code local}: whether the store holds the day), then deletes the day's other generations.
   */
  private void publish(PartitionSnapshot snapshot, boolean local) throws Exception {
    PartitionSnapshot.Info info = snapshot.info();
    LocalDate day = info.day();
    ArchiveManifest manifest = uploaded(day, info.generation());
    boolean resumed = manifest != null && manifest.events() == info.events();
    long started = System.nanoTime();
    if (!resumed) {
      manifest = upload.describe(snapshot);
      upload.upload(snapshot, manifest);
    }
    long uploaded = System.nanoTime();
    verifyOrWithdraw(manifest);
    long verified = System.nanoTime();
    // a drop during the upload (retention) leaves the snapshot whole, but the day is then only in the bucket
    boolean stillLocal = local && store.lifecycle().lastCommitGeneration(day).isPresent();
    state.record(new ArchivedDay(day, manifest.generation(), manifest.events(), manifest.bytes(), clock.instant(),
        stillLocal));
    int stale = deleteOtherGenerations(day, manifest.generation());
    log.atInfo().addKeyValue("day", day).addKeyValue("generation", manifest.generation())
        .addKeyValue("events", manifest.events()).addKeyValue("bytes", manifest.bytes())
        .addKeyValue("files", manifest.files().size()).addKeyValue("resumed", resumed)
        .addKeyValue("upload_ms", (uploaded - started) / 1_000_000).addKeyValue("verify_ms", (verified - uploaded) / 1_000_000)
        .addKeyValue("stale_objects_deleted", stale).log("day archived and verified");
  }

  /**
   * For an erasure, after the store deleted the events of {@code day} locally: when the archive
   * holds the day and the store does too, uploads the local partition as the day's new generation
   * (nothing when its generation is the one recorded). Whether the bucket's copy was replaced.
   */
  boolean rearchiveLocal(LocalDate day) throws IOException {
    ArchivedDay recorded = state.get(day).orElse(null);
    PartitionInfo partition = localPartitions().get(day);
    if (recorded == null || !recorded.local() || partition == null) {
      return false;
    }
    return archive(partition);
  }

  /**
   * For an erasure of a day only the bucket holds: downloads its recorded generation into {@code
   * work} (checked against its manifest), deletes the events {@code filter} matches in that copy
   * and, when some matched, publishes the copy as the day's next generation; deletes the day's
   * other generations in any case (an erasure a crash cut after the record). Returns the events
   * deleted, 0 when the day is not archived-only.
   */
  long eraseArchivedCopy(LocalDate day, Query filter, Instant now, Path work) throws IOException {
    ArchivedDay recorded = state.get(day).orElse(null);
    if (recorded == null || (recorded.local() && localPartitions().containsKey(day))) {
      return 0;
    }
    ArchiveManifest manifest = recordedManifest(recorded);
    new DayDownload(bucket, FetchSeam.NONE).filesInto(manifest, work);
    ArchivedCopyDeletion.Outcome outcome = ArchivedCopyDeletion.deleteMatching(work, day, filter, now);
    try (PartitionSnapshot snapshot = outcome.snapshot()) {
      if (outcome.deletedEvents() > 0) {
        publish(snapshot, false);
      } else {
        deleteOtherGenerations(day, recorded.generation());
      }
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("erasing in the archived copy of " + day + " failed: " + e, e);
    }
    return outcome.deletedEvents();
  }

  /**
   * Verifies {@code manifest}'s upload; when it does not match, deletes its manifest, so that no
   * manifest claims it and the next pass uploads it again.
   */
  private void verifyOrWithdraw(ArchiveManifest manifest) throws IOException {
    try {
      verification.verify(manifest);
    } catch (ArchiveVerificationException e) {
      try {
        bucket.delete(List.of(ArchiveKeys.manifest(manifest.day(), manifest.generation())));
      } catch (ArchiveUnavailableException deleteFailed) {
        e.addSuppressed(deleteFailed);
      }
      throw e;
    }
  }

  /** Deletes {@code keys}, every manifest last: a crash midway never leaves a manifest over missing files. */
  private void deleteManifestsLast(List<String> keys) throws ArchiveUnavailableException {
    List<String> ordered = new ArrayList<>(keys.stream().filter(key -> !key.endsWith("/" + ArchiveManifest.NAME)).toList());
    ordered.addAll(keys.stream().filter(key -> key.endsWith("/" + ArchiveManifest.NAME)).toList());
    bucket.delete(ordered);
  }

  /** The manifest already in the bucket for that generation of the day, or null. */
  private ArchiveManifest uploaded(LocalDate day, long generation) throws IOException {
    String key = ArchiveKeys.manifest(day, generation);
    try (InputStream in = bucket.read(key)) {
      return in == null ? null : ArchiveManifest.parse(in.readAllBytes(), bucket.describe(key));
    }
  }

  /** Deletes the day's objects of other generations (replaced uploads, leftovers of interrupted ones). */
  private int deleteOtherGenerations(LocalDate day, long keep) throws IOException {
    String kept = ArchiveKeys.upload(day, keep);
    List<String> stale = bucket.list(ArchiveKeys.day(day)).keySet().stream().filter(key -> !key.startsWith(kept))
        .toList();
    deleteManifestsLast(stale);
    return stale.size();
  }

  private List<LocalDate> removeLocally(Instant now) throws IOException {
    List<LocalDate> removed = new ArrayList<>();
    if (config.localMaxAge().isZero()) {
      return removed;
    }
    for (ArchivedDay day : state.days()) {
      if (day.local() && !day.localNewer() && !endOf(day.day()).plus(config.localMaxAge()).isAfter(now)
          && store.lifecycle().lastCommitGeneration(day.day()).equals(OptionalLong.of(day.generation()))) {
        store.lifecycle().drop(day.day());
        state.record(day.removedLocally());
        removed.add(day.day());
        log.atInfo().addKeyValue("day", day.day()).addKeyValue("events", day.events()).addKeyValue("bytes", day.bytes())
            .log("archived day removed from the local disk (archive.local_max_age); its tier is archive");
      }
    }
    return removed;
  }

  private List<LocalDate> deleteExpired(Instant now) throws IOException {
    List<LocalDate> deleted = new ArrayList<>();
    if (config.maxAge().isZero()) {
      return deleted;
    }
    for (ArchivedDay day : state.days()) {
      if (isExpired(day.day(), now)) {
        deleteManifestsLast(List.copyOf(bucket.list(ArchiveKeys.day(day.day())).keySet()));
        state.forget(day.day());
        deleted.add(day.day());
        log.atInfo().addKeyValue("day", day.day()).addKeyValue("events", day.events()).addKeyValue("bytes", day.bytes())
            .log("archived day deleted from the bucket (archive.max_age)");
      }
    }
    return deleted;
  }
}
