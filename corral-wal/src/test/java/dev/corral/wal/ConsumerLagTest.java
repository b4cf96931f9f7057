package dev.corral.wal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsumerLagTest {
  @TempDir Path dir;

  @Test
  void eachConsumerReportsRecordsAndBytesBehindTheEnd() throws Exception {
    AtomicLong indexer = new AtomicLong();
    PushedConsumers<String> consumers = PushedConsumers.<String>none()
        .withEssential("indexer", indexer::get, (p, n, c) -> {})
        .withLive("tail", (p, n, c) -> {});
    try (WriteAheadLog<String> wal = WriteAheadLog.open(
        new WalConfig(dir, 104, 1000, 4096, WalRetention.NONE), consumers, Duration.ZERO)) {
      wal.follow("backup", FollowOptions.startingAt(StartPoint.OLDEST), new Received()).close();
      List<Long> positions = WalFollowerTest.append(wal, 7);
      indexer.set(positions.get(4));
      List<ConsumerLag> lags = wal.consumers();
      assertThat(lags).extracting(ConsumerLag::name).containsExactly("indexer", "tail", "backup");
      assertThat(lags.get(0)).isEqualTo(new ConsumerLag("indexer", ConsumerKind.ESSENTIAL, 128, 96, 3, true, 0, 0));
      assertThat(lags.get(1)).isEqualTo(new ConsumerLag("tail", ConsumerKind.LIVE, 224, 0, 0, true, 0, 0));
      assertThat(lags.get(2)).isEqualTo(new ConsumerLag("backup", ConsumerKind.FOLLOWER, 0, 224, 7, false, 0, 0));

      WalFollowerTest.append(wal, 2);
      indexer.set(wal.endPosition());
      assertThat(wal.consumers()).extracting(ConsumerLag::lagRecords).containsExactly(0L, 0L, 9L);
    }
  }
}
