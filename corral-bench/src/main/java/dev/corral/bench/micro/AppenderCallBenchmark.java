package dev.corral.bench.micro;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import dev.corral.client.ClientStats;
import dev.corral.logback.CorralAppender;
import dev.corral.server.CorralServer;
import dev.corral.server.config.ConfigLoader;
import dev.corral.server.config.ServerConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * What one log call costs the application thread: {@code log.info("order {} placed by {}", n, user)} with a
 * {@code trace_id} in the MDC, through
 * <ul>
 *   <li>{@code CORRAL_UP}: {@link CorralAppender} to a real Corral server started in this JVM (its own data
 *       directory under {@code java.io.tmpdir}, socket inputs off);</li>
 *   <li>{@code CORRAL_DOWN}: {@link CorralAppender} to a port nobody listens on (every batch fails, the queue
 *       fills, events are dropped and counted);</li>
 *   <li>{@code LOGBACK_ASYNC}: Logback's own {@code AsyncAppender} with its defaults (queue 256, blocking when
 *       full) in front of an {@code OutputStreamAppender} (a console appender's class) writing a pattern layout
 *       to a null output stream.</li>
 * </ul>
 * Sample-time mode: JMH reports p50, p90, p99, p99.9 of single calls. Back to back ({@code paceMicros=0}) the
 * application logs far faster than any server stores, so with Corral up the queue is full too and most calls take
 * the drop path; paced ({@code paceMicros=20}) the queue has room. The teardown prints what the appender delivered
 * and dropped.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AppenderCallBenchmark {
  /** Where the events go. */
  public enum Target { CORRAL_UP, CORRAL_DOWN, LOGBACK_ASYNC }

  @Param
  public Target target;

  private LoggerContext context;
  private Logger log;
  private Appender<ILoggingEvent> appender;
  private CorralServer server;
  private Path dataDir;
  private long sequence;

  /**
   * Puts a trace id in the benchmark thread's MDC, as a propagation filter does per request, and paces the calls:
   * with {@code paceMicros} above 0 the thread parks that long before each call (outside the measured time), so
   * the application logs at a rate a sender can keep up with (about 20–50k events/s here) and the calls take the
   * queueing path instead of the drop path.
   */
  @State(Scope.Thread)
  public static class Request {
    /** 0: log back to back; 20: a busy service's rate. */
    @Param({"0", "20"})
    public int paceMicros;

    @Setup(Level.Invocation)
    public void pace() {
      if (paceMicros > 0) {
        java.util.concurrent.locks.LockSupport.parkNanos(paceMicros * 1000L);
      }
    }

    @Setup(Level.Trial)
    public void enter() {
      MDC.put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @TearDown(Level.Trial)
    public void leave() {
      MDC.clear();
    }
  }

  @Setup(Level.Trial)
  public void start() throws IOException {
    context = new LoggerContext();
    context.setName("appender-bench");
    context.setMDCAdapter(MDC.getMDCAdapter());
    appender = switch (target) {
      case CORRAL_UP -> corral(startServer());
      case CORRAL_DOWN -> corral(closedPortUrl());
      case LOGBACK_ASYNC -> asyncToNullStream();
    };
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAndStopAllAppenders();
    root.addAppender(appender);
    log = context.getLogger("shop.checkout.OrderService");
  }

  @Benchmark
  public void logInfo(Request request) {
    log.info("order {} placed by {}", sequence++, "user-42");
  }

  @TearDown(Level.Trial)
  public void stop() throws IOException {
    context.stop();
    if (appender instanceof CorralAppender corral) {
      ClientStats stats = corral.stats();
      System.out.printf("%n%s: logged %,d, delivered %,d, dropped %,d%n", target, stats.logged(), stats.delivered(),
          stats.dropped());
    }
    if (server != null) {
      server.close();
      try (Stream<Path> files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  /** The logger the benchmark calls (for the unit test). */
  Logger logger() {
    return log;
  }

  /** The appender the calls go to (for the unit test). */
  Appender<ILoggingEvent> appender() {
    return appender;
  }

  private String startServer() throws IOException {
    dataDir = Files.createTempDirectory("corral-appender-bench");
    Map<String, String> settings = new HashMap<>(Map.of("http.port", "0", "otlp.grpc_port", "-1",
        "data.dir", dataDir.toString(), "syslog.udp_port", "-1", "syslog.tcp_port", "-1", "gelf.udp_port", "-1",
        "gelf.tcp_port", "-1", "fluent.port", "-1"));
    server = CorralServer.start(ServerConfig.from(ConfigLoader.load(null, Map.of(), settings)));
    return server.url();
  }

  private static String closedPortUrl() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return "http://127.0.0.1:" + socket.getLocalPort();
    }
  }

  private Appender<ILoggingEvent> corral(String url) {
    CorralAppender appender = new CorralAppender();
    appender.setContext(context);
    appender.setName("bench");
    appender.setUrl(url);
    appender.setService("bench");
    appender.setShutdownTimeout("10s");
    appender.start();
    return appender;
  }

  private Appender<ILoggingEvent> asyncToNullStream() {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{ISO8601} %-5level [%thread] %logger{36} trace_id=%X{trace_id} - %msg%n");
    encoder.start();
    OutputStreamAppender<ILoggingEvent> sink = new OutputStreamAppender<>();
    sink.setContext(context);
    sink.setName("null-stream");
    sink.setEncoder(encoder);
    sink.setOutputStream(OutputStream.nullOutputStream());
    sink.start();
    AsyncAppender async = new AsyncAppender();
    async.setContext(context);
    async.setName("bench");
    async.addAppender(sink);
    async.start();
    return async;
  }
}
