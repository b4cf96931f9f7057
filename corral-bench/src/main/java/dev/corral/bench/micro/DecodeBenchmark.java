package dev.corral.bench.micro;

import dev.corral.model.LogEvent;
import dev.corral.model.normalize.EventDecoder;
import dev.corral.model.normalize.InvalidEventException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Ingest's first step: one JSON event of the simulated fleet decoded by {@link EventDecoder} (Jackson
 * streaming, flattening, limits) and normalized to a canonical event (aliases, timestamp, level,
 * message), per {@link SampleShape}. One operation is one event, so ops/s is events/s per thread;
 * the {@code bytes} counter is the raw JSON bytes decoded per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecodeBenchmark {
  /**
   * Distinct events cycled through (a power of two, for a mask): enough services, messages and
   * stack traces that the branch predictor and caches see variety, as on a real ingest path.
   */
  static final int SAMPLE = 1024;

  /** Raw JSON bytes decoded, reported by JMH as a rate next to the events/s. */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class DecodedBytes {
    public long bytes;

    @Setup(Level.Iteration)
    public void reset() {
      bytes = 0;
    }
  }

  /** The input shape; JMH runs every shape unless {@code -p shape=…} picks some. */
  @Param
  public SampleShape shape;

  private EventDecoder decoder;
  private byte[][] lines;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    decoder = EventDecoder.defaults();
    List<byte[]> sample = FleetSample.lines(shape, SAMPLE);
    lines = sample.toArray(new byte[0][]);
  }

  /** The sample lines, for tests. */
  List<byte[]> lines() {
    return List.of(lines);
  }

  @Benchmark
  public LogEvent decode(DecodedBytes counter) throws InvalidEventException {
    byte[] line = lines[next++ & (SAMPLE - 1)];
    counter.bytes += line.length;
    return decoder.decode(line, 0, line.length, FleetSample.RECEIVED_AT_NANOS);
  }
}
