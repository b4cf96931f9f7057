package dev.corral.bench.micro;

import dev.corral.demo.FleetSimulator;
import dev.corral.model.EventBatch;
import dev.corral.model.LogEvent;
import dev.corral.model.normalize.EventDecoder;
import dev.corral.model.normalize.InvalidEventException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Benchmark input from the simulated shop fleet ({@link FleetSimulator}, fixed seed and start), so
 * every run measures the same bytes: raw lines of one {@link SampleShape}, or a decoded
 * {@link EventBatch} of all shapes mixed as the fleet emits them. Stateless and thread-safe.
 */
public final class FleetSample {
  /** Seed of the simulated fleet. */
  public static final long SEED = 1;
  /** Simulated start: fixed, so timestamps, and with them the bytes, are the same on every run. */
  public static final Instant START = Instant.parse("2026-01-15T00:00:00Z");
  /** Receive time handed to the decoder (events without a timestamp get it): the simulated start. */
  public static final long RECEIVED_AT_NANOS = START.getEpochSecond() * 1_000_000_000L;
  /** Most lines one sample may hold: far above what a benchmark cycles through, bounded in heap. */
  public static final int MAX_COUNT = 100_000;
  /**
   * Fleet lines simulated at most while collecting one shape: the rarest benchmarked shape (ECS,
   * two services of 25) is several percent of the lines, so this is ample for {@link #MAX_COUNT}.
   */
  static final int MAX_SIMULATED = 5_000_000;
  /** Lines per simulated second: high, so a step of simulated time yields many lines. */
  private static final double EVENTS_PER_SECOND = 20_000;
  private static final Duration STEP = Duration.ofSeconds(1);

  private FleetSample() {}

  /**
   * The first {@code count} lines of the fleet written in {@code shape}, each one JSON object
   * without a newline; for {@link SampleShape#CANONICAL}, the first {@code count} lines of any
   * shape, decoded and written back as canonical JSON.
   *
   * @throws IllegalArgumentException when count is not in 1..{@value #MAX_COUNT}
   */
  public static List<byte[]> lines(SampleShape shape, int count) {
    checkCount(count);
    if (shape == SampleShape.CANONICAL) {
      EventBatch batch = batch(count);
      List<byte[]> lines = new ArrayList<>(count);
      for (int i = 0; i < batch.size(); i++) {
        int start = batch.lineStart(i);
        lines.add(Arrays.copyOfRange(batch.source(), start, start + batch.lineLength(i)));
      }
      return lines;
    }
    return simulate(shape, count);
  }

  /**
   * The first {@code count} fleet lines of every shape, decoded with the default decoder and
   * encoded as one batch, as the server does before the WAL and the store see them.
   *
   * @throws IllegalArgumentException when count is not in 1..{@value #MAX_COUNT}
   */
  public static EventBatch batch(int count) {
    checkCount(count);
    EventDecoder decoder = EventDecoder.defaults();
    List<LogEvent> events = new ArrayList<>(count);
    for (byte[] line : simulate(SampleShape.CANONICAL, count)) {
      events.add(decode(decoder, line));
    }
    return EventBatch.encode(events);
  }

  /**
   * The first {@code count} fleet lines of every shape as the fleet writes them, one NDJSON body
   * (each line ending in a newline), as a shipper posts it.
   *
   * @throws IllegalArgumentException when count is not in 1..{@value #MAX_COUNT}
   */
  public static byte[] body(int count) {
    checkCount(count);
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    for (byte[] line : simulate(SampleShape.CANONICAL, count)) {
      body.writeBytes(line);
      body.write('\n');
    }
    return body.toByteArray();
  }

  /** Decodes one sample line; the fleet only writes valid events, so a failure is a bug. */
  static LogEvent decode(EventDecoder decoder, byte[] line) {
    try {
      return decoder.decode(line, 0, line.length, RECEIVED_AT_NANOS);
    } catch (InvalidEventException e) {
      throw new IllegalStateException("BUG: the simulated fleet wrote an event Corral rejects: " + e.getMessage(), e);
    }
  }

  private static List<byte[]> simulate(SampleShape shape, int count) {
    FleetSimulator fleet = new FleetSimulator(SEED, START, EVENTS_PER_SECOND);
    List<byte[]> lines = new ArrayList<>(count);
    Instant at = START;
    while (lines.size() < count) {
      if (fleet.eventsEmitted() > MAX_SIMULATED) {
        throw new IllegalStateException("BUG: only " + lines.size() + " " + shape + " lines in the first "
            + fleet.eventsEmitted() + " simulated events; wanted " + count);
      }
      at = at.plus(STEP);
      fleet.advanceTo(at, line -> {
        if (lines.size() < count && shape.matches(line)) {
          lines.add(line);
        }
      });
    }
    return lines;
  }

  private static void checkCount(int count) {
    if (count < 1 || count > MAX_COUNT) {
      throw new IllegalArgumentException("sample size (" + count + ") must be in 1.." + MAX_COUNT);
    }
  }
}
