package dev.corral.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.model.normalize.DecodedBody;
import dev.corral.model.normalize.EventDecoder;
import dev.corral.model.normalize.IngestBody;
import dev.corral.wal.WalConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Push-back: 429 when indexing is behind, 507 when the disk is nearly full, 503 until ready — and recovery by itself. */
class AdmissionTest {
  @TempDir
  Path dir;
  SinkFixture fixture;
  IngestSink ingest;

  @BeforeEach
  void open() throws Exception {
    fixture = new SinkFixture(dir);
    ingest = service(new IngestBacklog(500, 1000, Duration.ofSeconds(30)));
  }

  private IngestSink service(IngestBacklog backlog) {
    return fixture.sink(backlog);
  }

  @AfterEach
  void close() throws Exception {
    fixture.close();
  }

  @Test
  void indexingBacklogGives429WithRetryAfterAndClearsByItself() throws Exception {
    fixture.pending.set(5000);
    assertThatThrownBy(() -> append(ingest, "{\"message\":\"x\"}\n"))
        .isInstanceOfSatisfying(IngestRejection.class, e -> {
          assertThat(e.refusal()).isInstanceOf(Refusal.Backlog.class);
          assertThat(e.retryAfterSeconds()).isPositive();
          assertThat(e.getMessage()).contains("5000").contains("1000");
        });
    assertThat(fixture.durable).isEmpty();
    fixture.pending.set(0);
    assertThat(append(ingest, "{\"message\":\"x\"}\n").events()).isEqualTo(1);
    assertThat(fixture.durable).hasSize(1);
  }

  @Test
  void aBacklogAboveTheTargetHoldsTheRequestUntilTheIndexersCatchUp() throws Exception {
    fixture.pending.set(800); // above the target (500), below the maximum (1000)
    CompletableFuture<IngestSink.Stored> request = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> {
      try {
        request.complete(append(ingest, "{\"message\":\"held\"}\n"));
      } catch (Throwable e) {
        request.completeExceptionally(e);
      }
    });
    Thread.sleep(300); // time enough to finish, were it not held (the wait allowed is 30 s)
    assertThat(request).as("held while the backlog is above the target").isNotDone();
    assertThat(fixture.durable).isEmpty();

    fixture.pending.set(100);

    assertThat(request.get(10, TimeUnit.SECONDS).events()).isEqualTo(1);
    assertThat(fixture.durable).hasSize(1);
  }

  @Test
  void aBacklogThatStaysAboveTheTargetDelaysTheRequestOnlyForTheMaximumWait() throws Exception {
    IngestSink shortWait = service(new IngestBacklog(500, 1000, Duration.ofMillis(50)));
    fixture.pending.set(800);
    assertThat(append(shortWait, "{\"message\":\"late\"}\n").events()).isEqualTo(1);
    assertThat(fixture.durable).hasSize(1);
  }

  @Test
  void aRequestLargerThanTheMaximumWaitsForAnEmptyBacklogAndIsThenTaken() throws Exception {
    IngestSink shortWait = service(new IngestBacklog(2, 4, Duration.ofMillis(50)));
    String sixEvents = "{\"message\":\"x\"}\n".repeat(6);
    fixture.pending.set(1);
    assertThatThrownBy(() -> append(shortWait, sixEvents))
        .isInstanceOfSatisfying(IngestRejection.class, e -> {
          assertThat(e.refusal()).isInstanceOf(Refusal.Backlog.class);
          assertThat(e.retryAfterSeconds()).isPositive();
          assertThat(e.getMessage()).contains("6 events is larger than that limit").contains("ingest.max_pending_events");
        });
    assertThat(fixture.durable).isEmpty();
    fixture.pending.set(0);
    assertThat(append(shortWait, sixEvents).events()).isEqualTo(6);
    assertThat(shortWait.backlogHighWater()).as("the fake store never counts them").isZero();
  }

  @Test
  void aRequestThatDoesNotFitUnderTheMaximumIsRefusedAfterTheWait() throws Exception {
    IngestSink shortWait = service(new IngestBacklog(2, 4, Duration.ofMillis(50)));
    fixture.pending.set(2);
    assertThatThrownBy(() -> append(shortWait, "{\"message\":\"x\"}\n".repeat(3)))
        .isInstanceOfSatisfying(IngestRejection.class, e -> assertThat(e.getMessage()).contains("adds 3"));
    assertThat(append(shortWait, "{\"message\":\"x\"}\n".repeat(2)).events()).as("2 + 2 fits").isEqualTo(2);
  }

  @Test
  void backlogLimitsAreValidated() {
    assertThatThrownBy(() -> new IngestBacklog(2000, 1000, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IngestBacklog(-1, 1000, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IngestBacklog(10, 1000, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nearlyFullDiskGives507AndIngestResumesWhenSpaceReturns() throws Exception {
    fixture.freeBytes.set(SinkFixture.MIN_FREE - 1);
    Thread.sleep(DiskSpaceGuard.RECHECK_NANOS / 1_000_000 + 50);
    assertThatThrownBy(() -> append(ingest, "{\"message\":\"x\"}\n"))
        .isInstanceOfSatisfying(IngestRejection.class, e -> {
          assertThat(e.refusal()).isInstanceOf(Refusal.DiskFull.class);
          assertThat(e.getMessage()).contains("disk nearly full").contains("storage.min_free_bytes");
        });
    assertThat(fixture.durable).isEmpty();
    fixture.freeBytes.set(SinkFixture.MIN_FREE * 10);
    Thread.sleep(DiskSpaceGuard.RECHECK_NANOS / 1_000_000 + 50);
    assertThat(append(ingest, "{\"message\":\"back\"}\n").events()).isEqualTo(1);
  }

  @Test
  void notReadyGives503() {
    fixture.ready.set(false);
    assertThatThrownBy(() -> append(ingest, "{\"message\":\"x\"}\n"))
        .isInstanceOfSatisfying(IngestRejection.class,
            e -> assertThat(e.refusal()).isInstanceOf(Refusal.NotReady.class));
  }

  /**
   * Issue 13: a request was admitted twice (IngestService.ingest called admit() and then store(),
   * which admitted again; the HTTP inputs did the same), so one request could be refused after it
   * had been admitted and decoded. Readiness here answers yes to its first question only: a
   * request admitted once must be stored, and readiness must be asked exactly once.
   */
  @Test
  void aRequestIsAdmittedExactlyOnce() throws Exception {
    AtomicInteger readinessChecks = new AtomicInteger();
    IngestSink readyOnce = fixture.sink(new IngestBacklog(500, 1000, Duration.ofSeconds(30)),
        WalConfig.DEFAULT_MAX_RECORD_BYTES, () -> readinessChecks.incrementAndGet() == 1, new PrometheusRegistry());

    assertThat(append(readyOnce, "{\"message\":\"once\"}\n").events()).isEqualTo(1);

    assertThat(readinessChecks).as("admission questions asked for one request").hasValue(1);
    assertThat(fixture.durable).hasSize(1);
  }

  @Test
  void aBatchOverTheWalRecordLimitIsRefusedAsTooLargeBeforeItWaitsForTheBacklog() {
    IngestSink smallRecords = fixture.sink(new IngestBacklog(500, 1000, Duration.ofSeconds(30)), 64);
    fixture.pending.set(800); // above the target: a request that were paced first would wait 30 s
    assertThatThrownBy(() -> append(smallRecords, "{\"message\":\"" + "x".repeat(100) + "\"}\n"))
        .isInstanceOfSatisfying(IngestRejection.class, e -> {
          assertThat(e.refusal()).isInstanceOf(Refusal.TooLarge.class);
          assertThat(e.getMessage()).contains("record limit of 64 bytes");
        });
    assertThat(fixture.durable).isEmpty();
  }

  @Test
  void everyRefusalIsCountedForItsInputAndReason() {
    IngestSink counted = service(new IngestBacklog(500, 1000, Duration.ofSeconds(30)));
    fixture.ready.set(false);
    assertThatThrownBy(() -> append(counted, "{\"message\":\"x\"}\n")).isInstanceOf(IngestRejection.class);
    counted.refused("gelf", new IngestRejection(new Refusal.TooLarge(), "body over the limit"));

    assertThat(counted.counts("ndjson").refusedRequests()).isEqualTo(1);
    assertThat(counted.counts("gelf").refusedRequests()).isEqualTo(1);
    assertThat(counted.counts("bulk").refusedRequests()).isZero();
  }

  @Test
  void oneWalRecordPerRequest() throws Exception {
    append(ingest, "{\"message\":\"a\"}\n{\"message\":\"b\"}\n{\"message\":\"c\"}\n");
    assertThat(fixture.durable).hasSize(1);
    assertThat(fixture.durable.get(0).size()).isEqualTo(3);
    assertThat(fixture.wal.stats().appends()).isEqualTo(1);
  }

  /** One native request through the sink, as the NDJSON input sends it. */
  private static IngestSink.Stored append(IngestSink sink, String ndjson) throws IngestRejection {
    byte[] bytes = ndjson.getBytes(StandardCharsets.UTF_8);
    DecodedBody decoded = new IngestBody(EventDecoder.defaults()).decode(bytes, bytes.length, 0);
    return sink.append("ndjson", Sender.ANONYMOUS, decoded.events(), List.of(), 0);
  }
}
