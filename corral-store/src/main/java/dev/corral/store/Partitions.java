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

/**
 * The daily partitions of a store directory, by day. Existing ones are opened at startup; a day's
 * partition is created on its first event. Thread-safe.
 */
final class Partitions {
  private final Path root;
  private final PartitionContext context;
  private final ConcurrentNavigableMap<LocalDate, DailyPartition> byDay = new ConcurrentSkipListMap<>();

  private Partitions(Path root, PartitionContext context) {
    this.root = root;
    this.context = context;
  }

  /**
   * Opens every {@code YYYY-MM-DD} directory under {@code root}, reading each last commit's metadata
   * only: readers and writers open on demand, within the caps of {@code context}.
   */
  static Partitions open(Path root, PartitionContext context) throws IOException {
    Files.createDirectories(root);
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
