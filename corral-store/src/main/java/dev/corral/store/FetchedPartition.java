package dev.corral.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Objects;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;

/**
 * A day partition opened read-only from a directory outside the store (an archived day fetched into
 * the archive's cache), for {@link StoreSearcher#query(dev.corral.store.search.QueryRequest,
 * java.util.List)} to search beside the store's own partitions. It opens the directory's last Lucene
 * commit and never writes to it: no writer, no lock, no commit, no merge.
 *
 * <p>Lifetime: the caller opens it for one query (or several), keeps the directory's files while it
 * is open, and closes it once; closing twice is harmless. Thread-safe for concurrent searches.
 */
public final class FetchedPartition implements Closeable {
  private final LocalDate day;
  private final Directory directory;
  private final DirectoryReader reader;

  private FetchedPartition(LocalDate day, Directory directory, DirectoryReader reader) {
    this.day = day;
    this.directory = directory;
    this.reader = reader;
  }

  /**
   * Opens the last commit in {@code path} as the partition of {@code day}.
   *
   * @throws IOException naming {@code path} when it holds no Lucene commit or the commit cannot be read
   */
  public static FetchedPartition open(LocalDate day, Path path) throws IOException {
    Objects.requireNonNull(day, "day");
    Directory directory = FSDirectory.open(path);
    try {
      return new FetchedPartition(day, directory, DirectoryReader.open(directory));
    } catch (IndexNotFoundException e) {
      IOUtils.closeWhileHandlingException(directory);
      throw new IOException("no Lucene commit in " + path + " (fetched partition of " + day + ")", e);
    } catch (IOException | RuntimeException e) {
      IOUtils.closeWhileHandlingException(directory);
      throw new IOException("cannot open the fetched partition of " + day + " in " + path + ": " + e.getMessage(), e);
    }
  }

  /** The partition's UTC day. */
  public LocalDate day() {
    return day;
  }

  /** Events in the opened commit. */
  public long events() {
    return reader.numDocs();
  }

  DirectoryReader reader() {
    return reader;
  }

  @Override
  public void close() throws IOException {
    IOUtils.close(reader, directory);
  }
}
