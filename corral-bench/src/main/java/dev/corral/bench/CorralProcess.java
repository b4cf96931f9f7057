package dev.corral.bench;

import dev.corral.opensearch.node.ChildJvm;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Corral server started as a child JVM ({@code java -Xmx1g -jar corral.jar serve}) on a free
 * port with only the HTTP input, its output going to a log file. {@link #close} stops it with
 * SIGTERM and waits for a clean shutdown.
 */
public final class CorralProcess implements AutoCloseable {
  /** Heap of the server under test: the documented default of ./corral. */
  public static final String HEAP = ChildJvm.HEAP;
  /** Recovery of an empty data directory takes seconds; a minute means something is wrong. */
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
  private static final List<String> NO_SOCKET_INPUTS = List.of("otlp.grpc_port=-1", "syslog.udp_port=-1",
      "syslog.tcp_port=-1", "gelf.udp_port=-1", "gelf.tcp_port=-1", "fluent.port=-1");

  private final Process process;
  private final URI base;
  private final Path data;
  private final Path gcLog;

  private CorralProcess(Process process, URI base, Path data, Path gcLog) {
    this.process = process;
    this.base = base;
    this.data = data;
    this.gcLog = gcLog;
  }

  /**
   * Creates an admin API key in {@code data} with the jar's own {@code corral keys create --data}
   * (before the server starts: it takes the data directory's lock) and returns it.
   */
  public static String createAdminKey(Path jar, Path data, Path log) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(ChildJvm.javaBinary(), "-jar", jar.toString(), "keys", "create", "--scope",
        "admin", "--name", "bench", "--data", data.toString())
        .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    String key = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
    if (process.waitFor() != 0 || key.isEmpty()) {
      throw new IOException("corral keys create failed (exit " + process.exitValue() + "); see " + log);
    }
    return key;
  }

  /**
   * Starts the server and returns once {@code GET /ready} answers 200.
   *
   * @param apiKey null for a server without access control; else the server runs with {@code auth.mode: keys}
   *     (the key must exist in {@code data}, see {@link #createAdminKey})
   * @param settings further {@code key=value} settings, each passed as {@code --set}; with {@code tls.cert=…} the
   *     server speaks HTTPS and {@link #base()} says so
   */
  public static CorralProcess start(Path jar, Path data, Path log, String apiKey, List<String> settings)
      throws IOException, InterruptedException {
    int port = ChildJvm.freePort();
    Path gcLog = log.resolveSibling("server-gc.log");
    List<String> command = new ArrayList<>(List.of(ChildJvm.javaBinary(), HEAP, ChildJvm.gcLogOption(gcLog), "-jar", jar.toString(), "serve",
        "--port", Integer.toString(port), "--data", data.toString()));
    for (String setting : java.util.stream.Stream.concat(NO_SOCKET_INPUTS.stream(), settings.stream()).toList()) {
      command.add("--set");
      command.add(setting);
    }
    if (apiKey != null) {
      command.add("--set");
      command.add("auth.mode=keys");
      // the audit log would add one event per benchmark query to the store, and the totals compared
      // with the peers' would differ by them
      command.add("--set");
      command.add("audit.enabled=false");
    }
    Process process = ChildJvm.start(command, log);
    boolean https = settings.stream().anyMatch(setting -> setting.startsWith("tls.cert="));
    CorralProcess server = new CorralProcess(process, URI.create((https ? "https" : "http") + "://127.0.0.1:" + port),
        data, gcLog);
    ProcessResources.printStart("corral server", process.pid(),
        ChildJvm.awaitReady(process, server.base.resolve("/ready"), body -> true, READY_TIMEOUT, "corral server", log));
    return server;
  }

  public URI base() {
    return base;
  }

  public long pid() {
    return process.pid();
  }

  public Path data() {
    return data;
  }

  /** The server's GC log ({@link GcLog}), next to its console log. */
  public Path gcLog() {
    return gcLog;
  }

  @Override
  public void close() throws InterruptedException {
    ChildJvm.stop(process, STOP_TIMEOUT);
  }
}
