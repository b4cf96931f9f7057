package dev.corral.opensearch.node;

import dev.corral.opensearch.client.ClientSettings;
import dev.corral.opensearch.client.OpenSearchClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real OpenSearch node for a test class: started once before its first test, stopped and its
 * files deleted after its last. Use as
 * <pre>{@code @RegisterExtension static final OpenSearchTestNode node = new OpenSearchTestNode();}</pre>
 * or, for a class that neither stops the node nor depends on what other classes wrote (each writes
 * under index names of its own), share one node with every such class of the test run, which saves
 * a node start (seconds) per class:
 * <pre>{@code @RegisterExtension static final OpenSearchTestNode node = OpenSearchTestNode.shared();}</pre>
 * The node is a child JVM on a free port of 127.0.0.1 (no security plugin), built by module
 * corral-bench-opensearch; surefire's system property {@value #TARGET_PROPERTY} says where. Its
 * console output goes to {@code opensearch.log} in its home, named in every start error.
 *
 * <p>{@link #stop()} and {@link #restart()} take the node down and up again on the same port and
 * data, for tests of a cluster that goes away.
 */
public final class OpenSearchTestNode implements BeforeAllCallback, AfterAllCallback {
  /** Set by corral-opensearch's pom to {@code corral-bench-opensearch/target}. */
  public static final String TARGET_PROPERTY = "corral.opensearch.launcher.target";

  private static OpenSearchTestNode shared;

  private final boolean isShared;
  private Path home;
  private int port;
  private OpenSearchProcess process;

  /** A node of the test class's own. */
  public OpenSearchTestNode() {
    this(false);
  }

  private OpenSearchTestNode(boolean isShared) {
    this.isShared = isShared;
  }

  /**
   * The node shared by every class that asks for it in this test JVM: started by the first, stopped
   * and deleted when the JVM exits. Its users must not stop or restart it.
   */
  public static synchronized OpenSearchTestNode shared() {
    if (shared == null) {
      shared = new OpenSearchTestNode(true);
    }
    return shared;
  }

  /** The launcher built by corral-bench-opensearch. */
  public static OpenSearchLauncher launcher() throws IOException {
    return OpenSearchLauncher.locateFromProperty(TARGET_PROPERTY);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    synchronized (this) {
      if (process != null) {
        return; // the shared node, started for an earlier class
      }
      home = Files.createTempDirectory("corral-opensearch-" + (isShared ? "shared" : context.getRequiredTestClass().getSimpleName()));
      port = ChildJvm.freePort();
      start();
      if (isShared) {
        Runtime.getRuntime().addShutdownHook(new Thread(this::closeQuietly, "opensearch-test-node-stop"));
      }
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (!isShared) {
      close();
    }
  }

  private void close() throws IOException, InterruptedException {
    try {
      stopProcess();
    } finally {
      deleteTree(home);
    }
  }

  private void closeQuietly() {
    try {
      close();
    } catch (IOException | InterruptedException | UncheckedIOException e) {
      System.err.println("opensearch test node: cleanup failed: " + e);
    }
  }

  /** The node's base URL, {@code http://127.0.0.1:<port>}. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public int port() {
    return port;
  }

  /** The node's process id (for CPU figures). */
  public long pid() {
    return process.pid();
  }

  /** The node's home directory (data, logs, {@code opensearch.log}). */
  public Path home() {
    return home;
  }

  /** A client of this node alone; the caller closes it. */
  public OpenSearchClient client() throws IOException {
    return new OpenSearchClient(ClientSettings.of(List.of(url())));
  }

  /** Stops the node with SIGTERM and waits until it is gone; nothing listens on its port afterwards. */
  public void stop() throws InterruptedException {
    refuseIfShared();
    stopProcess();
  }

  private void stopProcess() throws InterruptedException {
    if (process != null) {
      process.close();
      process = null;
    }
  }

  /** Starts the node again on the same port with the same data, after {@link #stop()}; returns once it is green. */
  public void restart() throws IOException, InterruptedException {
    refuseIfShared();
    stopProcess();
    start();
  }

  private void refuseIfShared() {
    if (isShared) {
      throw new IllegalStateException("the shared node must not be stopped by a test; use a node of the class's own");
    }
  }

  private void start() throws IOException, InterruptedException {
    process = OpenSearchProcess.start(launcher(), port, home.resolve("node"), home.resolve("opensearch.log"));
  }

  /** Deletes {@code root} and everything under it; nothing when it is null or gone. */
  static void deleteTree(Path root) throws IOException {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.delete(path);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot delete " + path, e);
        }
      });
    }
  }
}
