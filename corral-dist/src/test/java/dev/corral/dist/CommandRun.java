package dev.corral.dist;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * What a {@code corral} command printed and returned, run in this JVM with stdout and stderr captured. Public for
 * the tests of other modules (clients/python runs {@code corral trace}).
 *
 * @param exit the exit code
 * @param out what it printed on stdout
 * @param err what it printed on stderr
 */
public record CommandRun(int exit, String out, String err) {
  /** Runs {@code corral args...}. */
  /** A server on {@code data} with an ephemeral HTTP port and no other listener, for commands to talk to. */
  static dev.corral.server.CorralServer server(java.nio.file.Path data) throws java.io.IOException {
    return dev.corral.server.CorralServer.start(dev.corral.server.config.ServerConfig.from(
        dev.corral.server.config.ConfigLoader.load(null, java.util.Map.of(), java.util.Map.of("http.port", "0",
            "data.dir", data.toString(), "otlp.grpc_port", "-1", "syslog.udp_port", "-1", "syslog.tcp_port", "-1",
            "gelf.udp_port", "-1", "gelf.tcp_port", "-1", "fluent.port", "-1", "storage.min_free_bytes", "0"))));
  }

  /** Runs {@code corral args...} in this JVM (shared with other modules' tests through corral-dist's test-jar). */
  public static CommandRun corral(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
      int exit = new CommandLine(new CorralCommand()).execute(args);
      return new CommandRun(exit, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }
}
