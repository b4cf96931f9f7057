package dev.corral.server.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/v1/ingest/raw}: one event per line, parsed by the selected pipeline. */
class PipelineRawIngestTest {
  @TempDir
  Path data;
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(data, Map.of("ingest.max_message_bytes", "4KiB"));
    assertThat(server.send("PUT", "/api/v1/pipelines/nginx", PipelineIngestTest.NGINX, "Content-Type",
        "application/yaml").status()).isEqualTo(200);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void theSeedsNginxLineIsSearchableByStatus() throws Exception {
    TestServer.Reply reply = server.post("/api/v1/ingest/raw?pipeline=nginx&service=web",
        (PipelineIngestTest.NGINX_LINE + "\n\n").getBytes(StandardCharsets.UTF_8), "Content-Type", "text/plain");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("accepted").asInt()).isEqualTo(1);
    assertThat(reply.json().path("empty_skipped").asInt()).isEqualTo(1);
    JsonNode event = server.awaitTotal("http.response.status_code:>=500", 1).path("events").get(0);
    assertThat(event.path("service").asText()).isEqualTo("web");
    assertThat(event.path("url.original").asText()).isEqualTo("/api/orders?id=7");
    assertThat(event.path("http.request.method").asText()).isEqualTo("GET");
    assertThat(event.path("message").asText()).isEqualTo(PipelineIngestTest.NGINX_LINE);
    assertThat(event.path("timestamp").asText()).startsWith("2026-12-05T10:15:32");
  }

  @Test
  void gzipLinesCrLfAndAnUnknownPipeline() throws Exception {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
      gzip.write(("first line\r\nsecond line\n").getBytes(StandardCharsets.UTF_8));
    }
    TestServer.Reply reply = server.post("/api/v1/ingest/raw?service=plain", zipped.toByteArray(),
        "Content-Type", "text/plain", "Content-Encoding", "gzip");
    assertThat(reply.status()).isEqualTo(200);
    server.awaitTotal("service:plain", 2);
    assertThat(server.search("service:plain AND message:\"first line\"").path("events").get(0).path("message").asText())
        .isEqualTo("first line");
    TestServer.Reply unknown = server.post("/api/v1/ingest/raw?pipeline=nginxx", "x\n".getBytes(), "Content-Type",
        "text/plain");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body()).contains("'nginxx' does not exist").contains("did you mean 'nginx'");
  }

  @Test
  void invalidUtf8IsReplacedAndFlaggedAndAHugeLineIsADeadLetter() throws Exception {
    byte[] bad = {'b', 'a', 'd', ' ', (byte) 0xC3, (byte) 0x28, ' ', 'e', 'n', 'd', '\n'};
    String huge = "h".repeat(5000) + "\n";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(bad);
    body.write(huge.getBytes(StandardCharsets.UTF_8));
    body.write("fine\n".getBytes(StandardCharsets.UTF_8));
    TestServer.Reply reply = server.post("/api/v1/ingest/raw?service=mixed", body.toByteArray(), "Content-Type",
        "text/plain");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("accepted").asInt()).isEqualTo(2);
    assertThat(reply.json().path("rejected").asInt()).isEqualTo(1);
    assertThat(reply.json().path("invalid_utf8").asInt()).isEqualTo(1);
    assertThat(reply.json().path("errors").get(0).asText()).contains("line 2 is 5000 bytes, over the limit of 4096");
    JsonNode flagged = server.awaitTotal("service:mixed AND _invalid_utf8:true", 1).path("events").get(0);
    assertThat(flagged.path("message").asText()).isEqualTo("bad \uFFFD( end");
    server.awaitTotal("logtype:dead_letter AND dead_letter.input:raw", 1);
  }
}
