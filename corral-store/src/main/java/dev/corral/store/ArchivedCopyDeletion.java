package dev.corral.store;

import dev.corral.query.resolve.FilterResolver;
import dev.corral.store.query.LuceneQueryBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SerialMergeScheduler;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Deletion by query in a copy of a warm day partition that the store does not hold — an archived
 * day downloaded for an erasure (docs/operations.md, "Erasure"): count the matches; none, and
 * nothing is written; else delete them, merge the day into one segment again (which drops their
 * bytes, as {@link PartitionDeletion} does for a held partition) and commit, keeping the commit's
 * user data (the tier). The result is a {@link PartitionSnapshot} of the new commit, whose
 * generation is higher than the copy's, ready to upload as the day's next generation.
 *
 * <p>Not thread-safe: one caller owns the directory; the returned snapshot's close deletes it.
 */
public final class ArchivedCopyDeletion {
  /** Indexing buffer of the writer: it only deletes and merges, so little is buffered. */
  private static final int RAM_BUFFER_MB = 16;

  private ArchivedCopyDeletion() {}

  /**
   * What the deletion did.
   *
   * @param deletedEvents events the filter matched, now gone from the copy (0: nothing written)
   * @param snapshot the copy's last commit (the new one when events were deleted); its close deletes the directory
   */
  public record Outcome(long deletedEvents, PartitionSnapshot snapshot) {}

  /**
   * Deletes the events of the copy in {@code directory} (a whole Lucene commit of {@code day}) that
   * {@code filter} matches, resolved against {@code now} like a query's.
   *
   * @throws IOException when the copy cannot be read or written
   */
  public static Outcome deleteMatching(Path directory, LocalDate day, dev.corral.query.ast.Query filter, Instant now)
      throws IOException {
    Query query = LuceneQueryBuilder.build(FilterResolver.resolve(filter, now));
    long matching;
    try (Directory dir = FSDirectory.open(directory); DirectoryReader reader = DirectoryReader.open(dir)) {
      matching = new IndexSearcher(reader).count(query);
    }
    if (matching > 0) {
      IndexWriterConfig config = PartitionWriterConfig.forTier(Tier.WARM, RAM_BUFFER_MB)
          .setOpenMode(IndexWriterConfig.OpenMode.APPEND).setMergeScheduler(new SerialMergeScheduler());
      try (Directory dir = FSDirectory.open(directory); IndexWriter writer = new IndexWriter(dir, config)) {
        writer.deleteDocuments(query);
        writer.forceMerge(1);
        writer.commit();
      }
    }
    return new Outcome(matching, PartitionSnapshot.ofCommit(day, directory, commitFiles(directory)));
  }

  /** The files of the directory's last commit, sorted; the files of older commits deleted. */
  private static List<Path> commitFiles(Path directory) throws IOException {
    TreeSet<String> names;
    try (Directory dir = FSDirectory.open(directory)) {
      names = new TreeSet<>(SegmentInfos.readLatestCommit(dir).files(true));
    }
    List<Path> files = new ArrayList<>();
    try (var listing = Files.list(directory)) {
      for (Path file : (Iterable<Path>) listing::iterator) {
        if (!names.contains(file.getFileName().toString()) && !file.getFileName().toString().equals("write.lock")) {
          Files.delete(file);
        }
      }
    }
    for (String name : names) {
      files.add(directory.resolve(name));
    }
    return files;
  }
}
