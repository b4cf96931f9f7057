package dev.corral.bench.micro;

import dev.corral.model.EventBatch;
import dev.corral.model.LogEvent;
import java.util.List;
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
 * Ingest's step between decoding and the WAL: {@link EventBatch#encode} writing the decoded events
 * of one request as canonical NDJSON, the bytes that become the WAL record and each event's stored
 * source. One invocation encodes a request-sized batch of fleet events of every shape; JMH counts
 * each event as one operation, so ops/s is events/s per thread and {@code gc.alloc.rate.norm} is
 * bytes allocated per event.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BatchEncodeBenchmark {
  /** Events per batch: the bench's and a typical shipper's request size. */
  static final int BATCH = 1000;

  private List<LogEvent> events;

  @Setup(Level.Trial)
  public void setUp() {
    events = FleetSample.batch(BATCH).events();
  }

  /** The events encoded, for tests. */
  List<LogEvent> events() {
    return events;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public EventBatch encode() {
    return EventBatch.encode(events);
  }
}
