package dev.corral.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.server.config.ConfigLoader;
import dev.corral.server.config.ServerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The running server's services: built in dependency order, and a failed start leaves nothing held. */
class ServiceOrderTest {
  @TempDir
  Path data;

  @Test
  void servicesStartAfterWhatTheyDependOn() throws Exception {
    try (TestServer server = TestServer.start(data)) {
      List<String> names = server.server().serviceNames();
      assertThat(names).startsWith("data-dir", "store", "wal").endsWith("wal-replay").doesNotHaveDuplicates();
      assertThat(names.indexOf("ingest")).isGreaterThan(names.indexOf("wal"));
      assertThat(names.indexOf("search")).isGreaterThan(names.indexOf("store"));
      assertThat(names.indexOf("retention")).as("it drops and deletes through the store").isGreaterThan(names.indexOf("store"))
          .isLessThan(names.indexOf("http"));
      assertThat(names.indexOf("http")).as("every route's service has started before HTTP serves it")
          .isGreaterThan(names.indexOf("ingest")).isGreaterThan(names.indexOf("search"))
          .isGreaterThan(names.indexOf("status"));
      assertThat(names.indexOf("audit")).as("it writes through ingest; search, keys and HTTP record into it, and stop first")
          .isGreaterThan(names.indexOf("ingest")).isLessThan(names.indexOf("search")).isLessThan(names.indexOf("keys"))
          .isLessThan(names.indexOf("http"));
      assertThat(names.indexOf("inputs")).isGreaterThan(names.indexOf("http"));
      assertThat(names.indexOf("tail")).as("tails end before HTTP waits for requests in flight")
          .isGreaterThan(names.indexOf("http"));
    }
  }

  @Test
  void aLaterServiceFailingToStartClosesTheEarlierOnesAndUnlocksTheDataDirectory() throws Exception {
    try (TestServer first = TestServer.start(data)) {
      assertThat(first.ingest("{\"message\":\"before the failed start\"}").status()).isEqualTo(200);
    }
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Map<String, String> settings = Map.of("http.port", "0", "otlp.grpc_port", "0", "data.dir", data.toString(),
          "syslog.udp_port", "-1", "syslog.tcp_port", "-1", "gelf.udp_port", "-1", "gelf.tcp_port", "-1",
          "fluent.port", Integer.toString(taken.getLocalPort()), "storage.min_free_bytes", "0");
      ServerConfig config = ServerConfig.from(ConfigLoader.load(null, Map.of(), settings));
      assertThatThrownBy(() -> CorralServer.start(config)).isInstanceOf(IOException.class)
          .hasMessageContaining(Integer.toString(taken.getLocalPort()));
    }
    try (TestServer again = TestServer.start(data)) {
      again.awaitTotal("", 1);
      assertThat(again.get("/api/v1/search?q=failed").json().path("total").asLong())
          .as("the store was closed cleanly and the lock released: the next start opens the same data")
          .isEqualTo(1);
    }
  }
}
