package dev.corral.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * What every server the benchmark starts as a child JVM needs: the same {@code java} binary as
 * the benchmark's own, a free local port, waiting until the server answers over HTTP, and a clean
 * stop. Stateless; safe from any thread.
 */
final class ChildJvm {
  /** Heap of every server under test: the documented default of ./corral, the same for each peer. */
  static final String HEAP = "-Xmx1g";
  private static final long POLL_MILLIS = 100;
  /** A readiness probe is cheap; a listener that takes longer to answer is not the server, or not ready. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

  private ChildJvm() {}

  /** The java binary running this benchmark, so every child runs on the same JDK. */
  static String javaBinary() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /** A local TCP port that was free a moment ago (another process may still take it first). */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Starts {@code command} with stdout and stderr appended to {@code log}. */
  static Process start(List<String> command, Path log) throws IOException {
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
  }

  /**
   * Polls {@code GET uri} until {@code ready} accepts a 200 answer's body, then prints on stderr how
   * long the start took and how much CPU it used (part of the peer's CPU figure).
   *
   * @param name what is starting, for error messages ("corral server")
   * @param log the child's log file, named in every error
   * @throws IOException when the process exits first or the timeout passes (the process is then killed)
   */
  static void awaitReady(Process process, URI uri, Predicate<String> ready, Duration timeout, String name, Path log)
      throws IOException, InterruptedException {
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
          System.err.printf(Locale.ROOT, "bench: %s ready after %.1f s, %.1f CPU s%n", name,
              (System.nanoTime() - start) / 1e9, ProcessResources.cpuSeconds(process.pid()));
          return;
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
  static void stop(Process process, Duration timeout) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
