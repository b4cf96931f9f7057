package dev.corral.bench;

import dev.corral.demo.FleetSimulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Writes a benchmark dataset as batch files: either events of the simulated shop fleet
 * ({@link FleetSimulator}, deterministic for a seed and end instant) spread over a window that ends
 * at a given instant, or the lines of an existing NDJSON file.
 */
public final class DatasetGenerator {
  /** Simulated events span this window before the end, so "last hour" queries find a share of them. */
  public static final Duration WINDOW = Duration.ofHours(3);
  /**
   * Rate headroom so the requested count is reached just before the window ends despite rate
   * jitter; small, so the newest events are only minutes old and "last 15 minutes" queries match.
   * Should the count still fall short at the end, simulation simply continues a little past it.
   */
  private static final double RATE_HEADROOM = 1.02;
  private static final Duration STEP = Duration.ofSeconds(1);

  private DatasetGenerator() {}

  /** Simulates exactly {@code events} fleet events whose timestamps fall in the window before {@code end}. */
  public static Dataset simulate(long seed, Instant end, long events, int batchSize, Path directory) throws IOException {
    double rate = Math.max(1.0, events * RATE_HEADROOM / WINDOW.toSeconds());
    Instant start = end.minus(WINDOW);
    FleetSimulator fleet = new FleetSimulator(seed, start, rate);
    try (BatchFileWriter writer = new BatchFileWriter(directory, batchSize)) {
      Instant at = start;
      while (writer.events() < events) {
        at = at.plus(STEP);
        fleet.advanceTo(at, line -> {
          if (writer.events() < events) {
            writer.write(line);
          }
        });
      }
      return writer.finish();
    }
  }

  /** Splits an existing NDJSON file into batch files, skipping blank lines. */
  public static Dataset replay(Path ndjson, int batchSize, Path directory) throws IOException {
    try (BatchFileWriter writer = new BatchFileWriter(directory, batchSize);
         BufferedReader in = Files.newBufferedReader(ndjson, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isBlank()) {
          writer.write(line.getBytes(StandardCharsets.UTF_8));
        }
      }
      return writer.finish();
    }
  }
}
