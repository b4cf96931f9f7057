package dev.corral.store;

import dev.corral.model.FieldNames;
import dev.corral.store.index.FieldMapping;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IOUtils;

/**
 * The files of one Lucene commit of a day partition, held apart from the partition until {@link
 * #close()}: a consistent copy to upload (the archive) while the day goes on living — late events
 * commit, a compaction rewrites it, retention drops it.
 *
 * <p>How the files are held: {@link PartitionLifecycle#snapshot} hard-links the last commit's files
 * into a directory of the caller's choosing, under the commit-round lock (no commit meanwhile, so
 * the commit's files are all on disk) on the compactor thread (no compaction or drop meanwhile).
 * Lucene never rewrites a file, so a link is the file as committed; a later commit, merge or drop
 * deletes the partition's names, not the linked data. This stands in for a {@code
 * SnapshotDeletionPolicy}, which would hold files only while one writer stays open, where
 * partitions open and close writers on demand. The snapshot directory must be on the partitions'
 * file system (links); the {@link #close()} deletes it.
 *
 * <p>Not thread-safe: one owner reads it and closes it.
 *
 * @see PartitionLifecycle#snapshot
 */
public final class PartitionSnapshot implements Closeable {
  private final Path directory;
  private final Info info;
  private final List<Path> files;

  /**
   * What a snapshot holds, read from its own files.
   *
   * @param day the partition's UTC day
   * @param generation the Lucene commit generation ({@code segments_N}); a later commit of the day has a higher one
   * @param tier the tier recorded in the commit
   * @param events events in the commit (deleted documents not counted)
   * @param firstEvent the earliest event's timestamp, empty when there is none
   * @param lastEvent the latest event's timestamp, empty when there is none
   * @param services the distinct {@code service} values, sorted
   */
  public record Info(LocalDate day, long generation, Tier tier, long events, Optional<Instant> firstEvent,
      Optional<Instant> lastEvent, List<String> services) {
    public Info {
      services = List.copyOf(services);
    }
  }

  private PartitionSnapshot(Path directory, Info info, List<Path> files) {
    this.directory = directory;
    this.info = info;
    this.files = List.copyOf(files);
  }

  /**
   * Links the last commit of {@code partition} into {@code into} (emptied first) and reads its
   * info. Caller: {@link PartitionLifecycle#snapshot}, on the compactor thread.
   */
  static PartitionSnapshot take(DailyPartition partition, CommitRound commitRound, Path into) throws IOException {
    IOUtils.rm(into);
    Files.createDirectories(into);
    try {
      List<Path> files = commitRound.betweenCommits(position -> link(partition, into));
      return new PartitionSnapshot(into, readInfo(partition.day(), into), files);
    } catch (IOException | RuntimeException e) {
      IOUtils.rm(into);
      throw e;
    }
  }

  /**
   * A snapshot of a commit already in {@code directory} (a copy the store does not hold, see
   * {@link ArchivedCopyDeletion}); its close deletes the directory.
   */
  static PartitionSnapshot ofCommit(LocalDate day, Path directory, List<Path> files) throws IOException {
    return new PartitionSnapshot(directory, readInfo(day, directory), files);
  }

  private static List<Path> link(DailyPartition partition, Path into) throws IOException {
    Path source = partition.path();
    SegmentInfos commit;
    try (Directory directory = FSDirectory.open(source)) {
      if (!DirectoryReader.indexExists(directory)) {
        throw new StoreException("the partition of " + partition.day() + " has no commit yet: nothing to snapshot");
      }
      commit = SegmentInfos.readLatestCommit(directory);
    }
    List<Path> linked = new ArrayList<>();
    for (String name : new TreeSet<>(commit.files(true))) {
      Path link = into.resolve(name);
      try {
        Files.createLink(link, source.resolve(name));
      } catch (FileSystemException | UnsupportedOperationException e) {
        throw new StoreException("cannot hard-link " + source.resolve(name) + " to " + link + " for a snapshot of "
            + partition.day() + " (" + e + "); the snapshot directory must be on the partitions' file system", e);
      }
      linked.add(link);
    }
    return linked;
  }

  private static Info readInfo(LocalDate day, Path directory) throws IOException {
    try (Directory dir = FSDirectory.open(directory); DirectoryReader reader = DirectoryReader.open(dir)) {
      SegmentInfos commit = reader.getIndexCommit() == null ? null : SegmentInfos.readLatestCommit(dir);
      long generation = commit == null ? 0 : commit.getGeneration();
      Tier tier = commit == null ? Tier.HOT : PartitionCommitData.read(commit.getUserData()).tier();
      byte[] min = PointValues.getMinPackedValue(reader, FieldMapping.TIMESTAMP);
      byte[] max = PointValues.getMaxPackedValue(reader, FieldMapping.TIMESTAMP);
      return new Info(day, generation, tier, reader.numDocs(),
          Optional.ofNullable(min).map(bytes -> instantOfNanos(LongPoint.decodeDimension(bytes, 0))),
          Optional.ofNullable(max).map(bytes -> instantOfNanos(LongPoint.decodeDimension(bytes, 0))),
          services(reader));
    }
  }

  private static Instant instantOfNanos(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }

  private static List<String> services(DirectoryReader reader) throws IOException {
    List<String> services = new ArrayList<>();
    Terms terms = MultiTerms.getTerms(reader, FieldMapping.keyword(FieldNames.SERVICE));
    if (terms != null) {
      TermsEnum values = terms.iterator();
      for (BytesRef value = values.next(); value != null; value = values.next()) {
        services.add(value.utf8ToString());
      }
    }
    return services;
  }

  /** What the snapshot holds. */
  public Info info() {
    return info;
  }

  /** The commit's files (sorted by name, {@code segments_N} among them), readable until {@link #close()}. */
  public List<Path> files() {
    return files;
  }

  /** Deletes the snapshot's links; the partition's own files are untouched. Idempotent. */
  @Override
  public void close() throws IOException {
    IOUtils.rm(directory);
  }
}
