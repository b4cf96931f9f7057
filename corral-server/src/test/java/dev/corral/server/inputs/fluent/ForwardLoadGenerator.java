package dev.corral.server.inputs.fluent;

import static dev.corral.server.inputs.fluent.Msgpack.pack;

import dev.corral.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.komamitsu.fluency.Fluency;
import org.komamitsu.fluency.fluentd.FluencyBuilderForFluentd;

/**
 * Throwaway load generator, run by hand (not part of the suite): starts a server in this JVM and
 * sends ~300-byte events over the forward protocol, then prints events/s until every chunk was
 * acked (durable) and until every event was searchable.
 *
 * <pre>
 * java -cp … dev.corral.server.inputs.fluent.ForwardLoadGenerator raw 1000000 4
 * java -cp … dev.corral.server.inputs.fluent.ForwardLoadGenerator fluency 1000000 4
 * </pre>
 * {@code raw}: PackedForward chunks of 1000 entries (built once; the event count is rounded up to
 * whole chunks) from N connections, each waiting for its ack
 * before sending the next chunk (as Fluent Bit and Fluentd do with acks on). {@code fluency}:
 * Fluency in ack-response mode emitting from N threads.
 */
public final class ForwardLoadGenerator {
  private static final int CHUNK_EVENTS = 1_000;

  private ForwardLoadGenerator() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "raw";
    int events = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    int senders = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    Path data = Files.createTempDirectory("corral-fluent-load");
    try (TestServer server = TestServer.start(data, Map.of("fluent.port", "0", "store.refresh_interval", "1s"))) {
      int port = server.server().inputPort("fluent");
      long started = System.nanoTime();
      if (mode.equals("fluency")) {
        fluency(port, events, senders);
      } else {
        raw(port, events, senders);
      }
      double acked = (System.nanoTime() - started) / 1e9;
      server.awaitTotal("*", events);
      double indexed = (System.nanoTime() - started) / 1e9;
      System.out.printf("mode=%s events=%d senders=%d acked_s=%.2f acked_events_per_s=%.0f indexed_s=%.2f "
          + "indexed_events_per_s=%.0f%n", mode, events, senders, acked, events / acked, indexed, events / indexed);
    }
  }

  private static Map<String, Object> record(int i) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("level", i % 10 == 0 ? "error" : "info");
    record.put("message", "GET /api/v1/orders/" + i + " completed with status 200 for user u-" + (i % 977));
    record.put("trace_id", String.format("%032x", i * 2654435761L));
    record.put("http", Map.of("method", "GET", "status_code", 200, "uri", "/api/v1/orders/" + i));
    record.put("performance", Map.of("duration_ms", i % 500));
    record.put("host", "web-" + (i % 16));
    return record;
  }

  private static void raw(int port, int events, int senders) throws Exception {
    AtomicLong next = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int s = 0; s < senders; s++) {
      threads.add(Thread.ofPlatform().start(() -> {
        try (ForwardClient client = new ForwardClient(port)) {
          // the payload is built once per sender so that the generator leaves the CPU to the server
          ByteArrayOutputStream entries = new ByteArrayOutputStream();
          long now = System.currentTimeMillis() / 1000;
          for (int i = 0; i < CHUNK_EVENTS; i++) {
            entries.writeBytes(pack(List.of(new Msgpack.EventTime(now, i), record(i))));
          }
          byte[] payload = entries.toByteArray();
          long first;
          while ((first = next.getAndAdd(CHUNK_EVENTS)) < events) {
            int count = CHUNK_EVENTS;
            String chunk = "chunk-" + first;
            client.send(pack(List.of("load.raw", payload, Map.of("chunk", chunk, "size", count))));
            if (!chunk.equals(client.answer().get("ack").replace("\"", ""))) {
              throw new IllegalStateException("wrong ack for " + chunk);
            }
          }
        } catch (Exception e) {
          throw new RuntimeException(e);
        }
      }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
  }

  private static void fluency(int port, int events, int senders) throws Exception {
    FluencyBuilderForFluentd builder = new FluencyBuilderForFluentd();
    builder.setAckResponseMode(true);
    builder.setFlushAttemptIntervalMillis(50);
    builder.setMaxBufferSize(256L << 20);
    try (Fluency fluency = builder.build("127.0.0.1", port)) {
      AtomicLong next = new AtomicLong();
      List<Thread> threads = new ArrayList<>();
      for (int s = 0; s < senders; s++) {
        threads.add(Thread.ofPlatform().start(() -> {
          try {
            long i;
            while ((i = next.getAndIncrement()) < events) {
              fluency.emit("load.fluency", record((int) i));
            }
          } catch (Exception e) {
            throw new RuntimeException(e);
          }
        }));
      }
      for (Thread thread : threads) {
        thread.join();
      }
      fluency.flush();
      if (!fluency.waitUntilAllBufferFlushed(600)) {
        throw new IllegalStateException("Fluency did not flush everything within 600 s");
      }
    }
  }
}
