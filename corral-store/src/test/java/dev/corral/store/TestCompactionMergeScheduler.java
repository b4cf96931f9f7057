package dev.corral.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.MergePolicy.OneMerge;
import org.junit.jupiter.api.Test;

class TestCompactionMergeScheduler {
  @Test
  void mergesOnOneThreadWithForcedMergesCappedAtTheConfiguredRate() {
    CompactionMergeScheduler scheduler = new CompactionMergeScheduler();
    assertThat(scheduler.getMaxThreadCount()).isEqualTo(1);
    assertThat(scheduler.getForceMergeMBPerSec()).as("Lucene's default: forced merges unthrottled")
        .isEqualTo(Double.POSITIVE_INFINITY);

    scheduler.limitForcedMerges(StoreConfig.DEFAULT_COMPACTION_MAX_BYTES_PER_SEC);
    assertThat(scheduler.getForceMergeMBPerSec()).isEqualTo(20.0);
    scheduler.limitForcedMerges(512 * 1024);
    assertThat(scheduler.getForceMergeMBPerSec()).isEqualTo(0.5);
    scheduler.limitForcedMerges(0);
    assertThat(scheduler.getForceMergeMBPerSec()).as("0 means no limit").isEqualTo(Double.POSITIVE_INFINITY);
    assertThatThrownBy(() -> scheduler.limitForcedMerges(-1)).hasMessageContaining("-1");
  }

  @Test
  void theMergingThreadDoesAllTheWorkOfABigMergeItself() {
    CompactionMergeScheduler scheduler = new CompactionMergeScheduler();
    OneMerge anyMerge = null; // the big ones (above 50 MB) are those Lucene hands to a shared pool
    List<Thread> ranOn = new ArrayList<>();
    scheduler.getIntraMergeExecutor(anyMerge).execute(() -> ranOn.add(Thread.currentThread()));
    assertThat(ranOn).containsExactly(Thread.currentThread());
  }
}
