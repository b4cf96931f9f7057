package dev.corral.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.testkafka.KafkaTestBroker;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once from Kafka across kill -9: corral.jar runs as a child process reading a 3-partition topic from a real
 * KRaft broker while a producer keeps writing records with unique ids; the server is killed with SIGKILL at random
 * moments over several rounds and restarted on the same data. At the end every record of the topic is searchable
 * exactly once: none lost (offsets are committed only for records the WAL holds), none twice (a partition resumes
 * where the WAL ends, even when the committed offset is behind).
 *
 * <p>Randomized: the seed is printed; rerun with {@code -Dcorral.seed=N}. Rounds: {@code -Dcorral.kafka.rounds}
 * (3 in {@code ./mvnw verify}).
 */
class KafkaCrashRecoveryIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOPIC = "crash";
  private static final int ROUNDS = Integer.getInteger("corral.kafka.rounds", 3);

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void everyRecordIsStoredOnceAcrossKill9(@TempDir Path tmp) throws Exception {
    long seed = Long.getLong("corral.seed", System.nanoTime());
    System.out.println("KafkaCrashRecoveryIT seed=" + seed + " (rerun with -Dcorral.seed=" + seed + ")");
    Random random = new Random(seed);
    try (KafkaTestBroker broker = KafkaTestBroker.start(tmp.resolve("broker"));
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
        KafkaProducer<String, String> producer = new KafkaProducer<>(broker.producerProperties())) {
      admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
      ServerProcess server = new ServerProcess(tmp.resolve("data"), List.of("--set", "store.commit_interval=250ms",
          "--set", "wal.segment_bytes=1MiB", "--set", "kafka.bootstrap_servers=" + broker.bootstrapServers(),
          "--set", "kafka.topics=" + TOPIC, "--set", "kafka.group_id=crash",
          // static membership: the restarted node takes its partitions back at once instead of waiting for the
          // killed one's session to time out (45 s)
          "--set", "kafka.client=group.instance.id=crash-node", "--set", "syslog.udp_port=-1",
          "--set", "syslog.tcp_port=-1", "--set", "gelf.udp_port=-1", "--set", "gelf.tcp_port=-1",
          "--set", "fluent.port=-1", "--set", "otlp.grpc_port=-1"));
      AtomicInteger produced = new AtomicInteger();
      AtomicBoolean producing = new AtomicBoolean(true);
      Thread producerThread = Thread.ofVirtual().start(() -> produceUntilStopped(producer, producing, produced));
      try (server) {
        for (int round = 0; round < ROUNDS; round++) {
          server.start();
          Thread.sleep(500 + random.nextInt(2000));
          server.kill();
        }
        producing.set(false);
        producerThread.join();
        producer.flush();
        server.start();
        int records = produced.get();
        assertThat(records).as("records produced").isPositive();
        long total = awaitTotal(server.url(), records);
        assertThat(total).as("records of the topic stored (seed %d)", seed).isEqualTo(records);
        JsonNode top = search(server.url(), "service:crash | stats count() as n by id | sort -n | head 3").path("rows");
        assertThat(top.get(0).get(1).asLong()).as("the most frequent id is stored once (seed %d): %s", seed, top)
            .isEqualTo(1);
        long resumedPastCommit = server.log().lines()
            .filter(line -> line.contains("the WAL holds records past the committed offset")).count();
        System.out.println("KafkaCrashRecoveryIT: " + records + " records, " + ROUNDS + " kills; partitions resumed "
            + "where the WAL ends, past their committed offset: " + resumedPastCommit);
      }
    }
  }


  /** Sends batches of 50 records with unique ids, acknowledged each, until told to stop. */
  private static void produceUntilStopped(KafkaProducer<String, String> producer, AtomicBoolean producing,
      AtomicInteger produced) {
    try {
      while (producing.get()) {
        for (int i = 0; i < 50; i++) {
          int id = produced.get() + i;
          producer.send(new ProducerRecord<>(TOPIC, "key-" + (id % 11),
              "{\"service\":\"crash\",\"message\":\"record " + id + "\",\"id\":\"r" + id + "\"}"));
        }
        producer.flush();
        produced.addAndGet(50);
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits until the count stops short of nothing: returns the total once it reaches {@code expected} (or passes it). */
  private long awaitTotal(URI url, long expected) throws IOException, InterruptedException {
    long total = 0;
    for (int attempt = 0; attempt < 1200; attempt++) {
      total = search(url, "service:crash").path("total").asLong();
      if (total >= expected) {
        Thread.sleep(1000); // a duplicate would arrive with the rest: give it the time to show
        return search(url, "service:crash").path("total").asLong();
      }
      Thread.sleep(100);
    }
    return total;
  }

  private JsonNode search(URI url, String query) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(url.resolve("/api/v1/search?q="
        + URLEncoder.encode(query, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
