package dev.corral.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.model.EventBatch;
import dev.corral.model.normalize.EventDecoder;
import dev.corral.wal.WalConfig;
import dev.corral.wal.WriteAheadLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
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
    DiskSpaceGuard disk = new DiskSpaceGuard(dir, MIN_FREE, freeBytes::get);
    ingest = new IngestService(EventDecoder.defaults(), wal, pending::get, java.util.Optional::empty, disk, 1000, ready::get,
        WalConfig.DEFAULT_MAX_RECORD_BYTES);
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
          assertThat(e.status()).isEqualTo(429);
          assertThat(e.retryAfterSeconds()).isPositive();
          assertThat(e.getMessage()).contains("5000").contains("1000");
        });
    assertThat(durable).isEmpty();
    pending.set(0);
    assertThat(ingest.ingest(body("{\"message\":\"x\"}\n"), 0).accepted()).isEqualTo(1);
    assertThat(durable).hasSize(1);
  }

  @Test
  void nearlyFullDiskGives507AndIngestResumesWhenSpaceReturns() throws Exception {
    freeBytes.set(MIN_FREE - 1);
    Thread.sleep(DiskSpaceGuard.RECHECK_NANOS / 1_000_000 + 50);
    assertThatThrownBy(() -> ingest.ingest(body("{\"message\":\"x\"}\n"), 0))
        .isInstanceOfSatisfying(IngestRejection.class, e -> {
          assertThat(e.status()).isEqualTo(507);
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
        .isInstanceOfSatisfying(IngestRejection.class, e -> assertThat(e.status()).isEqualTo(503));
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
