package dev.corral.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartTest {
  @TempDir
  Path data;

  @Test
  void eventsSurviveACleanRestartExactlyOnce() throws Exception {
    try (TestServer server = TestServer.start(data)) {
      StringBuilder body = new StringBuilder();
      for (int i = 0; i < 300; i++) {
        body.append("{\"service\":\"restart\",\"n\":").append(i).append(",\"timestamp\":\"2026-11-")
            .append(10 + i % 5).append("T12:00:00Z\"}\n");
      }
      assertThat(server.ingest(body.toString()).json().path("accepted").asInt()).isEqualTo(300);
    }
    try (TestServer server = TestServer.start(data)) {
      server.awaitTotal("service:restart", 300);
      assertThat(server.search("n:150").path("total").asLong()).isEqualTo(1);
    }
  }

  @Test
  void secondServerOnTheSameDataIsRefused() throws Exception {
    try (TestServer server = TestServer.start(data)) {
      assertThatThrownBy(() -> TestServer.start(data)).isInstanceOf(IOException.class)
          .hasMessageContaining("in use");
    }
  }
}
