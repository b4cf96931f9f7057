package dev.corral.opensearch.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a node joins others: empty for a lone single-node cluster ({@link #SINGLE}); for a cluster of
 * several child JVMs, each node's name and transport port, the transport addresses of the nodes to
 * discover, and the names that elect the first cluster manager. {@link #member}: every node gets the
 * first one's transport address as seed and its name as the only cluster manager, so the first
 * elects itself and the others join it; start them in that order.
 *
 * @param nodeName the node's name, unique in the cluster
 * @param transportPort the node's transport port on 127.0.0.1, or 0 for the runner's choice
 * @param seedHosts {@code 127.0.0.1:<transport port>} of nodes to discover; empty: a single-node cluster
 * @param clusterManagers names of the nodes that bootstrap the cluster (with seed hosts)
 */
public record NodeOptions(String nodeName, int transportPort, List<String> seedHosts, List<String> clusterManagers) {
  /** A lone node: the launcher's defaults. */
  public static final NodeOptions SINGLE = new NodeOptions("Node 1", 0, List.of(), List.of());

  public NodeOptions {
    Objects.requireNonNull(nodeName, "nodeName");
    seedHosts = List.copyOf(seedHosts);
    clusterManagers = List.copyOf(clusterManagers);
  }

  /** A member of a cluster whose first node is {@code firstName}, reached on {@code firstTransportPort}. */
  public static NodeOptions member(String nodeName, int transportPort, String firstName, int firstTransportPort) {
    return new NodeOptions(nodeName, transportPort, List.of("127.0.0.1:" + firstTransportPort), List.of(firstName));
  }

  /** The launcher's command-line options for these. */
  List<String> arguments() {
    List<String> args = new ArrayList<>(List.of("--node-name", nodeName));
    if (transportPort > 0) {
      args.addAll(List.of("--transport-port", Integer.toString(transportPort)));
    }
    if (!seedHosts.isEmpty()) {
      args.addAll(List.of("--seed-hosts", String.join(",", seedHosts)));
    }
    if (!clusterManagers.isEmpty()) {
      args.addAll(List.of("--cluster-managers", String.join(",", clusterManagers)));
    }
    return args;
  }
}
