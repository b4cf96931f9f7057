package dev.corral.bench.micro;

import dev.corral.model.normalize.DecodedBody;
import dev.corral.model.normalize.EventDecoder;
import dev.corral.model.normalize.IngestBody;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Ingest's first step as a request sees it: {@link IngestBody#decode} of one NDJSON body of fleet
 * lines of every shape (line splitting, decoding, normalizing, collecting). One invocation decodes
 * a request-sized body; JMH counts each line as one operation, so ops/s is events/s per thread and
 * {@code gc.alloc.rate.norm} is bytes allocated per event. {@link DecodeBenchmark} measures one
 * line at a time, per shape.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class IngestBodyBenchmark {
  /** Lines per body: the bench's and a typical shipper's request size. */
  static final int LINES = 1000;

  private IngestBody decoder;
  private byte[] body;

  @Setup(Level.Trial)
  public void setUp() {
    decoder = new IngestBody(EventDecoder.defaults());
    body = FleetSample.body(LINES);
  }

  /** The request body, for tests. */
  byte[] body() {
    return body;
  }

  @Benchmark
  @OperationsPerInvocation(LINES)
  public DecodedBody decode() {
    return decoder.decode(body, body.length, FleetSample.RECEIVED_AT_NANOS);
  }
}
