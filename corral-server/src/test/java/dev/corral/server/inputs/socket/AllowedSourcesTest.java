package dev.corral.server.inputs.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.Await;
import dev.corral.server.TestServer;
import dev.corral.server.auth.ApiKeys;
import dev.corral.server.auth.KeySpec;
import dev.corral.server.auth.Scope;
import dev.corral.server.config.ConfigException;
import dev.corral.server.config.ConfigLoader;
import dev.corral.server.config.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@code inputs.allowed_sources} on the real server, for each socket input that carries no key:
 * the list admits only 127.0.0.2, and the same input is sent to from 127.0.0.1 (refused) and then
 * from 127.0.0.2 (stored). Linux routes all of 127.0.0.0/8 over loopback, so both are real
 * sources. Because a listener refuses in arrival order, once the allowed message is stored the
 * refused one has been counted, and nothing of it can still arrive.
 */
class AllowedSourcesTest {
  private static final InetAddress REFUSED = address("127.0.0.1");
  private static final InetAddress ALLOWED = address("127.0.0.2");
  /** How long a client waits for the server to close a refused connection; only a broken server needs it. */
  private static final int CLOSE_WAIT_MILLIS = 30_000;

  @TempDir
  Path data;

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> allowing(String portSetting) {
    return Map.of(portSetting, "0", "inputs.allowed_sources", "127.0.0.2");
  }

  private static void sendUdp(InetAddress from, int port, byte[] datagram) throws IOException {
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(from, 0))) {
      socket.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), port));
    }
  }

  /** Connects from {@code from}, sends {@code bytes}, and says whether the server closed the connection unasked. */
  private static boolean sendTcpAndSeeClosed(InetAddress from, int port, byte[] bytes) throws IOException {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(from, 0));
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      OutputStream out = socket.getOutputStream();
      try {
        out.write(bytes);
        out.flush();
        socket.shutdownOutput();
      } catch (IOException e) {
        return true; // reset before we were done writing: closed at accept
      }
      socket.setSoTimeout(CLOSE_WAIT_MILLIS);
      InputStream in = socket.getInputStream();
      try {
        return in.read() < 0;
      } catch (SocketTimeoutException e) {
        return false;
      } catch (IOException e) {
        return true; // reset
      }
    }
  }

  private static JsonNode inputStats(TestServer server, String input) {
    return server.get("/api/v1/stats").json().path("inputs").path(input);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String gelf(String message) {
    return "{\"version\":\"1.1\",\"host\":\"h\",\"short_message\":\"" + message + "\",\"_service\":\"gelf-src\"}";
  }

  /** The refused message is absent, the allowed one stored, and the input counted one refusal of that kind. */
  private static void assertOneRefused(TestServer server, String input, String counter) throws InterruptedException {
    server.awaitTotal("message:allowed", 1);
    assertThat(server.search("message:refused").path("total").asLong()).isZero();
    JsonNode stats = inputStats(server, input);
    assertThat(stats.path(counter + ".source_not_allowed").asLong()).as(input + " " + stats).isEqualTo(1);
    assertThat(stats.path(counter).asLong()).as(input + " " + stats).isEqualTo(1);
    assertThat(stats.path("events").asLong()).as(input + " stored only the allowed message").isEqualTo(1);
    assertThat(stats.path("dead_letters").asLong()).as(input + " decoded nothing of the refused one").isZero();
    assertThat(stats.path("admits").asText()).isEqualTo("sources 127.0.0.2");
  }

  @Test
  void syslogUdpStoresAllowedSourcesAndDropsOthersBeforeDecoding() throws Exception {
    try (TestServer server = TestServer.start(data, allowing("syslog.udp_port"))) {
      int port = server.server().inputPort("syslog-udp");
      sendUdp(REFUSED, port, utf8("<14>src-app: refused"));
      sendUdp(ALLOWED, port, utf8("<14>src-app: allowed"));
      assertOneRefused(server, "syslog-udp", "refused_datagrams");
      assertThat(inputStats(server, "syslog-udp").path("received").asLong()).isEqualTo(2);
    }
  }

  @Test
  void syslogTcpClosesConnectionsOfOtherSourcesAtAccept() throws Exception {
    try (TestServer server = TestServer.start(data, allowing("syslog.tcp_port"))) {
      int port = server.server().inputPort("syslog-tcp");
      assertThat(sendTcpAndSeeClosed(REFUSED, port, utf8("<14>src-app: refused\n"))).isTrue();
      sendTcpAndSeeClosed(ALLOWED, port, utf8("<14>src-app: allowed\n"));
      assertOneRefused(server, "syslog-tcp", "refused_connections");
    }
  }

  @Test
  void gelfUdpStoresAllowedSourcesAndDropsOthersBeforeDecoding() throws Exception {
    try (TestServer server = TestServer.start(data, allowing("gelf.udp_port"))) {
      int port = server.server().inputPort("gelf-udp");
      sendUdp(REFUSED, port, utf8(gelf("refused")));
      sendUdp(ALLOWED, port, utf8(gelf("allowed")));
      assertOneRefused(server, "gelf-udp", "refused_datagrams");
    }
  }

  @Test
  void gelfTcpClosesConnectionsOfOtherSourcesAtAccept() throws Exception {
    try (TestServer server = TestServer.start(data, allowing("gelf.tcp_port"))) {
      int port = server.server().inputPort("gelf-tcp");
      assertThat(sendTcpAndSeeClosed(REFUSED, port, utf8(gelf("refused") + "\0"))).isTrue();
      sendTcpAndSeeClosed(ALLOWED, port, utf8(gelf("allowed") + "\0"));
      assertOneRefused(server, "gelf-tcp", "refused_connections");
    }
  }

  @Test
  void aFloodOfRefusedDatagramsIsCountedNeverQueuedAndLoggedAtPowersOfTen() throws Exception {
    Logger socketLogs = (Logger) LoggerFactory.getLogger("dev.corral.server.inputs.socket");
    Level level = socketLogs.getLevel();
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    try (TestServer server = TestServer.start(data, allowing("syslog.udp_port"))) {
      int port = server.server().inputPort("syslog-udp");
      logged.start();
      socketLogs.addAppender(logged);
      socketLogs.setLevel(Level.DEBUG);
      byte[] flood = utf8("<14>src-app: refused " + "x".repeat(1000));
      try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(REFUSED, 0))) {
        DatagramPacket packet = new DatagramPacket(flood, flood.length, InetAddress.getLoopbackAddress(), port);
        for (int i = 0; i < 20_000; i++) {
          socket.send(packet);
        }
      }
      sendUdp(ALLOWED, port, utf8("<14>src-app: allowed"));
      server.awaitTotal("message:allowed", 1);

      JsonNode stats = inputStats(server, "syslog-udp");
      long refused = stats.path("refused_datagrams.source_not_allowed").asLong();
      assertThat(refused).as("every datagram the socket received but the allowed one: " + stats)
          .isEqualTo(stats.path("received").asLong() - 1).isPositive();
      assertThat(stats.path("queued").asLong()).as("none waits in memory").isZero();
      assertThat(stats.path("dropped").asLong()).as("none took a place in the queue").isZero();
      assertThat(stats.path("dead_letters").asLong()).as("none was decoded").isZero();
      assertThat(server.search("message:refused").path("total").asLong()).isZero();
      List<ILoggingEvent> lines;
      synchronized (logged) {
        lines = List.copyOf(logged.list);
      }
      int powersOfTen = String.valueOf(refused).length(); // 1, 10, 100, ... up to refused
      assertThat(lines).as("log lines for %d refused datagrams", refused).hasSize(powersOfTen)
          .allSatisfy(line -> assertThat(line.getLevel()).isEqualTo(Level.DEBUG));
      assertThat(lines.getFirst().getFormattedMessage()).contains("source not in inputs.allowed_sources");
    } finally {
      socketLogs.detachAppender(logged);
      socketLogs.setLevel(level);
    }
  }

  @Test
  void aMalformedAllowlistEntryIsRefusedAtStartNamingTheEntryAndTheSetting() {
    for (String bad : List.of("10.0.0.0/33", "logs.example.com", "10.1", "10.1.2.3/8", "fe80::1%eth0")) {
      assertThatThrownBy(() -> TestServer.start(data, Map.of("syslog.udp_port", "0",
          "inputs.allowed_sources", "10.0.0.0/8," + bad))).as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("inputs.allowed_sources")
          .hasMessageContaining("'" + bad + "'");
    }
  }

  @Test
  void withKeysRequiredAndNoListThisMachineStillSendsAndTheStartUpSaysSo() throws Exception {
    String reader = ApiKeys.open(data, Clock.systemUTC()).create(new KeySpec("reader", Scope.READ, List.of(), null, null))
        .key();
    try (TestServer server = TestServer.start(data, Map.of("auth.mode", "keys", "syslog.udp_port", "0"))) {
      sendUdp(REFUSED, server.server().inputPort("syslog-udp"), utf8("<14>src-app: allowed from loopback"));
      Await.until("the loopback message is searchable", () -> server.send("GET", "/api/v1/search?q=service:src-app", null,
          "Authorization", "Bearer " + reader).json().path("total").asLong() == 1);
      JsonNode stats = server.send("GET", "/api/v1/stats", null, "Authorization", "Bearer " + reader).json()
          .path("inputs").path("syslog-udp");
      assertThat(stats.path("admits").asText()).isEqualTo("sources 127.0.0.0/8,::1");
      assertThat(stats.path("refused_datagrams").asLong()).isZero();
    }
  }

  @Test
  void withoutAListOnlyLoopbackMaySendWhenKeysAreRequiredAndEveryoneOtherwise() {
    assertThat(allowedSources(Map.of("auth.mode", "keys"))).isEqualTo(SourceAllowlist.LOOPBACK);
    assertThat(allowedSources(Map.of("auth.mode", "keys", "http.host", "0.0.0.0"))).isEqualTo(SourceAllowlist.LOOPBACK);
    assertThat(allowedSources(Map.of())).isEqualTo(SourceAllowlist.EVERYONE);
    assertThat(allowedSources(Map.of("auth.mode", "none", "http.host", "0.0.0.0"))).isEqualTo(SourceAllowlist.EVERYONE);
    assertThat(allowedSources(Map.of("auth.mode", "none", "inputs.allowed_sources", "10.0.0.0/8")).toString())
        .as("a list that is set applies without keys too").isEqualTo("10.0.0.0/8");
    assertThat(allowedSources(Map.of("auth.mode", "keys", "inputs.allowed_sources", "10.0.0.0/8,::1")).toString())
        .as("and replaces the loopback default").isEqualTo("10.0.0.0/8,::1");
  }

  @Test
  void theYamlListOfTheDocsAndTheEnvironmentsCommaListAreRead() throws Exception {
    Path yaml = data.resolve("corral.yaml");
    java.nio.file.Files.writeString(yaml, """
        auth:
          mode: keys
        inputs:
          allowed_sources: [10.0.0.0/8, 192.168.1.20, "::1", "fd00::/8"]
        """);
    assertThat(ServerConfig.from(ConfigLoader.load(yaml, Map.of(), Map.of())).socketAccess().allowedSources().toString())
        .isEqualTo("10.0.0.0/8,192.168.1.20,::1,fd00::/8");
    assertThat(ServerConfig.from(ConfigLoader.load(null, Map.of("CORRAL_INPUTS_ALLOWED_SOURCES", "10.0.0.0/8,::1"),
        Map.of())).socketAccess().allowedSources().toString()).isEqualTo("10.0.0.0/8,::1");
  }

  private static SourceAllowlist allowedSources(Map<String, String> settings) {
    return ServerConfig.from(ConfigLoader.load(null, Map.of(), settings)).socketAccess().allowedSources();
  }
}
