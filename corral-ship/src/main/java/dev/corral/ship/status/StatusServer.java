package dev.corral.ship.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Serves {@code GET /status} (a {@link StatusReport} as JSON) on a loopback address.
 *
 * <p>Why the JDK's {@code com.sun.net.httpserver} and not Jetty: corral-ship must not depend on the server's
 * modules, and for one read-only route on loopback the JDK's server (no dependency, no configuration, a few lines)
 * is enough; Jetty would add a dozen jars to a shipper that otherwise needs only Jackson.
 */
public final class StatusServer implements AutoCloseable {
  /** The JSON of the report, shared with {@code corral ship status}. */
  public static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
  /** A status request is tiny; a backlog beyond this means something is hammering the port. */
  private static final int BACKLOG = 16;
  /** How long a stop waits for a status request being answered. */
  private static final int STOP_DELAY_SECONDS = 1;
  private final HttpServer server;

  private StatusServer(HttpServer server) {
    this.server = server;
  }

  /** Listens on {@code address} (port 0: any free port) and answers with {@code report.get()}. */
  public static StatusServer start(InetSocketAddress address, Supplier<StatusReport> report) throws IOException {
    HttpServer server = HttpServer.create(address, BACKLOG);
    server.createContext("/status", exchange -> answer(exchange, report));
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
    return new StatusServer(server);
  }

  private static void answer(HttpExchange exchange, Supplier<StatusReport> report) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET")) {
        exchange.getResponseHeaders().set("Allow", "GET");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(report.get());
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** The address actually listened on. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  @Override
  public void close() {
    server.stop(STOP_DELAY_SECONDS);
  }
}
