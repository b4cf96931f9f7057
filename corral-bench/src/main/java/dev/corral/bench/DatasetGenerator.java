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
 * Writes a benchmark dataset as batch files: events of the simulated shop fleet ({@link FleetSimulator},
 * the {@code fleet} dataset) or id-heavy events ({@link RandomIdEvents}, the {@code ids} dataset), both
 * deterministic for a seed and end instant and spread over a window that ends at that instant, or the
 * lines of an existing NDJSON file. Every way streams: no event is kept after it is written.
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

  /** The simulated shop fleet's events ({@link #simulate}), about 610 bytes each. */
  public static final String FLEET = "fleet";
  /** Id-heavy events ({@link #simulateIds}), about 370 bytes each. */
  public static final String IDS = "ids";
  /** The name of a replayed file's dataset ({@link #replay}). */
  public static final String FILE = "file";

  private DatasetGenerator() {}

  /** Writes the dataset named {@code name} ({@value #FLEET} or {@value #IDS}). */
  public static Dataset generate(String name, long seed, Instant end, long events, int batchSize, Path directory)
      throws IOException {
    return switch (name) {
      case FLEET -> simulate(seed, end, events, batchSize, directory);
      case IDS -> simulateIds(seed, end, events, batchSize, directory);
      default -> throw new IllegalArgumentException("--dataset: unknown dataset " + name + " (" + FLEET + ", " + IDS + ")");
    };
  }

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
      return writer.finish(FLEET);
    }
  }

  /** Writes exactly {@code events} id-heavy events ({@link RandomIdEvents}) whose timestamps fall in the window before {@code end}. */
  public static Dataset simulateIds(long seed, Instant end, long events, int batchSize, Path directory)
      throws IOException {
    RandomIdEvents generator = new RandomIdEvents(seed, end, events);
    try (BatchFileWriter writer = new BatchFileWriter(directory, batchSize)) {
      while (generator.hasNext()) {
        writer.write(generator.next());
      }
      return writer.finish(IDS);
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
      return writer.finish(FILE);
    }
  }
}
