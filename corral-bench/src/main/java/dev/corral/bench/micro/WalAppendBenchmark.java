package dev.corral.bench.micro;

import dev.corral.wal.WalConfig;
import dev.corral.wal.WalException;
import dev.corral.wal.WalStats;
import dev.corral.wal.WriteAheadLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The acknowledgement point: a durable {@link WriteAheadLog#append} of one batch-sized record, with
 * real fsyncs, in a fresh directory under {@code java.io.tmpdir} (point it at another disk with
 * {@code -jvmArgsAppend -Djava.io.tmpdir=…}). One thread appends back to back; four threads share
 * group commits, as concurrent ingest requests do. One operation is one record, so ops/s times
 * {@link #recordBytes} is the durable MB/s. Segments behind the end are deleted after each
 * iteration, so the disk use stays within about two segments.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class WalAppendBenchmark {
  /** Events in the batch the payload is cut from: about 150 KiB of canonical JSON, more than one record. */
  private static final int PAYLOAD_EVENTS = 256;

  /** Payload bytes per record; 64 KiB is about a hundred simulated events, an ingest batch. */
  @Param("65536")
  public int recordBytes;

  private Path directory;
  private WriteAheadLog<Void> wal;
  private byte[] payload;

  @Setup(Level.Trial)
  public void open() throws IOException {
    if (recordBytes < 1 || recordBytes > WalConfig.DEFAULT_MAX_RECORD_BYTES) {
      throw new IllegalArgumentException("recordBytes (" + recordBytes + ") must be in 1.."
          + WalConfig.DEFAULT_MAX_RECORD_BYTES);
    }
    payload = payload(recordBytes);
    directory = Files.createTempDirectory("corral-wal-bench");
    wal = WriteAheadLog.open(WalConfig.defaults(directory), (position, nextPosition, context) -> { });
  }

  @Benchmark
  @Threads(1)
  public long appendOneThread() throws WalException {
    return wal.append(payload, null);
  }

  @Benchmark
  @Threads(4)
  public long appendFourThreads() throws WalException {
    return wal.append(payload, null);
  }

  /** Deletes the segments the iteration filled, keeping the active one. */
  @TearDown(Level.Iteration)
  public void trim() throws IOException {
    wal.deleteBefore(wal.endPosition());
  }

  /** Prints how many appends shared an fsync, closes the log and deletes its directory. */
  @TearDown(Level.Trial)
  public void close() throws IOException {
    WalStats stats = wal.stats();
    System.out.printf(Locale.ROOT, "wal: %,d appends in %,d group commits (%.2f appends per fsync), %,d MiB%n",
        stats.appends(), stats.groupCommits(), (double) stats.appends() / Math.max(1, stats.groupCommits()),
        stats.appendedBytes() >> 20);
    wal.close();
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** The log, for tests. */
  WriteAheadLog<Void> wal() {
    return wal;
  }

  /** The record payload, for tests. */
  byte[] payload() {
    return payload;
  }

  /** The directory of the log, for tests. */
  Path directory() {
    return directory;
  }

  /** {@code bytes} of canonical NDJSON from the simulated fleet, repeated when the batch is shorter. */
  static byte[] payload(int bytes) {
    byte[] source = FleetSample.batch(PAYLOAD_EVENTS).source();
    byte[] payload = new byte[bytes];
    for (int at = 0; at < bytes; at += source.length) {
      System.arraycopy(source, 0, payload, at, Math.min(source.length, bytes - at));
    }
    return payload;
  }
}
