package dev.corral.dist;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Several Corral nodes, each corral.jar's {@code serve} as a child JVM ({@link ServerProcess}) on its own data
 * directory {@code <dir>/node-<i>} and free port, all with the same settings: what an operator runs behind one
 * Kafka consumer group and one OpenSearch cluster. A node can be killed with SIGKILL and started again on the same
 * data and port. Its log is {@code <dir>/node-<i>-server.log}.
 *
 * <p>Not thread-safe: one test thread drives it. {@link #close} stops every node (SIGTERM).
 */
final class CorralNodes implements AutoCloseable {
  /** Inputs that would bind fixed ports: off, so several nodes fit on one machine. */
  private static final List<String> NO_SOCKET_INPUTS = List.of("otlp.grpc_port=-1", "syslog.udp_port=-1",
      "syslog.tcp_port=-1", "gelf.udp_port=-1", "gelf.tcp_port=-1", "fluent.port=-1");

  private final List<ServerProcess> nodes;

  private CorralNodes(List<ServerProcess> nodes) {
    this.nodes = List.copyOf(nodes);
  }

  /**
   * Starts {@code count} nodes one after the other, each with {@code settings} ({@code key=value}, passed as
   * {@code --set}), and returns once every one answers {@code /ready}.
   */
  static CorralNodes start(int count, Path dir, List<String> settings) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    List<String> arguments = new ArrayList<>();
    for (String setting : concat(NO_SOCKET_INPUTS, settings)) {
      arguments.add("--set");
      arguments.add(setting);
    }
    List<ServerProcess> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        ServerProcess node = new ServerProcess(dir.resolve("node-" + i), arguments);
        nodes.add(node);
        node.start();
      }
      return new CorralNodes(nodes);
    } catch (IOException | InterruptedException | RuntimeException e) {
      for (ServerProcess node : nodes) {
        node.close();
      }
      throw e;
    }
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  int size() {
    return nodes.size();
  }

  /** Node {@code index}'s base URL, the same across a kill and a restart. */
  URI url(int index) {
    return nodes.get(index).url();
  }

  /** SIGKILL to node {@code index}: no shutdown, no flush, no commit; it leaves its consumer group by timeout. */
  void kill(int index) throws InterruptedException {
    nodes.get(index).kill();
  }

  /** Starts node {@code index} again on its data directory and port; returns once it is ready. */
  void restart(int index) throws IOException, InterruptedException {
    nodes.get(index).start();
  }

  /** Node {@code index}'s log so far, for assertion messages. */
  String log(int index) throws IOException {
    return nodes.get(index).log();
  }

  @Override
  public void close() throws InterruptedException {
    for (ServerProcess node : nodes) {
      node.close();
    }
  }
}
