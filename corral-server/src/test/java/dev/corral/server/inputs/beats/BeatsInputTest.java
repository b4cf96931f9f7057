package dev.corral.server.inputs.beats;

import static dev.corral.server.inputs.beats.LumberjackFrames.compressed;
import static dev.corral.server.inputs.beats.LumberjackFrames.filebeatEvent;
import static dev.corral.server.inputs.beats.LumberjackFrames.json;
import static dev.corral.server.inputs.beats.LumberjackFrames.keyValues;
import static dev.corral.server.inputs.beats.LumberjackFrames.window;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Windows of events as Filebeat sends them (frames built by {@link LumberjackFrames}), over plain TCP from loopback:
 * each window is acknowledged with its last sequence number once durable, and its events are then found with the
 * Beats fields mapped to Corral's.
 */
class BeatsInputTest {
  @TempDir
  Path data;

  private TestServer start() throws Exception {
    return TestServer.start(data, Map.of("beats.port", "0"));
  }

  private static int port(TestServer server) {
    return server.server().inputPort(BeatsInputs.INPUT);
  }

  @Test
  void aWindowOfJsonFramesIsAcknowledgedWithItsLastSeqAndItsEventsAreFoundMapped() throws Exception {
    try (TestServer server = start(); BeatsClient client = BeatsClient.connect(port(server))) {
      client.send(window(3), json(1, filebeatEvent("GET /a 200", "checkout")),
          json(2, filebeatEvent("GET /b 200", "checkout")), json(3, filebeatEvent("GET /c 500", "checkout")));
      assertThat(client.ack()).isEqualTo(3);

      JsonNode found = server.awaitTotal("service:checkout", 3);
      JsonNode event = server.search("service:checkout AND \"GET /c 500\"").path("events").get(0);
      assertThat(event.path("message").asText()).isEqualTo("GET /c 500");
      assertThat(event.path("timestamp").asText()).startsWith("2026-12-05T10:00:00.123");
      assertThat(event.path("host").asText()).isEqualTo("web-1");
      assertThat(event.path("log.file.path").asText()).isEqualTo("/var/log/app/app.log");
      assertThat(event.path("fields.env").asText()).isEqualTo("prod");
      assertThat(event.path("agent.type").asText()).isEqualTo("filebeat");
      assertThat(event.has("@metadata.beat")).as(event.toString()).isFalse();
      assertThat(found.path("total").asLong()).isEqualTo(3);
    }
  }

  @Test
  void aCompressedWindowIsInflatedAndAcknowledged() throws Exception {
    try (TestServer server = start(); BeatsClient client = BeatsClient.connect(port(server))) {
      client.send(window(2), compressed(json(1, filebeatEvent("zipped one", "zipper")),
          json(2, filebeatEvent("zipped two", "zipper"))));
      assertThat(client.ack()).isEqualTo(2);
      assertThat(server.awaitTotal("service:zipper", 2).path("total").asLong()).isEqualTo(2);
    }
  }

  @Test
  void legacyKeyValueFramesBecomeEventsWithLineAsTheMessage() throws Exception {
    try (TestServer server = start(); BeatsClient client = BeatsClient.connect(port(server))) {
      client.send(window(2), keyValues(1, "line", "forwarded line one", "host", "old-1", "service", "forwarder"),
          keyValues(2, "line", "forwarded line two", "host", "old-1", "service", "forwarder"));
      assertThat(client.ack()).isEqualTo(2);
      JsonNode found = server.awaitTotal("service:forwarder", 2);
      assertThat(server.search("service:forwarder AND \"line two\"").path("events").get(0).path("message").asText())
          .isEqualTo("forwarded line two");
      assertThat(found.path("events").get(0).path("host").asText()).isEqualTo("old-1");
    }
  }

  @Test
  void severalWindowsOnOneConnectionAreAcknowledgedInOrder() throws Exception {
    try (TestServer server = start(); BeatsClient client = BeatsClient.connect(port(server))) {
      client.send(window(2), json(1, filebeatEvent("w1 e1", "windows")), json(2, filebeatEvent("w1 e2", "windows")));
      assertThat(client.ack()).isEqualTo(2);
      client.send(window(3), compressed(json(1, filebeatEvent("w2 e1", "windows")),
          json(2, filebeatEvent("w2 e2", "windows")), json(3, filebeatEvent("w2 e3", "windows"))));
      assertThat(client.ack()).isEqualTo(3);
      // pipelined like go-lumber's async client: the next window before the previous ack is read
      client.send(window(1), json(1, filebeatEvent("w3 e1", "windows")), window(1),
          json(1, filebeatEvent("w4 e1", "windows")));
      assertThat(client.ack()).isEqualTo(1);
      assertThat(client.ack()).isEqualTo(1);
      assertThat(server.awaitTotal("service:windows", 7).path("total").asLong()).isEqualTo(7);
    }
  }

  @Test
  void theServiceComesFromServiceNameThenFieldsServiceThenTheAgentType() throws Exception {
    try (TestServer server = start(); BeatsClient client = BeatsClient.connect(port(server))) {
      client.send(window(2),
          json(1, "{\"message\":\"named by ECS\",\"service\":{\"name\":\"ecs-named\"},\"fields\":{\"service\":\"other\"},"
              + "\"agent\":{\"type\":\"filebeat\"}}"),
          json(2, "{\"message\":\"from winlogbeat\",\"agent\":{\"type\":\"winlogbeat\",\"name\":\"DC-1\"}}"));
      assertThat(client.ack()).isEqualTo(2);
      assertThat(server.awaitTotal("service:ecs-named", 1).path("events").get(0).path("message").asText())
          .isEqualTo("named by ECS");
      assertThat(server.awaitTotal("service:winlogbeat", 1).path("events").get(0).path("message").asText())
          .isEqualTo("from winlogbeat");
    }
  }

  @Test
  void undecodableEventsBecomeDeadLettersAndTheWindowIsStillAcknowledged() throws Exception {
    byte[] invalidUtf8 = "{\"message\":\"bad \u00ff byte\"}".getBytes(StandardCharsets.ISO_8859_1);
    byte[] oversized = ("{\"message\":\"" + "x".repeat(2 << 20) + "\"}").getBytes(StandardCharsets.UTF_8);
    try (TestServer server = start(); BeatsClient client = BeatsClient.connect(port(server))) {
      client.send(window(4), json(1, "{\"message\": broken"), json(2, invalidUtf8), json(3, oversized),
          json(4, filebeatEvent("the good one", "mixed")));
      assertThat(client.ack()).isEqualTo(4);
      server.awaitTotal("service:mixed", 1);
      JsonNode letters = server.awaitTotal("logtype:dead_letter AND dead_letter.input:beats", 3);
      String reasons = letters.path("events").toString();
      assertThat(reasons).contains("malformed JSON").contains("invalid UTF-8 at byte").contains("ingest.max_event_bytes")
          .contains("seq 1").contains("seq 2").contains("seq 3");
    }
  }

  @Test
  void anAcknowledgedWindowIsFoundAfterARestart() throws Exception {
    try (TestServer server = start(); BeatsClient client = BeatsClient.connect(port(server))) {
      client.send(window(2), json(1, filebeatEvent("durable one", "durable")),
          json(2, filebeatEvent("durable two", "durable")));
      assertThat(client.ack()).isEqualTo(2);
    }
    try (TestServer server = start()) {
      assertThat(server.awaitTotal("service:durable", 2).path("total").asLong()).isEqualTo(2);
    }
  }

  @Test
  void aWindowLargerThanOneBatchGetsAPartialAckAfterEachStoredBatch() throws Exception {
    int events = BeatsLimits.DEFAULT_BATCH_EVENTS * 2 + 500;
    byte[][] frames = new byte[events][];
    for (int i = 0; i < events; i++) {
      frames[i] = json(i + 1, filebeatEvent("line " + (i + 1), "bigwindow"));
    }
    try (TestServer server = start(); BeatsClient client = BeatsClient.connect(port(server))) {
      client.send(window(events), compressed(frames));
      assertThat(client.ack()).isEqualTo(BeatsLimits.DEFAULT_BATCH_EVENTS);
      assertThat(client.ack()).isEqualTo(BeatsLimits.DEFAULT_BATCH_EVENTS * 2L);
      assertThat(client.ack()).isEqualTo(events);
      assertThat(server.awaitTotal("service:bigwindow", events).path("total").asLong()).isEqualTo(events);
    }
  }

  @Test
  void aWinlogbeatEventKeepsItsWindowsFields() throws Exception {
    String event = """
        {"@timestamp":"2026-12-05T09:30:00.000Z","@metadata":{"beat":"winlogbeat","type":"_doc","version":"8.15.0"},\
        "message":"An account was successfully logged on.","log":{"level":"information"},\
        "event":{"code":"4624","provider":"Microsoft-Windows-Security-Auditing","kind":"event"},\
        "winlog":{"channel":"Security","computer_name":"DC-1.corp.example","event_id":"4624","record_id":91823,\
        "event_data":{"TargetUserName":"alice","LogonType":"3"}},"host":{"name":"DC-1"},\
        "agent":{"type":"winlogbeat","name":"DC-1","version":"8.15.0"}}""";
    try (TestServer server = start(); BeatsClient client = BeatsClient.connect(port(server))) {
      client.send(window(1), compressed(json(1, event)));
      assertThat(client.ack()).isEqualTo(1);
      JsonNode found = server.awaitTotal("service:winlogbeat AND winlog.event_data.TargetUserName:alice", 1)
          .path("events").get(0);
      assertThat(found.path("message").asText()).isEqualTo("An account was successfully logged on.");
      assertThat(found.path("host").asText()).isEqualTo("DC-1");
      assertThat(found.path("winlog.channel").asText()).isEqualTo("Security");
      assertThat(found.path("event.code").asText()).isEqualTo("4624");
      assertThat(found.path("timestamp").asText()).startsWith("2026-12-05T09:30:00");
    }
  }
}
