package dev.corral.server.inputs.socket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.model.EventBatch;
import dev.corral.model.LogEvent;
import dev.corral.model.normalize.EventDecoder;
import dev.corral.server.Await;
import dev.corral.server.ingest.IngestBacklog;
import dev.corral.server.ingest.IngestSink;
import dev.corral.server.ingest.SinkFixture;
import dev.corral.wal.WalConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a socket input answers each refusal of the {@link IngestSink}: backpressure, never an HTTP
 * status. It holds the same batch and retries after the hint while the server is not ready, the
 * disk is nearly full or indexing is behind, then stores it once; it halves a batch too large for
 * one WAL record; it gives up, storing nothing, when it is stopped. Checked by states and counts:
 * a batch is "held" once the sink has refused it and nothing is fixture.durable.
 */
class RetryingStoreTest {
  private static final String INPUT = "syslog-tcp";
  @TempDir
  Path dir;
  SinkFixture fixture;

  @BeforeEach
  void open() throws Exception {
    fixture = new SinkFixture(dir);
  }

  @AfterEach
  void close() throws Exception {
    fixture.close();
  }

  private IngestSink sink(IngestBacklog backlog, long maxRecordBytes) {
    return fixture.sink(backlog, maxRecordBytes);
  }

  private IngestSink sink() {
    return sink(new IngestBacklog(500, 1000, Duration.ofMillis(50)), WalConfig.DEFAULT_MAX_RECORD_BYTES);
  }

  private static List<LogEvent> events(int count) throws Exception {
    List<LogEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] json = ("{\"message\":\"event " + i + " " + "x".repeat(40) + "\"}").getBytes(StandardCharsets.UTF_8);
      events.add(EventDecoder.defaults().decode(json, 0, json.length, 0));
    }
    return events;
  }

  /** Starts storing on its own thread, as a connection's reader does. */
  private static CompletableFuture<Boolean> storing(RetryingStore store, List<LogEvent> events) {
    CompletableFuture<Boolean> stored = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> stored.complete(store.store(events, List.of(), 0)));
    return stored;
  }

  /** Waits until the sink refused the input's batch {@code times} times (no time threshold: by count). */
  private static void awaitRefused(IngestSink sink, long times) throws InterruptedException {
    Await.until("the sink to refuse the batch " + times + " times", () -> sink.counts(INPUT).refusedRequests() >= times);
  }

  private void assertHeldThenStoredOnce(IngestSink sink, CompletableFuture<Boolean> stored, Runnable clear)
      throws Exception {
    awaitRefused(sink, 1);
    assertThat(fixture.durable).as("held, not stored, while refused").isEmpty();
    assertThat(stored).isNotDone();
    clear.run();
    assertThat(stored.get(30, TimeUnit.SECONDS)).isTrue();
    assertThat(fixture.durable).as("the same batch, stored once").hasSize(1);
    assertThat(fixture.durable.getFirst().size()).isEqualTo(2);
  }

  @Test
  void notReadyHoldsTheBatchUntilTheServerIsReady() throws Exception {
    IngestSink sink = sink();
    fixture.ready.set(false);
    CompletableFuture<Boolean> stored = storing(new RetryingStore(sink, INPUT), events(2));
    assertHeldThenStoredOnce(sink, stored, () -> fixture.ready.set(true));
  }

  @Test
  void aNearlyFullDiskHoldsTheBatchUntilSpaceReturns() throws Exception {
    IngestSink sink = sink();
    fixture.freeBytes.set(SinkFixture.MIN_FREE - 1);
    CompletableFuture<Boolean> stored = storing(new RetryingStore(sink, INPUT), events(2));
    assertHeldThenStoredOnce(sink, stored, () -> fixture.freeBytes.set(SinkFixture.MIN_FREE * 10));
  }

  @Test
  void anIndexingBacklogHoldsTheBatchUntilTheIndexersCatchUp() throws Exception {
    IngestSink sink = sink();
    fixture.pending.set(5000);
    CompletableFuture<Boolean> stored = storing(new RetryingStore(sink, INPUT), events(2));
    assertHeldThenStoredOnce(sink, stored, () -> fixture.pending.set(0));
  }

  @Test
  void aBatchTooLargeForOneWalRecordIsSplitUntilEachPartFits() throws Exception {
    byte[] one = ("{\"message\":\"event 0 " + "x".repeat(40) + "\"}").getBytes(StandardCharsets.UTF_8);
    IngestSink sink = sink(new IngestBacklog(500, 1000, Duration.ofMillis(50)), one.length * 3L);
    assertThat(new RetryingStore(sink, INPUT).store(events(8), List.of(), 0)).isTrue();
    assertThat(fixture.durable.stream().mapToInt(EventBatch::size).sum()).as("every event stored").isEqualTo(8);
    assertThat(fixture.durable).as("in several records").hasSizeGreaterThan(1);
  }

  @Test
  void stoppingTheInputWhileItWaitsStoresNothing() throws Exception {
    IngestSink sink = sink();
    fixture.ready.set(false);
    RetryingStore store = new RetryingStore(sink, INPUT);
    CompletableFuture<Boolean> stored = storing(store, events(2));
    awaitRefused(sink, 1);
    store.stop();
    assertThat(stored.get(30, TimeUnit.SECONDS)).as("given up").isFalse();
    assertThat(fixture.durable).isEmpty();
  }

  @Test
  void aServerStoppingWhileTheBatchWaitsForTheBacklogStoresNothing() throws Exception {
    IngestSink sink = sink(new IngestBacklog(10, 1000, Duration.ofMinutes(5)), WalConfig.DEFAULT_MAX_RECORD_BYTES);
    fixture.pending.set(500); // above the target: the batch waits in the pacer, up to five minutes
    RetryingStore store = new RetryingStore(sink, INPUT);
    CompletableFuture<Boolean> stored = new CompletableFuture<>();
    Thread reader = Thread.ofVirtual().start(() -> stored.complete(store.store(eventsUnchecked(), List.of(), 0)));
    Await.until("the batch to wait in the pacer", () -> stored.isDone() || reader.getState() == Thread.State.TIMED_WAITING);
    assertThat(stored).as("stored without waiting for the backlog").isNotDone();
    reader.interrupt(); // what stopping the server does to a waiting request
    assertThat(stored.get(30, TimeUnit.SECONDS)).isFalse();
    assertThat(fixture.durable).isEmpty();
    assertThat(sink.counts(INPUT).refusedRequests()).as("refused as Stopping").isEqualTo(1);
  }

  private static List<LogEvent> eventsUnchecked() {
    try {
      return events(2);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
