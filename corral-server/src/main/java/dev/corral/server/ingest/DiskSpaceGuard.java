package dev.corral.server.ingest;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * Refuses ingest while the data directory's disk has less free space than the configured minimum,
 * so the WAL and the store never run into a full disk mid-write; queries are not affected. The
 * free space is read at most once per {@link #RECHECK_NANOS}, and ingest resumes by itself when
 * space returns. Thread-safe.
 */
public final class DiskSpaceGuard {
  /** Reading free space is a system call; once a second is plenty for a slowly filling disk. */
  static final long RECHECK_NANOS = 1_000_000_000L;
  /** Retry hint while the disk is full: freeing space takes an operator or a retention pass, not a second. */
  static final int DISK_FULL_RETRY_SECONDS = 30;

  private final Path directory;
  private final long minFreeBytes;
  private final LongSupplier freeBytes;
  private volatile long checkedAt;
  private volatile long lastFree = Long.MAX_VALUE;

  /** Watches the disk holding {@code directory}. */
  public DiskSpaceGuard(Path directory, long minFreeBytes) throws IOException {
    this(directory, minFreeBytes, usableSpace(Files.getFileStore(directory)));
  }

  /** With an explicit source of free bytes (tests, other storage). */
  public DiskSpaceGuard(Path directory, long minFreeBytes, LongSupplier freeBytes) {
    this.directory = directory;
    this.minFreeBytes = minFreeBytes;
    this.freeBytes = freeBytes;
    this.checkedAt = System.nanoTime() - RECHECK_NANOS;
  }

  /** @throws IngestRejection {@link Refusal.DiskFull} while free space is below the minimum */
  public void check() throws IngestRejection {
    long now = System.nanoTime();
    if (now - checkedAt >= RECHECK_NANOS) {
      lastFree = freeBytes.getAsLong();
      checkedAt = now;
    }
    long free = lastFree;
    if (free < minFreeBytes) {
      throw new IngestRejection(new Refusal.DiskFull(DISK_FULL_RETRY_SECONDS), "disk nearly full: " + free + " bytes free under " + directory
          + ", below the minimum of " + minFreeBytes + " bytes (storage.min_free_bytes); ingest resumes by itself "
          + "when space is freed; queries keep working");
    }
  }

  private static LongSupplier usableSpace(FileStore store) {
    return () -> {
      try {
        return store.getUsableSpace();
      } catch (IOException e) {
        return 0; // an unreadable disk is treated as full: refuse writes, say so
      }
    };
  }
}
