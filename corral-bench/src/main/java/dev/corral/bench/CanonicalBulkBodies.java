package dev.corral.bench;

import dev.corral.model.CanonicalJson;
import dev.corral.model.normalize.EventDecoder;
import dev.corral.model.normalize.InvalidEventException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Turns the dataset's batch files into Elasticsearch/OpenSearch {@code _bulk} bodies, one body file
 * per batch: each line decoded and normalized by Corral's own {@link EventDecoder} and written as
 * its canonical JSON after a {@code {"create":{}}} action line. So OpenSearch receives the same
 * events Corral stores, already normalized — the work Logstash or an ingest pipeline would do
 * upstream of it, done here before its clock starts. Lines Corral would reject are left out and
 * counted. Not thread-safe; run once before ingest.
 */
public final class CanonicalBulkBodies {
  /** The action line of every document: create with an auto-generated id (append-only, as log shippers do). */
  static final byte[] CREATE_ACTION = "{\"create\":{}}\n".getBytes(StandardCharsets.UTF_8);
  private static final int BUFFER_BYTES = 1 << 16;
  /** Body files are named {@code bulk-0000000.ndjson}, … in the order of the dataset's batches. */
  private static final String PREFIX = "bulk-";

  /**
   * The written bodies.
   *
   * @param bodies one file per dataset batch, in the same order ({@link NumberedFiles}: not copied)
   * @param events documents over all bodies
   * @param undecodable dataset lines that Corral's decoder refused, not in any body
   * @param bytes size of all bodies, action lines included
   */
  public record Bodies(List<Path> bodies, long events, long undecodable, long bytes) {
    public Bodies {
      bodies = NumberedFiles.isView(bodies) ? bodies : List.copyOf(bodies);
    }
  }

  private CanonicalBulkBodies() {}

  /** Writes a {@code _bulk} body for every batch of {@code dataset} into {@code directory}. */
  public static Bodies write(Dataset dataset, Path directory) throws IOException {
    Files.createDirectories(directory);
    EventDecoder decoder = EventDecoder.defaults();
    long receivedAt = ChronoUnit.NANOS.between(Instant.EPOCH, Instant.now());
    int count = 0;
    long events = 0;
    long undecodable = 0;
    long written = 0;
    for (Path batch : dataset.batches()) {
      Path body = directory.resolve(NumberedFiles.name(PREFIX, count));
      byte[] bytes = Files.readAllBytes(batch);
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(body), BUFFER_BYTES)) {
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
          if (i < bytes.length && bytes[i] != '\n') {
            continue;
          }
          if (i > start) {
            try {
              byte[] canonical = CanonicalJson.toBytes(decoder.decode(bytes, start, i - start, receivedAt));
              out.write(CREATE_ACTION);
              out.write(canonical);
              out.write('\n');
              events++;
            } catch (InvalidEventException e) {
              undecodable++;
            }
          }
          start = i + 1;
        }
      }
      count++;
      written += Files.size(body);
    }
    return new Bodies(new NumberedFiles(directory, PREFIX, count).asList(), events, undecodable, written);
  }
}
