package dev.corral.server.inputs.syslog;

import dev.corral.server.TestServer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Load generator, run by hand (not part of the test suite): starts a server with syslog over TCP
 * and sends ~300-byte octet-counted RFC 5424 messages over several connections, then reports
 * events/s until every event was durably stored and until every event was searchable.
 *
 * <p>Usage: {@code java -cp <test classpath> dev.corral.server.inputs.syslog.SyslogTcpLoad [connections] [messages per connection]}
 */
public final class SyslogTcpLoad {
  private SyslogTcpLoad() {}

  public static void main(String[] args) throws Exception {
    int connections = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    int perConnection = args.length > 1 ? Integer.parseInt(args[1]) : 250_000;
    long total = (long) connections * perConnection;
    Path dir = Files.createTempDirectory("corral-syslog-load");
    try (TestServer server = TestServer.start(dir, Map.of("syslog.tcp_port", "0", "store.refresh_interval", "1s"))) {
      int port = server.server().inputPort(SyslogInputs.TCP);
      List<Thread> senders = new ArrayList<>();
      long started = System.nanoTime();
      for (int c = 0; c < connections; c++) {
        int connection = c;
        senders.add(Thread.ofPlatform().start(() -> send(port, connection, perConnection)));
      }
      for (Thread sender : senders) {
        sender.join();
      }
      long sent = System.nanoTime();
      while (server.search("service:checkout").path("total").asLong() < total) {
        Thread.sleep(100);
      }
      long searchable = System.nanoTime();
      System.out.printf("%d events over %d connections: all sent (written to sockets) in %.2f s; "
              + "all searchable after %.2f s = %.0f events/s%n", total, connections, (sent - started) / 1e9,
          (searchable - started) / 1e9, total / ((searchable - started) / 1e9));
    }
  }

  private static void send(int port, int connection, int count) {
    try (Socket socket = new Socket("127.0.0.1", port);
        OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16)) {
      for (int i = 0; i < count; i++) {
        String message = "<134>1 2026-03-09T10:00:00." + String.format("%06d", i % 1_000_000) + "Z web-" + connection
            + " checkout 4242 ACCESS [req@32473 id=\"r-" + connection + "-" + i + "\" user=\"u" + (i % 977) + "\"] "
            + "GET /api/cart/" + i + " 200 12ms bytes=5120 agent=\"Mozilla/5.0 (X11; Linux x86_64)\" "
            + "trace_id=4bf92f3577b34da6a3ce929d0e0e" + String.format("%04d", i % 10_000);
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        out.write((bytes.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
      }
    } catch (IOException e) {
      throw new RuntimeException(e);
    }
  }
}
