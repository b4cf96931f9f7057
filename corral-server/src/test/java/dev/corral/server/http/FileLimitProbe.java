package dev.corral.server.http;

import dev.corral.server.CorralServer;
import dev.corral.server.config.ConfigLoader;
import dev.corral.server.config.ServerConfig;
import java.util.Map;

/**
 * Run as a child process under a low {@code ulimit -n} by {@link FileLimitWarningTest}: starts a
 * server with every TCP socket input on (free ports), prints its HTTP connection cap and stops.
 * Usage: {@code FileLimitProbe <data dir>}.
 */
public final class FileLimitProbe {
  private FileLimitProbe() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> settings = Map.of("data.dir", args[0], "http.port", "0", "otlp.grpc_port", "-1",
        "syslog.udp_port", "-1", "syslog.tcp_port", "0", "gelf.udp_port", "-1", "gelf.tcp_port", "0",
        "fluent.port", "0", "storage.min_free_bytes", "0");
    try (CorralServer server = CorralServer.start(ServerConfig.from(ConfigLoader.load(null, Map.of(), settings)))) {
      System.out.println("http_max_connections=" + server.httpConnections().max());
    }
  }
}
