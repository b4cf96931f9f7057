package dev.corral.server.backup;

import static dev.corral.server.backup.BackupTesting.events;
import static dev.corral.server.backup.BackupTesting.expected;
import static dev.corral.server.backup.BackupTesting.messages;
import static dev.corral.server.backup.BackupTesting.objects;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.server.Await;
import dev.corral.server.archive.S3TestServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a server whose backup is under way ({@link BackupServerChild}): the restarted server
 * resumes from the backup's cursor and every acknowledged event is in the bucket once; an object
 * whose upload the kill cut short is uploaded again under the same key. By state, not timing.
 */
class BackupCrashTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PREFIX = "crash";
  private static final Pattern UPLOADING = Pattern.compile("cannot upload s3://[^/]+/(" + PREFIX + "/raw/\\S+\\.ndjson\\.zst)");

  @TempDir Path dir;
  private S3TestServer s3;
  private Process child;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void startS3() throws Exception {
    s3 = S3TestServer.start(dir.resolve("s3"));
  }

  @AfterEach
  void stop() throws Exception {
    if (child != null) {
      child.destroyForcibly().waitFor();
    }
    s3.close();
  }

  private URI startChild(int run) throws IOException {
    child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-cp",
        System.getProperty("java.class.path"), BackupServerChild.class.getName(), dir.resolve("data").toString(),
        s3.endpoint(), PREFIX).redirectError(dir.resolve("child-" + run + ".err").toFile()).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith("url=")) {
        return URI.create(line.substring("url=".length()));
      }
    }
    throw new IOException("the child server exited before it was ready; see " + dir.resolve("child-" + run + ".err"));
  }

  private void ingest(URI url, String ndjson) throws Exception {
    HttpResponse<String> reply = http.send(HttpRequest.newBuilder(url.resolve("/api/v1/ingest"))
        .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(ndjson)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
  }

  private JsonNode backup(URI url) {
    try {
      return JSON.readTree(http.send(HttpRequest.newBuilder(url.resolve("/api/v1/stats")).build(),
          HttpResponse.BodyHandlers.ofString()).body()).get("backup");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void kill9() throws InterruptedException {
    child.destroyForcibly().waitFor();
    child = null;
  }

  @Test
  void kill9MidBackupLosesNoEventAndRedoesTheCutShortUploadUnderItsKey() throws Exception {
    List<String> acknowledged = new ArrayList<>();
    URI url = startChild(1);
    for (int r = 0; r < 10; r++) {
      ingest(url, events("live" + r, 50));
      acknowledged.addAll(expected("live" + r, 50));
    }
    Await.until("an object uploaded", () -> backup(url).get("objects").asLong() >= 1);
    for (int r = 0; r < 10; r++) {
      ingest(url, events("racing" + r, 50));
      acknowledged.addAll(expected("racing" + r, 50));
    }
    kill9(); // while the backup reads, cuts or uploads: wherever it is

    URI second = startChild(2);
    Await.until("caught up after the first kill", () -> backup(second).get("lag_records").asLong() == 0);
    s3.stop();
    ingest(second, events("held", 50));
    acknowledged.addAll(expected("held", 50));
    Await.until("an upload cut short by the outage", () -> UPLOADING.matcher(backup(second).get("error").asText()).find());
    Matcher uploading = UPLOADING.matcher(backup(second).get("error").asText());
    assertThat(uploading.find()).isTrue();
    String cutShort = uploading.group(1);
    kill9();
    s3.start();

    URI third = startChild(3);
    Await.until("caught up after the second kill", () -> {
      JsonNode stats = backup(third);
      return stats.get("lag_records").asLong() == 0 && stats.get("state").asText().equals("following");
    });
    Map<String, String> objects = objects(s3, PREFIX);
    assertThat(objects).containsKey(cutShort);
    assertThat(messages(objects)).as("every acknowledged event once: a repeat is only an overwrite of the same key")
        .containsExactlyInAnyOrderElementsOf(acknowledged);
  }
}
