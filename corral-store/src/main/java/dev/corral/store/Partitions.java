package dev.corral.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import org.apache.lucene.util.IOUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily partitions of a store directory, by day. Existing ones are opened at startup; a day's
 * partition is created on its first event and leaves when {@link #drop dropped}. Thread-safe.
 */
final class Partitions {
  /** Logs under the store's name: operators follow one logger for the store. */
  private static final Logger log = LoggerFactory.getLogger(LogStore.class);

  private final Path root;
  private final PartitionContext context;
  private final PartitionFiles files;
  private final ConcurrentNavigableMap<LocalDate, DailyPartition> byDay = new ConcurrentSkipListMap<>();

  private Partitions(Path root, PartitionContext context) {
    this.root = root;
    this.context = context;
    this.files = new PartitionFiles(root);
  }

  /**
   * Opens every {@code YYYY-MM-DD} directory under {@code root}, reading each last commit's metadata
   * and field names only: readers and writers open on demand, within the caps of {@code context}.
   * First deletes the tombstones of partitions dropped before a crash ({@link PartitionFiles}).
   */
  static Partitions open(Path root, PartitionContext context) throws IOException {
    Files.createDirectories(root);
    int tombstones = PartitionFiles.deleteTombstones(root);
    if (tombstones > 0) {
      log.atInfo().addKeyValue("directory", root).addKeyValue("tombstones", tombstones)
          .log("deleted partitions dropped before a crash");
    }
    Partitions partitions = new Partitions(root, context);
    try (Stream<Path> children = Files.list(root)) {
      for (Path child : (Iterable<Path>) children::iterator) {
        LocalDate day = parseDay(child);
        if (day != null) {
          partitions.byDay.put(day, DailyPartition.open(root, day, context));
        }
      }
    } catch (IOException | RuntimeException e) {
      IOUtils.closeWhileHandlingException(partitions.byDay.values());
      throw e;
    }
    return partitions;
  }

  private static LocalDate parseDay(Path child) {
    String name = child.getFileName().toString();
    if (name.length() != 10 || !Files.isDirectory(child)) {
      return null;
    }
    try {
      return LocalDate.parse(name);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The partition of {@code day}, created if absent. */
  DailyPartition getOrCreate(LocalDate day) throws IOException {
    DailyPartition partition = byDay.get(day);
    if (partition != null) {
      return partition;
    }
    synchronized (this) { // the skip-list map's computeIfAbsent may run its function twice
      partition = byDay.get(day);
      if (partition == null) {
        partition = DailyPartition.open(root, day, context);
        byDay.put(day, partition);
      }
      return partition;
    }
  }

  /** The partition of {@code day}, or null when there is none. */
  DailyPartition get(LocalDate day) {
    return byDay.get(day);
  }

  /** Every partition, newest day first. */
  Collection<DailyPartition> newestFirst() {
    return byDay.descendingMap().values();
  }

  /** Partitions whose day overlaps {@code [fromNanos, toNanos]}, newest day first. */
  List<DailyPartition> overlapping(long fromNanos, long toNanos) {
    LocalDate first = DayBounds.dayOf(fromNanos);
    LocalDate last = DayBounds.dayOf(toNanos);
    return new ArrayList<>(byDay.subMap(first, true, last, true).descendingMap().values());
  }

  /**
   * Takes {@code partition} out (from now on its day has no partition until an event creates a new
   * one) and drops it ({@link DailyPartition#drop}). Caller holds the commit-round lock and the write
   * side of the apply lock: no record is being applied to it.
   *
   * @return whether its files are deleted already (else when the last query holding it releases it)
   */
  boolean drop(DailyPartition partition) throws IOException {
    if (byDay.get(partition.day()) != partition) {
      throw new IllegalStateException("BUG: " + partition + " is not the store's partition of its day");
    }
    boolean deleted = partition.drop(files);
    byDay.remove(partition.day(), partition);
    return deleted;
  }

  /** The event field names of every partition, learnt per reader refresh. */
  FieldNameCache fieldNames() {
    return context.fieldNames();
  }

  /** The open-writer registry and cap shared by the partitions. */
  WriterSlots writerSlots() {
    return context.writers();
  }

  /** The open-reader registry and cap shared by the partitions. */
  ReaderSlots readerSlots() {
    return context.readers();
  }

  void close() throws IOException {
    IOUtils.close(byDay.values());
  }

  void rollbackAndClose() throws IOException {
    for (DailyPartition partition : byDay.values()) {
      partition.rollbackAndClose();
    }
  }
}
