package dev.corral.opensearch.node;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One real OpenSearch node started as a child JVM through an {@link OpenSearchLauncher}: a free
 * HTTP port on 127.0.0.1, its files under a home directory, its console output appended to a log
 * file. {@link #start} returns once the cluster is green; {@link #close} stops the node with
 * SIGTERM and waits for a clean shutdown.
 */
public final class OpenSearchProcess implements AutoCloseable {
  /** A cold node starts in about 15 s on two busy cores; three minutes means it is stuck. */
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final URI base;
  private final Path home;

  private OpenSearchProcess(Process process, URI base, Path home) {
    this.process = process;
    this.base = base;
    this.home = home;
  }

  /** Starts a node on a free port; see {@link #start(OpenSearchLauncher, int, Path, Path)}. */
  public static OpenSearchProcess start(OpenSearchLauncher launcher, Path home, Path log)
      throws IOException, InterruptedException {
    return start(launcher, ChildJvm.freePort(), home, log);
  }

  /**
   * Starts a node on {@code httpPort} and returns once {@code GET /_cluster/health} reports green.
   *
   * @throws IOException naming {@code log} when the node exits first (port in use, bad directory)
   *     or is not green within the start timeout
   */
  public static OpenSearchProcess start(OpenSearchLauncher launcher, int httpPort, Path home, Path log)
      throws IOException, InterruptedException {
    return start(launcher, httpPort, home, log, NodeOptions.SINGLE);
  }

  /**
   * Starts a node that joins others as {@code options} say and returns once {@code GET
   * /_cluster/health} on it reports green (it has joined: a node without a cluster manager answers
   * no health).
   */
  public static OpenSearchProcess start(OpenSearchLauncher launcher, int httpPort, Path home, Path log,
      NodeOptions options) throws IOException, InterruptedException {
    Files.createDirectories(home);
    Process process = ChildJvm.start(launcher.command(httpPort, home, options), log);
    OpenSearchProcess node = new OpenSearchProcess(process, URI.create("http://127.0.0.1:" + httpPort), home);
    ChildJvm.awaitReady(process, node.base.resolve("/_cluster/health"), body -> body.contains("\"status\":\"green\""),
        READY_TIMEOUT, "OpenSearch node (port " + httpPort + ")", log);
    return node;
  }

  public URI base() {
    return base;
  }

  public long pid() {
    return process.pid();
  }

  public int httpPort() {
    return base.getPort();
  }

  /** The node's log of garbage collections. */
  public Path gcLog() {
    return OpenSearchLauncher.gcLog(home);
  }

  /** The node's data directory ({@code path.data}). */
  public Path dataDirectory() {
    return home.resolve("node_1").resolve("data");
  }

  @Override
  public void close() throws InterruptedException {
    ChildJvm.stop(process, STOP_TIMEOUT);
  }
}
