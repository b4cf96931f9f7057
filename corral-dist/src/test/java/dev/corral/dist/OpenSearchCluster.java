package dev.corral.dist;

import dev.corral.opensearch.node.ChildJvm;
import dev.corral.opensearch.node.NodeOptions;
import dev.corral.opensearch.node.OpenSearchLauncher;
import dev.corral.opensearch.node.OpenSearchProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A real OpenSearch cluster of several nodes on 127.0.0.1, each an {@link OpenSearchProcess} (a child JVM started
 * through the launcher that corral-bench-opensearch builds, system property {@value #TARGET_PROPERTY}). The first
 * node bootstraps the cluster as its only initial cluster manager; every further node joins it ({@link
 * NodeOptions#member}). With two nodes the voting configuration holds the first one alone, so stopping the second
 * never leaves the cluster without a manager. {@link #start} returns once every node is in the cluster and it is
 * green. Each node's console output goes to {@code <dir>/node-<i>.log}.
 *
 * <p>Not thread-safe: one test thread drives it. {@link #close} stops every node still running; the children are
 * also destroyed by a shutdown hook if the test JVM exits first.
 */
final class OpenSearchCluster implements AutoCloseable {
  static final String TARGET_PROPERTY = "corral.opensearch.launcher.target";
  /** Nodes join within seconds of their start; minutes on a shared machine means they never will. */
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
  private static final long POLL_MILLIS = 200;

  private final List<OpenSearchProcess> nodes = new ArrayList<>();

  private OpenSearchCluster() {}

  /** Starts {@code nodes} nodes (at least 1) with their homes under {@code dir}. */
  static OpenSearchCluster start(int nodes, Path dir) throws IOException, InterruptedException {
    if (nodes < 1) {
      throw new IllegalArgumentException("nodes (" + nodes + ") must be >= 1");
    }
    OpenSearchLauncher launcher = OpenSearchLauncher.locateFromProperty(TARGET_PROPERTY);
    OpenSearchCluster cluster = new OpenSearchCluster();
    try {
      int firstTransport = ChildJvm.freePort();
      for (int i = 0; i < nodes; i++) {
        int transport = i == 0 ? firstTransport : ChildJvm.freePort();
        NodeOptions options = NodeOptions.member("node-" + i, transport, "node-0", firstTransport);
        cluster.nodes.add(OpenSearchProcess.start(launcher, ChildJvm.freePort(), dir.resolve("node-" + i),
            dir.resolve("node-" + i + ".log"), options));
      }
      cluster.awaitMembers(nodes);
      return cluster;
    } catch (IOException | InterruptedException | RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** Waits until the first node's health counts {@code expected} nodes (each start already saw green). */
  private void awaitMembers(int expected) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    String members = "\"number_of_nodes\":" + expected + ",";
    while (System.nanoTime() < deadline) {
      HttpResponse<String> health = client.send(HttpRequest.newBuilder(url(0).resolve("/_cluster/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      if (health.statusCode() == 200 && health.body().contains(members)) {
        return;
      }
      Thread.sleep(POLL_MILLIS);
    }
    throw new IOException("the OpenSearch cluster at " + url(0) + " did not count " + expected + " nodes within "
        + READY_TIMEOUT);
  }

  /** Node {@code index}'s HTTP URL. */
  URI url(int index) {
    return nodes.get(index).base();
  }

  /** The URLs of the nodes {@code indexes}, in that order, comma-separated (for store.opensearch.urls). */
  String urls(int... indexes) {
    return java.util.Arrays.stream(indexes).mapToObj(i -> url(i).toString()).collect(Collectors.joining(","));
  }

  /** Stops node {@code index} cleanly (SIGTERM); the others go on as a smaller cluster. */
  void stop(int index) throws InterruptedException {
    nodes.get(index).close();
  }

  @Override
  public void close() throws InterruptedException {
    for (int i = nodes.size() - 1; i >= 0; i--) {
      nodes.get(i).close();
    }
  }
}
