package dev.corral.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.model.Fields;
import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.model.RecordOrigin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WAL follower of record origins over a real write-ahead log: it tells the listener of each durable origin in
 * WAL order, keeps how far the log holds each partition in its file across restarts, and never counts a record
 * without an origin.
 */
class OriginFollowerTest {
  private static final IngestBacklog BACKLOG = IngestBacklog.of(1000, 2000);

  @TempDir
  Path dir;

  private static DecodedBatch events(int count) {
    List<LogEvent> events = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(new LogEvent(System.currentTimeMillis() * 1_000_000L, Level.INFO, "m" + i,
          Fields.builder(1).put("service", "s").build()));
    }
    return new DecodedBatch() {
      @Override
      public List<LogEvent> events() {
        return events;
      }

      @Override
      public List<DeadLetter> deadLetters() {
        return List.of();
      }
    };
  }

  @Test
  void originsAreHeldPerPartitionAcrossARestartAndToldInWalOrder() throws Exception {
    Path offsets = dir.resolve("offsets");
    List<RecordOrigin> told = new CopyOnWriteArrayList<>();
    try (SinkFixture fixture = new SinkFixture(dir)) {
      IngestSink sink = fixture.sink(BACKLOG);
      try (OriginFollower follower = sink.followOrigins("kafka-offsets", offsets, (origin, next) -> told.add(origin))) {
        assertThat(follower.awaitCaughtUp(Duration.ofMinutes(1))).isTrue();
        sink.append("kafka", Sender.ANONYMOUS, PipelineChoice.DEFAULT, events(2), new RecordOrigin("a", 0, 0, 9), 0);
        sink.append("ndjson", Sender.ANONYMOUS, events(1).events(), List.of(), 0);
        sink.append("kafka", Sender.ANONYMOUS, PipelineChoice.DEFAULT, events(0), new RecordOrigin("a", 1, 5, 5), 0);
        sink.append("kafka", Sender.ANONYMOUS, PipelineChoice.DEFAULT, events(3), new RecordOrigin("a", 0, 10, 12), 0);
        while (told.size() < 3) {
          Thread.sleep(10);
        }
        assertThat(told).containsExactly(new RecordOrigin("a", 0, 0, 9), new RecordOrigin("a", 1, 5, 5),
            new RecordOrigin("a", 0, 10, 12));
        assertThat(follower.heldNextOffset("a", 0)).hasValue(13);
        assertThat(follower.heldNextOffset("a", 1)).hasValue(6);
        assertThat(follower.heldNextOffset("b", 0)).isEmpty();
      }
      assertThat(Files.readString(offsets)).isEqualTo("a 0 13\na 1 6\n");
      assertThat(fixture.durable.get(2).events()).as("an origin without events is a record of its own").isEmpty();
    }
    try (SinkFixture reopened = new SinkFixture(dir);
        OriginFollower follower = reopened.sink(BACKLOG).followOrigins("kafka-offsets", offsets, (o, n) -> { })) {
      assertThat(follower.awaitCaughtUp(Duration.ofMinutes(1))).isTrue();
      assertThat(follower.heldNextOffset("a", 0)).hasValue(13);
      assertThat(follower.heldNextOffset("a", 1)).hasValue(6);
    }
  }
}
