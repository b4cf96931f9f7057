package dev.corral.store;

import dev.corral.store.index.FieldMapping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicLong;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.IOUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partition directories on disk, {@code root/YYYY-MM-DD/}: their size, the files no commit
 * references, and their removal when a partition is dropped (design.md, "Dropping a partition"). A dropped partition's directory is first
 * renamed to a tombstone, {@code YYYY-MM-DD.dropped-N} (an atomic rename, then the root is synced),
 * then deleted once no query holds it. A crash leaves either the partition's directory, whole, or a
 * tombstone, which {@link #deleteTombstones} removes at the next open: never part of a partition.
 *
 * <p>Thread-safe.
 */
final class PartitionFiles {
  /** Logs under the store's name: operators follow one logger for the store. */
  private static final Logger log = LoggerFactory.getLogger(LogStore.class);
  private static final String TOMBSTONE = ".dropped-";

  private final Path root;
  /** Numbers tombstones, so a day dropped again while its earlier tombstone is held gets its own. */
  private final AtomicLong drops = new AtomicLong();

  PartitionFiles(Path root) {
    this.root = root;
  }

  /** Whether {@code child} of the root is a dropped partition's tombstone. */
  static boolean isTombstone(Path child) {
    return child.getFileName().toString().contains(TOMBSTONE);
  }

  /** Deletes the tombstones under {@code root} that a crash or a failed delete left; at open, before any query. */
  static int deleteTombstones(Path root) throws IOException {
    int deleted = 0;
    try (Stream<Path> children = Files.list(root)) {
      for (Path child : (Iterable<Path>) children::iterator) {
        if (isTombstone(child)) {
          IOUtils.rm(child);
          deleted++;
        }
      }
    }
    return deleted;
  }

  /**
   * Renames the directory of {@code day} to a fresh tombstone, durably: after this returns, a crash
   * leaves the tombstone (deleted at open), and a new partition of the day may be created.
   *
   * @return the tombstone
   */
  Path entomb(String day) throws IOException {
    Path tombstone = root.resolve(day + TOMBSTONE + drops.incrementAndGet());
    Files.move(root.resolve(day), tombstone, StandardCopyOption.ATOMIC_MOVE);
    IOUtils.fsync(root, true);
    return tombstone;
  }

  /**
   * Closes a dropped partition's {@code directory} and deletes its {@code tombstone}; a failure is
   * logged, and the next open deletes what is left. Runs on the thread of the last query that held
   * the partition, which must not fail for it.
   */
  static void delete(Path tombstone, Directory directory, LocalDate day) {
    try {
      IOUtils.close(directory);
      IOUtils.rm(tombstone);
    } catch (IOException | RuntimeException e) {
      log.atWarn().addKeyValue("partition", day).addKeyValue("path", tombstone).addKeyValue("reason", e.toString())
          .log("dropped partition's files not deleted; the next open deletes them");
    }
  }

  /**
   * Deletes the files of {@code directory} no commit references. A writer keeps the files of
   * segments merged away while a near-real-time reader (a running search, a refresh) still uses
   * them, and deletes them when that reader closes — unless the writer has closed first; then they
   * stay, as a compaction measured: 492 MB on disk for a 300 MB partition. Opening a writer deletes
   * them (Lucene's file deleter); readers that still use them keep their open files. Caller holds
   * the partition's lock, with no writer open.
   */
  static void deleteUnreferenced(Directory directory) throws IOException {
    IndexWriterConfig config = new IndexWriterConfig(FieldMapping.analyzer())
        .setOpenMode(IndexWriterConfig.OpenMode.APPEND).setCommitOnClose(false);
    new IndexWriter(directory, config).rollback();
  }

  /** Bytes of the files in {@code directory} now; 0 once it is gone (dropped). */
  static long sizeBytes(Path directory) throws IOException {
    long total = 0;
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        try {
          total += Files.size(file);
        } catch (NoSuchFileException e) {
          // merged away while we looked
        }
      }
    } catch (NoSuchFileException e) {
      return 0; // dropped while we looked
    }
    return total;
  }
}
