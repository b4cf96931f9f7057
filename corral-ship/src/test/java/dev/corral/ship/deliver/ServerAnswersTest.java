package dev.corral.ship.deliver;

import static dev.corral.ship.testing.RecordingReceiver.corralAccepted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.ship.config.ShipConfig;
import dev.corral.ship.run.Shipper;
import dev.corral.ship.status.StatusReport;
import dev.corral.ship.testing.LogFiles;
import dev.corral.ship.testing.RecordingReceiver;
import dev.corral.ship.testing.RecordingReceiver.Answer;
import dev.corral.ship.testing.RecordingReceiver.Received;
import dev.corral.ship.testing.TailedFileInputs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the shipper sends and how it answers each server reply, against a {@link RecordingReceiver}: the body
 * format, gzip and the key; retries after 429 and 503; no retry after 400; 413 split; {@code _bulk} items.
 * Every file holds one batch (written before the shipper starts, fewer lines than a batch).
 */
class ServerAnswersTest {
  @TempDir
  Path dir;

  @Test
  void sendsGzippedNdjsonToTheIngestApiWithTheApiKey() throws Exception {
    try (RecordingReceiver receiver = RecordingReceiver.start((index, request) -> corralAccepted(request))) {
      List<String> lines = writeLines(10);
      StatusReport status = shipUntilAcknowledged(receiver, "api_key: \"shipid:shipsecret\"");
      Received request = receiver.received().get(0);
      assertThat(request.path()).isEqualTo("/api/v1/ingest");
      assertThat(request.header("Content-Encoding")).isEqualTo("gzip");
      assertThat(request.header("Content-Type")).isEqualTo("application/x-ndjson");
      assertThat(request.header("Authorization")).isEqualTo("ApiKey "
          + Base64.getEncoder().encodeToString("shipid:shipsecret".getBytes(StandardCharsets.UTF_8)));
      assertThat(receiver.received()).singleElement();
      assertThat(request.lines()).isEqualTo(lines);
      assertThat(status.delivery().sentEvents()).isEqualTo(10);
    }
  }

  @Test
  void waitsAtLeastTheRetryAfterOfA429ThenSendsTheSameBatch() throws Exception {
    try (RecordingReceiver receiver = RecordingReceiver.start(RecordingReceiver.firstThen(
        List.of(new Answer(429, "{\"status\":429,\"error\":\"backlog full\"}", "Retry-After", "1")),
        RecordingReceiver::corralAccepted))) {
      List<String> lines = writeLines(5);
      StatusReport status = shipUntilAcknowledged(receiver, "");
      List<Received> received = receiver.received();
      assertThat(received).hasSize(2);
      assertThat(received.get(1).lines()).isEqualTo(lines).isEqualTo(received.get(0).lines());
      assertThat(received.get(1).nanos() - received.get(0).nanos()).isGreaterThanOrEqualTo(
          TimeUnit.MILLISECONDS.toNanos(1_000));
      assertThat(status.delivery().retries()).isEqualTo(1);
      assertThat(status.delivery().sentEvents()).isEqualTo(5);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {503, 507, 500, 401})
  void retriesAServerThatCannotTakeItNowAndDeliversOnce(int status) throws Exception {
    try (RecordingReceiver receiver = RecordingReceiver.start(RecordingReceiver.firstThen(
        List.of(new Answer(status, "{\"status\":" + status + ",\"error\":\"not now\"}")),
        RecordingReceiver::corralAccepted))) {
      List<String> lines = writeLines(5);
      StatusReport report = shipUntilAcknowledged(receiver, "");
      assertThat(receiver.received()).hasSize(2).allSatisfy(request -> assertThat(request.lines()).isEqualTo(lines));
      assertThat(report.delivery().sentEvents()).isEqualTo(5);
      assertThat(report.lastError().message()).contains("HTTP " + status).contains("not now");
    }
  }

  @Test
  void doesNotRetryA400AndCountsTheDroppedBatch() throws Exception {
    try (RecordingReceiver receiver = RecordingReceiver.start((index, request) ->
        new Answer(400, "{\"status\":400,\"error\":\"every line was rejected\"}"))) {
      writeLines(7);
      StatusReport status = shipUntilAcknowledged(receiver, "");
      assertThat(receiver.received()).hasSize(1);
      assertThat(status.delivery().droppedEvents()).isEqualTo(7);
      assertThat(status.delivery().droppedBatches()).isEqualTo(1);
      assertThat(status.delivery().sentEvents()).isZero();
      assertThat(status.lastError().message()).contains("HTTP 400").contains("every line was rejected");
    }
  }

  @Test
  void splitsA413BatchInHalvesUntilThePartsFit() throws Exception {
    try (RecordingReceiver receiver = RecordingReceiver.start((index, request) -> request.lines().size() > 2
        ? new Answer(413, "{\"status\":413,\"error\":\"body over 32 MiB\"}") : corralAccepted(request))) {
      List<String> lines = writeLines(8);
      StatusReport status = shipUntilAcknowledged(receiver, "");
      List<Integer> sizes = receiver.received().stream().map(request -> request.lines().size()).toList();
      assertThat(sizes).containsExactly(8, 4, 2, 2, 4, 2, 2);
      List<String> delivered = receiver.received().stream().filter(request -> request.lines().size() <= 2)
          .flatMap(request -> request.lines().stream()).toList();
      assertThat(delivered).isEqualTo(lines);
      assertThat(status.delivery().sentEvents()).isEqualTo(8);
      assertThat(status.delivery().droppedEvents()).isZero();
    }
  }

  @Test
  void bulkBodyNamesTheIndexAndOnlyThe429ItemsAreSentAgain() throws Exception {
    String firstAnswer = """
        {"took":3,"errors":true,"items":[
          {"create":{"_index":"shiplogs","status":201}},
          {"create":{"_index":"shiplogs","status":429,"error":{"type":"es_rejected_execution_exception"}}},
          {"create":{"_index":"shiplogs","status":400,"error":{"type":"mapper_parsing_exception","reason":"bad"}}}]}
        """;
    try (RecordingReceiver receiver = RecordingReceiver.start(RecordingReceiver.firstThen(
        List.of(Answer.ok(firstAnswer)), request -> Answer.ok("{\"took\":1,\"errors\":false,\"items\":[]}")))) {
      List<String> lines = writeLines(3);
      StatusReport status = shipUntilAcknowledged(receiver, "format: elasticsearch, index: shiplogs");
      List<Received> received = receiver.received();
      assertThat(received).hasSize(2);
      assertThat(received.get(0).path()).isEqualTo("/_bulk");
      String action = "{\"create\":{\"_index\":\"shiplogs\"}}";
      assertThat(received.get(0).lines()).containsExactly(action, lines.get(0), action, lines.get(1), action,
          lines.get(2));
      assertThat(received.get(1).lines()).containsExactly(action, lines.get(1));
      assertThat(status.delivery().sentEvents()).isEqualTo(2);
      assertThat(status.delivery().rejectedEvents()).isEqualTo(1);
    }
  }

  @Test
  void eachPipelineGetsRequestsOfItsOwn() throws Exception {
    try (RecordingReceiver receiver = RecordingReceiver.start((index, request) -> corralAccepted(request))) {
      LogFiles.append(dir.resolve("java.log"), "pipelined", 1, 4);
      List<String> lines = writeLines(3);
      shipUntilAcknowledged(receiver, "", "{paths: [\"" + dir.resolve("java.log") + "\"], pipeline: shop-java}");
      List<Received> received = receiver.received();
      assertThat(received).hasSize(2);
      Received java = received.stream().filter(request -> request.query() != null).findFirst().orElseThrow();
      assertThat(java.query()).isEqualTo("pipeline=shop-java");
      assertThat(java.lines()).isEqualTo(Files.readAllLines(dir.resolve("java.log")));
      Received plain = received.stream().filter(request -> request.query() == null).findFirst().orElseThrow();
      assertThat(plain.lines()).isEqualTo(lines);
    }
  }

  @Test
  void aBulkActionLineNamesThePipeline() throws Exception {
    try (RecordingReceiver receiver = RecordingReceiver.start((index, request) ->
        Answer.ok("{\"took\":1,\"errors\":false,\"items\":[]}"))) {
      LogFiles.append(dir.resolve("java.log"), "pipelined", 1, 2);
      Files.writeString(dir.resolve("app.log"), "");
      shipUntilAcknowledged(receiver, "format: elasticsearch",
          "{paths: [\"" + dir.resolve("java.log") + "\"], pipeline: shop-java}");
      List<String> events = Files.readAllLines(dir.resolve("java.log"));
      String action = "{\"create\":{\"_index\":\"logs-corral\",\"pipeline\":\"shop-java\"}}";
      assertThat(receiver.received()).singleElement().satisfies(request -> assertThat(request.lines())
          .containsExactly(action, events.get(0), action, events.get(1)));
    }
  }

  private List<String> writeLines(int count) throws Exception {
    LogFiles.append(dir.resolve("app.log"), "answers", 1, count);
    return Files.readAllLines(dir.resolve("app.log"));
  }

  /** Ships app.log and the {@code moreInputs} until every source is acknowledged to the end of its file. */
  private StatusReport shipUntilAcknowledged(RecordingReceiver receiver, String outputSettings, String... moreInputs)
      throws Exception {
    StringBuilder inputs = new StringBuilder("{paths: [\"" + dir.resolve("app.log") + "\"]}");
    for (String input : moreInputs) {
      inputs.append(", ").append(input);
    }
    ShipConfig config = ShipConfig.parse("""
        output: {url: "%s", flush_interval: 300ms, %s}
        inputs: [%s]
        registry: "%s"
        status: {listen: "off"}
        """.formatted(receiver.url(), outputSettings, inputs, dir.resolve("registry")));
    Shipper shipper = Shipper.start(config, new TailedFileInputs());
    try {
      for (int attempt = 0; attempt < 400; attempt++) {
        StatusReport status = shipper.status();
        if (status.sources().stream().allMatch(source -> source.acknowledged() == source.size())) {
          return status;
        }
        Thread.sleep(50);
      }
      throw new AssertionError("never acknowledged to the end: " + shipper.status());
    } finally {
      shipper.stop(Duration.ofSeconds(5));
    }
  }
}
