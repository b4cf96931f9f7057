package dev.corral.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.model.EventBatch;
import dev.corral.model.normalize.EventDecoder;
import dev.corral.wal.WalConfig;
import dev.corral.wal.WriteAheadLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Push-back: 429 when indexing is behind, 507 when the disk is nearly full, 503 until ready — and recovery by itself. */
class AdmissionTest {
  private static final long MIN_FREE = 1L << 30;

  @TempDir
  Path dir;
  final AtomicLong pending = new AtomicLong();
  final AtomicLong freeBytes = new AtomicLong(Long.MAX_VALUE);
  final AtomicBoolean ready = new AtomicBoolean(true);
  final List<EventBatch> durable = new CopyOnWriteArrayList<>();
  WriteAheadLog<EventBatch> wal;
  IngestService ingest;

  @BeforeEach
  void open() throws Exception {
    wal = WriteAheadLog.open(WalConfig.defaults(dir), (position, next, batch) -> durable.add(batch));
    ingest = service(new IngestBacklog(500, 1000, Duration.ofSeconds(30)));
  }

  private IngestService service(IngestBacklog backlog) {
    DiskSpaceGuard disk = new DiskSpaceGuard(dir, MIN_FREE, freeBytes::get);
    return new IngestService(EventDecoder.defaults(), wal, pending::get, java.util.Optional::empty, disk, backlog,
        ready::get, WalConfig.DEFAULT_MAX_RECORD_BYTES,
        new dev.corral.server.metrics.IngestMetrics(new io.prometheus.metrics.model.registry.PrometheusRegistry()));
  }

  @AfterEach
  void close() throws Exception {
    wal.close();
  }

  @Test
  void indexingBacklogGives429WithRetryAfterAndClearsByItself() throws Exception {
    pending.set(5000);
    assertThatThrownBy(() -> ingest.ingest(body("{\"message\":\"x\"}\n"), 0))
        .isInstanceOfSatisfying(IngestRejection.class, e -> {
          assertThat(e.refusal()).isInstanceOf(Refusal.Backlog.class);
          assertThat(e.retryAfterSeconds()).isPositive();
          assertThat(e.getMessage()).contains("5000").contains("1000");
        });
    assertThat(durable).isEmpty();
    pending.set(0);
    assertThat(ingest.ingest(body("{\"message\":\"x\"}\n"), 0).accepted()).isEqualTo(1);
    assertThat(durable).hasSize(1);
  }

  @Test
  void aBacklogAboveTheTargetHoldsTheRequestUntilTheIndexersCatchUp() throws Exception {
    pending.set(800); // above the target (500), below the maximum (1000)
    CompletableFuture<IngestResult> request = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> {
      try {
        request.complete(ingest.ingest(body("{\"message\":\"held\"}\n"), 0));
      } catch (Throwable e) {
        request.completeExceptionally(e);
      }
    });
    Thread.sleep(300); // time enough to finish, were it not held (the wait allowed is 30 s)
    assertThat(request).as("held while the backlog is above the target").isNotDone();
    assertThat(durable).isEmpty();

    pending.set(100);

    assertThat(request.get(10, TimeUnit.SECONDS).accepted()).isEqualTo(1);
    assertThat(durable).hasSize(1);
  }

  @Test
  void aBacklogThatStaysAboveTheTargetDelaysTheRequestOnlyForTheMaximumWait() throws Exception {
    IngestService shortWait = service(new IngestBacklog(500, 1000, Duration.ofMillis(50)));
    pending.set(800);
    assertThat(shortWait.ingest(body("{\"message\":\"late\"}\n"), 0).accepted()).isEqualTo(1);
    assertThat(durable).hasSize(1);
  }

  @Test
  void aRequestLargerThanTheMaximumWaitsForAnEmptyBacklogAndIsThenTaken() throws Exception {
    IngestService shortWait = service(new IngestBacklog(2, 4, Duration.ofMillis(50)));
    String sixEvents = "{\"message\":\"x\"}\n".repeat(6);
    pending.set(1);
    assertThatThrownBy(() -> shortWait.ingest(body(sixEvents), 0))
        .isInstanceOfSatisfying(IngestRejection.class, e -> {
          assertThat(e.refusal()).isInstanceOf(Refusal.Backlog.class);
          assertThat(e.retryAfterSeconds()).isPositive();
          assertThat(e.getMessage()).contains("6 events is larger than that limit").contains("ingest.max_pending_events");
        });
    assertThat(durable).isEmpty();
    pending.set(0);
    assertThat(shortWait.ingest(body(sixEvents), 0).accepted()).isEqualTo(6);
    assertThat(shortWait.backlogHighWater()).as("the fake store never counts them").isZero();
  }

  @Test
  void aRequestThatDoesNotFitUnderTheMaximumIsRefusedAfterTheWait() throws Exception {
    IngestService shortWait = service(new IngestBacklog(2, 4, Duration.ofMillis(50)));
    pending.set(2);
    assertThatThrownBy(() -> shortWait.ingest(body("{\"message\":\"x\"}\n".repeat(3)), 0))
        .isInstanceOfSatisfying(IngestRejection.class, e -> assertThat(e.getMessage()).contains("adds 3"));
    assertThat(shortWait.ingest(body("{\"message\":\"x\"}\n".repeat(2)), 0).accepted()).as("2 + 2 fits").isEqualTo(2);
  }

  @Test
  void backlogLimitsAreValidated() {
    assertThatThrownBy(() -> new IngestBacklog(2000, 1000, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IngestBacklog(-1, 1000, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IngestBacklog(10, 1000, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nearlyFullDiskGives507AndIngestResumesWhenSpaceReturns() throws Exception {
    freeBytes.set(MIN_FREE - 1);
    Thread.sleep(DiskSpaceGuard.RECHECK_NANOS / 1_000_000 + 50);
    assertThatThrownBy(() -> ingest.ingest(body("{\"message\":\"x\"}\n"), 0))
        .isInstanceOfSatisfying(IngestRejection.class, e -> {
          assertThat(e.refusal()).isInstanceOf(Refusal.DiskFull.class);
          assertThat(e.getMessage()).contains("disk nearly full").contains("storage.min_free_bytes");
        });
    assertThat(durable).isEmpty();
    freeBytes.set(MIN_FREE * 10);
    Thread.sleep(DiskSpaceGuard.RECHECK_NANOS / 1_000_000 + 50);
    assertThat(ingest.ingest(body("{\"message\":\"back\"}\n"), 0).accepted()).isEqualTo(1);
  }

  @Test
  void notReadyGives503() {
    ready.set(false);
    assertThatThrownBy(() -> ingest.ingest(body("{\"message\":\"x\"}\n"), 0))
        .isInstanceOfSatisfying(IngestRejection.class,
            e -> assertThat(e.refusal()).isInstanceOf(Refusal.NotReady.class));
  }

  @Test
  void oneWalRecordPerRequest() throws Exception {
    ingest.ingest(body("{\"message\":\"a\"}\n{\"message\":\"b\"}\n{\"message\":\"c\"}\n"), 0);
    assertThat(durable).hasSize(1);
    assertThat(durable.get(0).size()).isEqualTo(3);
    assertThat(wal.stats().appends()).isEqualTo(1);
  }

  private static RequestBody body(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return new RequestBody(bytes, bytes.length);
  }
}
