package dev.corral.dist;

import dev.corral.opensearch.node.ChildJvm;
import dev.corral.opensearch.node.OpenSearchLauncher;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A real OpenSearch cluster of several nodes on 127.0.0.1, each a child JVM started through the launcher that
 * corral-bench-opensearch builds (system property {@value #TARGET_PROPERTY}). The first node is the cluster manager
 * and holds data; every further node joins it as a data node only ({@code OpenSearchNodeMain --join}), so stopping
 * one of those never leaves the cluster without a manager. {@link #start} returns once every node is in the
 * cluster and it is green. Each node's console output goes to {@code <dir>/node-<i>.log}.
 *
 * <p>Not thread-safe: one test thread drives it. {@link #close} stops every node still running; the children are
 * also destroyed by {@link ChildJvm}'s shutdown hook if the test JVM exits first.
 */
final class OpenSearchCluster implements AutoCloseable {
  static final String TARGET_PROPERTY = "corral.opensearch.launcher.target";
  /** A cold node starts in about 15 s on two idle cores; the machine is shared, so ten times that. */
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  private final List<Process> processes = new ArrayList<>();
  private final List<URI> urls = new ArrayList<>();

  private OpenSearchCluster() {}

  /** Starts {@code nodes} nodes (at least 1) with their homes under {@code dir}. */
  static OpenSearchCluster start(int nodes, Path dir) throws IOException, InterruptedException {
    if (nodes < 1) {
      throw new IllegalArgumentException("nodes (" + nodes + ") must be >= 1");
    }
    OpenSearchLauncher launcher = OpenSearchLauncher.locateFromProperty(TARGET_PROPERTY);
    OpenSearchCluster cluster = new OpenSearchCluster();
    try {
      int managerTransport = ChildJvm.freePort();
      for (int i = 0; i < nodes; i++) {
        cluster.startNode(launcher, dir, i, i == 0 ? managerTransport : ChildJvm.freePort(),
            i == 0 ? null : "127.0.0.1:" + managerTransport, i + 1);
      }
      return cluster;
    } catch (IOException | InterruptedException | RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private void startNode(OpenSearchLauncher launcher, Path dir, int index, int transportPort, String join,
      int expectedNodes) throws IOException, InterruptedException {
    int httpPort = ChildJvm.freePort();
    Path home = dir.resolve("node-" + index);
    Files.createDirectories(home);
    Path log = dir.resolve("node-" + index + ".log");
    List<String> command = new ArrayList<>(launcher.command(httpPort, home));
    command.addAll(List.of("--transport-port", Integer.toString(transportPort)));
    if (join != null) {
      command.addAll(List.of("--join", join));
    }
    Process process = ChildJvm.start(command, log);
    processes.add(process);
    URI url = URI.create("http://127.0.0.1:" + httpPort);
    urls.add(url);
    String members = "\"number_of_nodes\":" + expectedNodes + ",";
    ChildJvm.awaitReady(process, url.resolve("/_cluster/health"),
        body -> body.contains("\"status\":\"green\"") && body.contains(members), READY_TIMEOUT,
        "OpenSearch node " + index + " (port " + httpPort + ")", log);
  }

  /** Node {@code index}'s HTTP URL. */
  URI url(int index) {
    return urls.get(index);
  }

  /** The URLs of the nodes {@code indexes}, in that order, comma-separated (for store.opensearch.urls). */
  String urls(int... indexes) {
    return java.util.Arrays.stream(indexes).mapToObj(i -> urls.get(i).toString()).collect(Collectors.joining(","));
  }

  /** Stops node {@code index} cleanly (SIGTERM); the others go on as a smaller cluster. */
  void stop(int index) throws InterruptedException {
    ChildJvm.stop(processes.get(index), STOP_TIMEOUT);
  }

  @Override
  public void close() throws InterruptedException {
    for (int i = processes.size() - 1; i >= 0; i--) {
      if (processes.get(i).isAlive()) {
        ChildJvm.stop(processes.get(i), STOP_TIMEOUT);
      }
    }
  }
}
