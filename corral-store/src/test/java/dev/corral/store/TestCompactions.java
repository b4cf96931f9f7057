package dev.corral.store;

import static dev.corral.store.StoreTesting.all;
import static dev.corral.store.StoreTesting.config;
import static dev.corral.store.StoreTesting.event;
import static dev.corral.store.StoreTesting.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.store.codec.WarmCodec;
import dev.corral.store.search.QueryResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding 6 of issue 12: one compaction per partition at a time (a duplicate request joins the
 * running one), compactions of different partitions one after the other, merges on one throttled
 * thread, and an interrupted compaction detected and redone with every event kept exactly once.
 * Every check is by order or state: the {@code beforeMerge} seam holds a compaction between its
 * first commit and its merge for as long as a test needs.
 */
class TestCompactions {
  private static final LocalDate DAY = LocalDate.parse("2026-11-20");
  private static final LocalDate NEXT_DAY = LocalDate.parse("2026-11-21");
  /** So slow that a merge of a test partition (tens of KB) is still running when the test acts on it. */
  private static final long CRAWLING_BYTES_PER_SEC = 1024;
  /** Bound on waiting for a state that must come; reaching it is a failure, not a timing threshold. */
  private static final long STATE_WAIT_SECONDS = 60;

  @TempDir Path dir;
  private final TestWal wal = new TestWal();
  private int nextId;

  private List<LogEvent> events(LocalDate day, int count) {
    List<LogEvent> events = new ArrayList<>();
    Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
    for (int i = 0; i < count; i++) {
      int id = nextId++;
      events.add(event(start.plusSeconds(id % 86_400), Level.INFO, "request " + id + " served",
          Map.of("id", "id" + id, "service", "svc-" + id % 3)));
    }
    return events;
  }

  /** Several committed hot segments per day, as a day of ingest leaves. */
  private void ingestCommitted(LogStore store, LocalDate day, int segments) throws Exception {
    for (int s = 0; s < segments; s++) {
      wal.appendAndSubmit(store, events(day, 100));
      store.awaitIndexed();
      store.commit();
    }
  }

  private SegmentInfos latestCommit(LocalDate day) throws IOException {
    try (FSDirectory directory = FSDirectory.open(dir.resolve(day.toString()))) {
      return SegmentInfos.readLatestCommit(directory);
    }
  }

  private static PartitionInfo partition(LogStore store, LocalDate day) throws IOException {
    return store.searcher().partitions().stream().filter(p -> p.day().equals(day)).findFirst().orElseThrow();
  }

  private void assertEveryEventOnce(LogStore store) throws IOException {
    QueryResult result = all(store);
    Map<String, Integer> seen = new HashMap<>();
    for (String id : ids(result)) {
      seen.merge(id, 1, Integer::sum);
    }
    assertThat(seen.entrySet()).filteredOn(e -> e.getValue() > 1).as("duplicated events").isEmpty();
    assertThat(result.total()).as("events").isEqualTo(nextId);
    assertThat(seen).hasSize(nextId);
  }

  /** A seam that records each merge's day and holds the first one until released. */
  private static final class HeldMerge {
    final List<LocalDate> merged = new CopyOnWriteArrayList<>();
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    void install(LogStore store) {
      store.commitRoundForTest().beforeMerge = partition -> {
        merged.add(partition.day());
        entered.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      };
    }

    void awaitEntered() throws InterruptedException {
      assertThat(entered.await(STATE_WAIT_SECONDS, TimeUnit.SECONDS)).as("a compaction reached its merge").isTrue();
    }
  }

  @Test
  void aSecondRequestForTheSameDayJoinsTheRunningCompactionAndOtherDaysWaitTheirTurn() throws Exception {
    try (LogStore store = LogStore.open(config(dir))) {
      ingestCommitted(store, DAY, 3);
      ingestCommitted(store, NEXT_DAY, 3);
      HeldMerge held = new HeldMerge();
      held.install(store);

      CompactionTicket first = store.lifecycle().startCompaction(DAY).orElseThrow();
      held.awaitEntered();
      CompactionTicket duplicate = store.lifecycle().startCompaction(DAY).orElseThrow();
      CompactionTicket otherDay = store.lifecycle().startCompaction(NEXT_DAY).orElseThrow();
      CompactionTicket otherDayAgain = store.lifecycle().startCompaction(NEXT_DAY).orElseThrow();

      assertThat(first.joined()).isFalse();
      assertThat(duplicate.joined()).as("same day while it runs").isTrue();
      assertThat(otherDay.joined()).as("another day starts its own").isFalse();
      assertThat(otherDayAgain.joined()).as("joins a queued compaction too").isTrue();
      assertThat(otherDay.isDone()).as("queued behind the running one").isFalse();
      assertThat(held.merged).containsExactly(DAY);
      held.release.countDown();

      CompactionOutcome firstOutcome = first.await();
      CompactionOutcome joinedOutcome = duplicate.await();
      assertThat(firstOutcome.joined()).isFalse();
      assertThat(joinedOutcome.joined()).isTrue();
      assertThat(joinedOutcome.partition()).isEqualTo(firstOutcome.partition());
      assertThat(joinedOutcome.bytesBefore()).isEqualTo(firstOutcome.bytesBefore());
      assertThat(otherDay.await().partition().tier()).isEqualTo(Tier.WARM);
      assertThat(otherDayAgain.await().joined()).isTrue();
      assertThat(held.merged).as("each day merged once, in request order").containsExactly(DAY, NEXT_DAY);

      CompactionTicket later = store.lifecycle().startCompaction(DAY).orElseThrow();
      assertThat(later.joined()).as("a request after the end starts afresh").isFalse();
      later.await();
      assertThat(held.merged).containsExactly(DAY, NEXT_DAY, DAY);
      assertThat(latestCommit(DAY).size()).isEqualTo(1);
      assertEveryEventOnce(store);
    }
  }

  @Test
  void commitsDuringACompactionKeepItsPendingMarkAndACrashBeforeTheMergeIsRedoneAtOpen() throws Exception {
    LogStore store = LogStore.open(config(dir));
    ingestCommitted(store, DAY, 4);
    int hotSegments = latestCommit(DAY).size();
    assertThat(hotSegments).isGreaterThan(1);
    HeldMerge held = new HeldMerge();
    held.install(store);
    store.lifecycle().startCompaction(DAY).orElseThrow();
    held.awaitEntered();

    wal.appendAndSubmit(store, events(DAY, 50)); // late events while the compaction runs
    store.awaitIndexed();
    store.commit();
    SegmentInfos crashed = latestCommit(DAY);
    assertThat(crashed.getUserData()).as("the reproduction: labelled warm, not merged, and now marked")
        .containsEntry(PartitionCommitData.TIER_KEY, "warm")
        .containsEntry(PartitionCommitData.COMPACTION_KEY, PartitionCommitData.COMPACTION_PENDING);
    assertThat(crashed.size()).isGreaterThan(hotSegments);
    store.crashForTest();
    held.release.countDown(); // the abandoned compaction finds its partition closed

    try (LogStore reopened = LogStore.open(config(dir))) {
      assertThat(wal.replay(reopened, reopened.checkpoint())).isZero();
      reopened.awaitCompactionsForTest();
      PartitionInfo redone = partition(reopened, DAY);
      assertThat(redone.tier()).isEqualTo(Tier.WARM);
      assertThat(redone.compactionPending()).isFalse();
      SegmentInfos merged = latestCommit(DAY);
      assertThat(merged.size()).as("segments after the redo").isEqualTo(1);
      assertThat(merged.info(0).info.getCodec().getName()).isEqualTo(WarmCodec.NAME);
      assertThat(merged.getUserData()).doesNotContainKey(PartitionCommitData.COMPACTION_KEY);
      assertEveryEventOnce(reopened);
    }
  }

  @Test
  void aCompactionCrashedWithUncommittedEventsIsRedoneAndReplayAddsEachEventOnce() throws Exception {
    LogStore store = LogStore.open(config(dir));
    ingestCommitted(store, DAY, 3);
    ingestCommitted(store, NEXT_DAY, 1);
    wal.appendAndSubmit(store, events(DAY, 80)); // indexed, never committed by a round: the compaction commits
    store.awaitIndexed();                          // them above the store checkpoint
    HeldMerge held = new HeldMerge();
    held.install(store);
    store.lifecycle().startCompaction(DAY).orElseThrow();
    held.awaitEntered();
    wal.appendAndSubmit(store, events(DAY, 40));      // acknowledged, lost in the crash: replayed
    wal.appendAndSubmit(store, events(NEXT_DAY, 40));
    store.awaitIndexed();
    long checkpoint = store.checkpoint();
    assertThat(partition(store, DAY).committedPosition()).as("step 1 committed above the checkpoint")
        .isGreaterThan(checkpoint);
    store.crashForTest();
    held.release.countDown();

    try (LogStore reopened = LogStore.open(config(dir))) {
      assertThat(reopened.checkpoint()).isEqualTo(checkpoint);
      assertThat(wal.replay(reopened, reopened.checkpoint())).isEqualTo(3);
      reopened.awaitIndexed();
      reopened.awaitCompactionsForTest();
      reopened.commit();
      assertThat(partition(reopened, DAY).compactionPending()).isFalse();
      for (SegmentCommitInfo segment : latestCommit(DAY)) {
        assertThat(segment.info.getCodec().getName()).as("no hot segment left after the redo").isEqualTo(WarmCodec.NAME);
      }
      assertEveryEventOnce(reopened);
    }
    try (LogStore again = LogStore.open(config(dir))) {
      assertThat(wal.replay(again, again.checkpoint())).isZero();
      assertEveryEventOnce(again);
    }
  }

  @Test
  void closingTheStoreAbortsARunningMergeOnTheThrottledThreadAndTheNextOpenRedoesIt() throws Exception {
    LogStore store = LogStore.open(config(dir).withCompactionMaxBytesPerSec(CRAWLING_BYTES_PER_SEC));
    ingestCommitted(store, DAY, 4);
    CountDownLatch merging = new CountDownLatch(1);
    store.commitRoundForTest().beforeMerge = partition -> merging.countDown();
    CompactionTicket ticket = store.lifecycle().startCompaction(DAY).orElseThrow();
    assertThat(merging.await(STATE_WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    Thread mergeThread = awaitThread("corral-compaction-merge");
    assertThat(mergeThread.getPriority()).isEqualTo(Thread.MIN_PRIORITY);
    if (System.getProperty("os.name").startsWith("Linux")) { // the thread renices itself as its merge starts
      // merge threads of earlier tests' stores may still be winding down (at nice 19, slowly): all count
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STATE_WAIT_SECONDS);
      List<Integer> nice = osNiceOfThreads("corral-compacti");
      while ((nice.isEmpty() || !nice.stream().allMatch(n -> n == LowCpuPriority.NICE)) && System.nanoTime() < deadline) {
        Thread.sleep(10);
        nice = osNiceOfThreads("corral-compacti");
      }
      assertThat(nice).as("nice of the merge threads (Linux names are 15 chars)").isNotEmpty()
          .containsOnly(LowCpuPriority.NICE);
    }

    store.close();

    assertThatThrownBy(ticket::await).isInstanceOf(StoreException.class).hasMessageContaining("redone");
    assertThat(latestCommit(DAY).getUserData()).containsEntry(PartitionCommitData.COMPACTION_KEY, PartitionCommitData.COMPACTION_PENDING);
    try (LogStore reopened = LogStore.open(config(dir))) {
      reopened.awaitCompactionsForTest();
      assertThat(latestCommit(DAY).size()).isEqualTo(1);
      assertThat(partition(reopened, DAY).compactionPending()).isFalse();
      assertEveryEventOnce(reopened);
    }
  }

  @Test
  void aCompactionThatFailedBeforeItsMergeIsRedoneAtOpen() throws Exception {
    LogStore store = LogStore.open(config(dir));
    ingestCommitted(store, DAY, 3);
    store.commitRoundForTest().beforeMerge = partition -> {
      throw new IllegalStateException("simulated crash before the merge");
    };
    assertThatThrownBy(() -> store.lifecycle().compact(DAY)).isInstanceOf(StoreException.class);
    store.crashForTest();

    try (LogStore reopened = LogStore.open(config(dir))) {
      reopened.awaitCompactionsForTest(); // the redo queued at open
      assertThat(reopened.lifecycle().compactDue(Instant.parse("2026-11-20T12:00:00Z"))).as("nothing pending any more").isEmpty();
      assertThat(latestCommit(DAY).size()).isEqualTo(1);
      assertEveryEventOnce(reopened);
    }
  }

  @Test
  void aRecoveryWaitsForTheRunningCompactionThenRedoesIt() throws Exception {
    try (LogStore store = LogStore.open(config(dir))) {
      store.recoverWith(wal.replaySource());
      ingestCommitted(store, DAY, 3);
      HeldMerge held = new HeldMerge();
      held.install(store);
      CompactionTicket ticket = store.lifecycle().startCompaction(DAY).orElseThrow();
      held.awaitEntered(); // step 1 committed the pending mark; the merge waits
      wal.appendAndSubmit(store, events(NEXT_DAY, 50));
      store.awaitIndexed();
      store.commitRoundForTest().afterPartitionCommit = partition -> {
        throw new IllegalStateException("simulated: too many open files");
      };
      assertThatThrownBy(store::commit).hasMessageContaining("too many open files");
      store.commitRoundForTest().afterPartitionCommit = partition -> { };
      wal.append(events(DAY, 50)); // late events of the compacting day, acknowledged while the store is stopped
      CompletableFuture<Boolean> recovered = CompletableFuture.supplyAsync(() -> {
        try {
          return store.recover();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      held.release.countDown();

      assertThatThrownBy(ticket::await).as("the compaction ends at its last step, before the recovery clears the failure")
          .isInstanceOf(StoreException.class).hasMessageContaining("too many open files");
      assertThat(recovered.get()).isTrue();
      store.awaitCompactionsForTest(); // the redo the recovery queued
      assertThat(held.merged).as("merges: the interrupted compaction, then its redo").containsExactly(DAY, DAY);
      assertThat(store.failure()).isEmpty();
      assertThat(partition(store, DAY).compactionPending()).isFalse();
      assertThat(partition(store, DAY).tier()).isEqualTo(Tier.WARM);
      assertThat(latestCommit(DAY).size()).as("segments after the redo").isEqualTo(1);
      assertEveryEventOnce(store);
    }
    try (LogStore reopened = LogStore.open(config(dir))) {
      assertThat(partition(reopened, DAY).compactionPending()).isFalse();
      assertEveryEventOnce(reopened);
    }
  }

  /** The nice value of each OS thread of this process whose name is {@code comm}: field 19 of its stat. */
  private static List<Integer> osNiceOfThreads(String comm) throws IOException {
    List<Integer> nice = new ArrayList<>();
    try (var tasks = java.nio.file.Files.list(Path.of("/proc/self/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        if (java.nio.file.Files.readString(task.resolve("comm")).strip().equals(comm)) {
          String stat = java.nio.file.Files.readString(task.resolve("stat"));
          String[] afterName = stat.substring(stat.lastIndexOf(") ") + 2).split(" ");
          nice.add(Integer.parseInt(afterName[16])); // fields from 3 (state) on: 19 is nice
        }
      }
    }
    return nice;
  }

  private static Thread awaitThread(String name) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STATE_WAIT_SECONDS);
    while (System.nanoTime() < deadline) {
      for (Thread thread : Thread.getAllStackTraces().keySet()) {
        if (thread.getName().equals(name)) {
          return thread;
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no thread named " + name + " after " + STATE_WAIT_SECONDS + " s");
  }
}
