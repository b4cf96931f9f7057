package dev.corral.server.inputs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.OperatingSystemMXBean;
import dev.corral.server.KafkaTopics;
import dev.corral.server.TestServer;
import dev.corral.testkafka.KafkaTestBroker;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * On demand ({@code -Dcorral.perf=true}): events per second and CPU per event through Kafka → Corral → the local
 * store, against direct HTTP ingest into Corral in the same sitting, with the same events. The events are produced
 * before the server starts (one event per record, as {@code corral ship}'s Kafka output writes them), so the figure
 * is Corral's consuming rate, not the producer's. Size: {@code -Dcorral.kafka.events} (default 300,000).
 * <pre>{@code
 * ./mvnw -pl corral-server -am test -Dcorral.perf=true -Dtest=KafkaThroughputTest -Dsurefire.failIfNoSpecifiedTests=false
 * }</pre>
 */
@EnabledIfSystemProperty(named = "corral.perf", matches = "true")
class KafkaThroughputTest {
  private static final int EVENTS = Integer.getInteger("corral.kafka.events", 300_000);
  private static final int PARTITIONS = 6;
  private static final int HTTP_BATCH = 1_000;
  private static final int HTTP_CLIENTS = 4;

  @Test
  void kafkaAgainstHttpIngest(@TempDir Path tmp) throws Exception {
    try (KafkaTestBroker broker = KafkaTestBroker.start(tmp.resolve("broker"));
        KafkaTopics topics = new KafkaTopics(broker.bootstrapServers())) {
      topics.create("perf", PARTITIONS);
      for (int i = 0; i < EVENTS; i++) {
        topics.sendAsync("perf", "svc-" + (i % 20), event(i));
      }
      topics.flush();
      Measured kafka;
      try (TestServer server = TestServer.start(tmp.resolve("kafka-data"), Map.of("kafka.bootstrap_servers",
          broker.bootstrapServers(), "kafka.topics", "perf", "kafka.group_id", "perf"))) {
        kafka = measure(server, () -> { });
      }
      Measured http;
      try (TestServer server = TestServer.start(tmp.resolve("http-data"), Map.of())) {
        http = measure(server, () -> sendOverHttp(server.uri("/api/v1/ingest")));
      }
      System.out.printf("KafkaThroughputTest: %d events, %d partitions%n", EVENTS, PARTITIONS);
      System.out.printf("  Kafka -> Corral -> local store: %,.0f events/s, %.1f CPU s per million events%n",
          kafka.eventsPerSecond(), kafka.cpuSecondsPerMillion());
      System.out.printf("  HTTP (%d clients, %d-event NDJSON) -> Corral -> local store: %,.0f events/s, %.1f CPU s per "
          + "million events%n", HTTP_CLIENTS, HTTP_BATCH, http.eventsPerSecond(), http.cpuSecondsPerMillion());
      assertThat(kafka.eventsPerSecond()).isPositive();
    }
  }

  private record Measured(double eventsPerSecond, double cpuSecondsPerMillion) {}

  private static Measured measure(TestServer server, Runnable send) throws InterruptedException {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long start = System.nanoTime();
    Thread sender = Thread.ofVirtual().start(send);
    while (server.search("service:perf-*").path("total").asLong() < EVENTS) {
      Thread.sleep(100);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    sender.join();
    double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
    return new Measured(EVENTS / seconds, cpu / EVENTS * 1e6);
  }

  private static String event(int i) {
    return "{\"service\":\"perf-" + (i % 20) + "\",\"level\":\"" + (i % 10 == 0 ? "ERROR" : "INFO")
        + "\",\"message\":\"GET /api/orders/" + i + " answered in " + (i % 500) + " ms\",\"trace_id\":\"t" + i
        + "\",\"http.status_code\":" + (i % 10 == 0 ? 500 : 200) + "}";
  }

  private static void sendOverHttp(URI ingest) {
    HttpClient http = HttpClient.newHttpClient();
    AtomicInteger next = new AtomicInteger();
    List<Thread> clients = new ArrayList<>();
    for (int c = 0; c < HTTP_CLIENTS; c++) {
      clients.add(Thread.ofVirtual().start(() -> {
        int from;
        while ((from = next.getAndAdd(HTTP_BATCH)) < EVENTS) {
          StringBuilder body = new StringBuilder();
          for (int i = from; i < Math.min(EVENTS, from + HTTP_BATCH); i++) {
            body.append(event(i)).append('\n');
          }
          HttpRequest request = HttpRequest.newBuilder(ingest).header("Content-Type", "application/x-ndjson")
              .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
          try {
            HttpResponse<String> response;
            do {
              response = http.send(request, HttpResponse.BodyHandlers.ofString());
              if (response.statusCode() == 429 || response.statusCode() == 503) {
                Thread.sleep(200);
              }
            } while (response.statusCode() == 429 || response.statusCode() == 503);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
      }));
    }
    for (Thread client : clients) {
      try {
        client.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
