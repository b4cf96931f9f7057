package dev.corral.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streams NDJSON lines into numbered batch files of at most {@code batchSize} lines each, so a
 * dataset never sits in memory, and keeps a uniform sample of the trace ids it sees (reservoir
 * sampling with a fixed seed, so the sample is deterministic). Not thread-safe.
 */
public final class BatchFileWriter implements AutoCloseable {
  /** Trace ids sampled for lookups: enough for stable percentiles over 20 runs, cheap to hold. */
  public static final int TRACE_ID_SAMPLE = 50;
  private static final Pattern TRACE_ID = Pattern.compile("\"trace_id\":\"([^\"]+)\"");
  private static final int BUFFER_BYTES = 1 << 16;

  private final Path directory;
  private final int batchSize;
  /** Batch files written so far; their names are {@link NumberedFiles}', so only the count is kept. */
  private int batches;
  private final List<String> traceIds = new ArrayList<>();
  private final Random sampler = new Random(42);
  private long tracesSeen;
  private long events;
  private long bytes;
  private int inBatch;
  private OutputStream out;

  /** Batch files are named {@code batch-0000000.ndjson}, {@code batch-0000001.ndjson}, … */
  static final String PREFIX = "batch-";

  public BatchFileWriter(Path directory, int batchSize) throws IOException {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size (" + batchSize + ") must be >= 1");
    }
    this.directory = Files.createDirectories(directory);
    this.batchSize = batchSize;
  }

  /** Appends one JSON line (without its newline); starts a new batch file when the current one is full. */
  public void write(byte[] line) {
    try {
      if (out == null || inBatch == batchSize) {
        roll();
      }
      out.write(line);
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write batch file in " + directory, e);
    }
    inBatch++;
    events++;
    bytes += line.length + 1;
    sampleTraceId(line);
  }

  public long events() {
    return events;
  }

  /** Closes the last batch file and describes what was written as the dataset {@code name}. */
  public Dataset finish(String name) throws IOException {
    close();
    return new Dataset(name, new NumberedFiles(directory, PREFIX, batches).asList(), events, bytes, traceIds);
  }

  @Override
  public void close() throws IOException {
    if (out != null) {
      out.close();
      out = null;
    }
  }

  private void roll() throws IOException {
    close();
    Path file = directory.resolve(NumberedFiles.name(PREFIX, batches));
    out = new BufferedOutputStream(Files.newOutputStream(file), BUFFER_BYTES);
    batches++;
    inBatch = 0;
  }

  private void sampleTraceId(byte[] line) {
    Matcher m = TRACE_ID.matcher(new String(line, StandardCharsets.UTF_8));
    if (!m.find()) {
      return;
    }
    tracesSeen++;
    if (traceIds.size() < TRACE_ID_SAMPLE) {
      traceIds.add(m.group(1));
    } else {
      long slot = (long) (sampler.nextDouble() * tracesSeen);
      if (slot < TRACE_ID_SAMPLE) {
        traceIds.set((int) slot, m.group(1));
      }
    }
  }
}
