package dev.corral.opensearch.node;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * What every server started as a child JVM needs (an OpenSearch node here, a Corral server in the
 * benchmark): the same {@code java} binary as the parent's, a free local port, waiting until the
 * server answers over HTTP, and a clean stop. Stateless; safe from any thread.
 */
public final class ChildJvm {
  /** Heap of every server under test: the documented default of ./corral, the same for each peer. */
  public static final String HEAP = "-Xmx1g";
  private static final long POLL_MILLIS = 100;
  /** A readiness probe is cheap; a listener that takes longer to answer is not the server, or not ready. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

  /** Children still running, destroyed by one shutdown hook if this JVM exits before it stopped them. */
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "child-jvm-kill"));
  }

  private ChildJvm() {}

  /** The java binary running this JVM, so every child runs on the same JDK. */
  public static String javaBinary() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /** A local TCP port that was free a moment ago (another process may still take it first). */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** The JVM option that writes the child's log of garbage collections to {@code file}. */
  public static String gcLogOption(Path file) {
    return "-Xlog:gc:file=\"" + file.toAbsolutePath() + "\"";
  }

  /**
   * Starts {@code command} with stdout and stderr appended to {@code log}. The child is destroyed
   * when this JVM exits normally (a shutdown hook), so a test that dies does not leave it running.
   */
  public static Process start(List<String> command, Path log) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    RUNNING.add(process);
    process.onExit().thenRun(() -> RUNNING.remove(process));
    return process;
  }

  /**
   * Polls {@code GET uri} until {@code ready} accepts a 200 answer's body.
   *
   * @param name what is starting, for error messages ("corral server")
   * @param log the child's log file, named in every error
   * @return how long the start took
   * @throws IOException when the process exits first or the timeout passes (the process is then killed)
   */
  public static Duration awaitReady(Process process, URI uri, Predicate<String> ready, Duration timeout, String name,
      Path log) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(name + " exited with " + process.exitValue() + " before it was ready; see " + log);
      }
      try {
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).build(),
            HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200 && ready.test(answer.body())) {
          return Duration.ofNanos(System.nanoTime() - start);
        }
      } catch (IOException notListeningYet) {
        // the port opens some time after the JVM starts; keep polling until the deadline
      }
      Thread.sleep(POLL_MILLIS);
    }
    process.destroyForcibly().waitFor();
    throw new IOException(name + " not ready after " + timeout.toSeconds() + " s; see " + log);
  }

  /** Sends SIGTERM and waits up to {@code timeout} for a clean exit, then kills the process. */
  public static void stop(Process process, Duration timeout) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
