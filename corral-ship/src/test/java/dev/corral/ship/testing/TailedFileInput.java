package dev.corral.ship.testing;

import dev.corral.ship.Input;
import dev.corral.ship.RecordSink;
import dev.corral.ship.ShipRecord;
import dev.corral.ship.Source;
import dev.corral.ship.SourceStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A test input standing in for the real file input (on its own branch): follows one file of JSON lines (no
 * rotation), hands each complete line to the sink with the byte offset past it, and persists the acknowledged
 * offset durably (temp file, fsync, atomic rename) in {@code <registry>/<file name>.offset}; {@link #run} resumes
 * from there. Enough to test delivery's at-least-once contract end to end, kill -9 included.
 */
public final class TailedFileInput implements Input {
  /** How often the end of the file is polled for growth. */
  private static final long POLL_MILLIS = 20;
  private final Path file;
  private final String pipeline;
  private final FileSource source;
  private volatile boolean closed;
  private volatile long read;

  /** Follows {@code file}; its records name the server pipeline {@code pipeline} (null: none). */
  public TailedFileInput(Path file, Path registryDir, String pipeline) {
    this.file = file;
    this.pipeline = pipeline;
    this.source = new FileSource(file.toString(), registryDir.resolve(file.getFileName() + ".offset"));
  }

  @Override
  public String name() {
    return file.getFileName().toString();
  }

  @Override
  public void run(RecordSink sink) throws InterruptedException, IOException {
    long offset = source.persisted();
    read = offset;
    byte[] chunk = new byte[1 << 16];
    while (!closed) {
      if (!Files.exists(file)) {
        Thread.sleep(POLL_MILLIS);
        continue;
      }
      try (InputStream in = Files.newInputStream(file)) {
        in.skipNBytes(offset);
        int filled = 0;
        while (!closed) {
          int n = in.read(chunk, filled, chunk.length - filled);
          if (n < 0) {
            break;
          }
          filled += n;
          int start = 0;
          for (int i = start; i < filled; i++) {
            if (chunk[i] == '\n') {
              offset += i + 1 - start;
              sink.accept(new ShipRecord(new String(chunk, start, i - start, StandardCharsets.UTF_8), source, offset,
                  pipeline));
              read = offset;
              start = i + 1;
            }
          }
          System.arraycopy(chunk, start, chunk, 0, filled - start);
          filled -= start;
          if (filled == chunk.length) {
            chunk = java.util.Arrays.copyOf(chunk, chunk.length * 2);
          }
        }
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  @Override
  public List<SourceStatus> status() {
    long size;
    try {
      size = Files.exists(file) ? Files.size(file) : -1;
    } catch (IOException e) {
      size = -1;
    }
    return List.of(new SourceStatus(source.id(), read, source.acknowledged, size, !closed));
  }

  @Override
  public void close() {
    closed = true;
  }

  /** The file as a source: acknowledgements persisted to its offset file. */
  private static final class FileSource implements Source {
    private final String id;
    private final Path offsetFile;
    private volatile long acknowledged;

    FileSource(String id, Path offsetFile) {
      this.id = id;
      this.offsetFile = offsetFile;
    }

    long persisted() throws IOException {
      acknowledged = Files.exists(offsetFile) ? Long.parseLong(Files.readString(offsetFile).trim()) : 0;
      return acknowledged;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public synchronized void acknowledged(long offset) {
      if (offset < acknowledged) {
        throw new IllegalStateException("BUG: acknowledged " + offset + " after " + acknowledged + " for " + id);
      }
      Path temp = offsetFile.resolveSibling(offsetFile.getFileName() + ".tmp");
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        channel.write(ByteBuffer.wrap(Long.toString(offset).getBytes(StandardCharsets.US_ASCII)));
        channel.force(true);
        Files.move(temp, offsetFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException("could not persist offset " + offset + " of " + id, e);
      }
      acknowledged = offset;
    }
  }
}
