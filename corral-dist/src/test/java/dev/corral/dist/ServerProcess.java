package dev.corral.dist;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * corral.jar running as a child process on loopback, as a user would start it: killable with
 * SIGKILL, restartable on the same data directory and port. Or, through {@link #installed}, an
 * unpacked distribution's bin/corral.
 */
final class ServerProcess implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  private final int port;
  /** The command that starts the server, told its port and data directory. */
  private final List<String> command;
  /** Variables added to our environment for the process. */
  private final Map<String, String> environment;
  private final Path log;
  private Process process;

  ServerProcess(Path dataDir, List<String> extraArgs) throws IOException {
    this(dataDir, extraArgs, 0);
  }

  /**
   * corral.jar's {@code serve} under {@code ulimit -n openFileLimit} (through bash, which then execs java),
   * or 0 to inherit ours.
   */
  ServerProcess(Path dataDir, List<String> extraArgs, int openFileLimit) throws IOException {
    Path jar = Path.of(System.getProperty("corral.jar", "target/corral.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("corral.jar not found at " + jar.toAbsolutePath() + "; run ./mvnw verify");
    }
    this.port = freePort();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar", jar.toString(),
        "serve", "--port", Integer.toString(port), "--data", dataDir.toString()));
    command.addAll(extraArgs);
    if (openFileLimit > 0) {
      List<String> limited = new ArrayList<>(List.of("bash", "-c", "ulimit -n " + openFileLimit + " && exec \"$0\" \"$@\""));
      limited.addAll(command);
      command = limited;
    }
    this.command = List.copyOf(command);
    this.environment = Map.of();
    this.log = logBeside(dataDir);
  }

  private ServerProcess(int port, List<String> command, Map<String, String> environment, Path log) {
    this.port = port;
    this.command = List.copyOf(command);
    this.environment = Map.copyOf(environment);
    this.log = log;
  }

  /**
   * {@code launcher serve} (an installation's bin/corral), its port and data directory given as {@code
   * CORRAL_HTTP_PORT} and {@code CORRAL_DATA_DIR} besides {@code environment}, so its configuration file is
   * the one it finds itself.
   */
  static ServerProcess installed(Path launcher, Path dataDir, Map<String, String> environment) throws IOException {
    int port = freePort();
    Map<String, String> all = new HashMap<>(environment);
    all.put("CORRAL_HTTP_PORT", Integer.toString(port));
    all.put("CORRAL_DATA_DIR", dataDir.toString());
    return new ServerProcess(port, List.of(launcher.toString(), "serve"), all, logBeside(dataDir));
  }

  private static Path logBeside(Path dataDir) {
    return dataDir.resolveSibling(dataDir.getFileName() + "-server.log");
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Starts the process and waits until /ready answers 200. */
  void start() throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(environment);
    process = builder.start();
    awaitReady();
  }

  /** The exit code after {@link #close()}, which asks the server to stop (SIGTERM). */
  int exitValue() {
    return process.exitValue();
  }

  /** The server's log so far (for assertion messages). */
  String log() throws IOException {
    return Files.readString(log);
  }

  /** File descriptors the process has open now (Linux: entries of /proc/PID/fd), or -1 elsewhere. */
  long openFiles() throws IOException {
    Path fds = Path.of("/proc", Long.toString(process.pid()), "fd");
    if (!Files.isDirectory(fds)) {
      return -1;
    }
    try (var entries = Files.list(fds)) {
      return entries.count();
    }
  }

  /** SIGKILL: no shutdown hook, no flush, no final commit. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  private void awaitReady() throws IOException, InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("server exited with " + process.exitValue() + "; log:\n" + Files.readString(log));
      }
      try {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(url().resolve("/ready")).build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYetListening) {
        // keep polling
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("server not ready after " + READY_TIMEOUT + "; log:\n" + Files.readString(log));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
