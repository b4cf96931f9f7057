package dev.corral.testkafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * One real Apache Kafka broker for tests: a single KRaft node that is broker and controller at once,
 * run as a child JVM ({@code kafka.Kafka}) with the broker's own classpath, listening on 127.0.0.1 only.
 *
 * <p><b>Where the broker's classpath comes from.</b> The module {@code corral-test-kafka} writes it at
 * build time to {@code corral-test-kafka/target/kafka-broker.classpath}; a test JVM finds that file through
 * the system property {@value #CLASSPATH_PROPERTY}, which the dependent module's surefire configuration sets:
 * <pre>{@code
 * <corral.kafka.broker.classpath>${project.basedir}/../corral-test-kafka/target/kafka-broker.classpath</corral.kafka.broker.classpath>
 * }</pre>
 * The dependent module adds {@code corral-test-kafka} test-scoped with {@code <exclusion>*:*</exclusion>}, so
 * this JDK-only class is on its test classpath and no Kafka server jar is.
 *
 * <p><b>Lifecycle.</b> {@link #start(Path)} formats a fresh storage directory with a random cluster id,
 * starts the broker and returns once it answers a Kafka request. {@link #stop()} (SIGTERM, a clean shutdown)
 * and {@link #kill()} (SIGKILL) end the process and keep the data; {@link #start()} runs it again on the same
 * data and the same ports, so {@link #bootstrapServers()} never changes. {@link #close()} ends it for good; a
 * JVM shutdown hook does the same, and the child halts by itself when its parent's pipe closes (a test JVM
 * killed with SIGKILL leaves no broker behind). The broker's logs stay in {@code <dir>/logs}.
 *
 * <p>Topics are never created implicitly ({@code auto.create.topics.enable=false}): a test creates what it
 * uses, and a deleted topic stays deleted. Other broker properties can be given to {@link #start(Path, Map)}.
 *
 * <p><b>Security.</b> {@link #start(Path, Map, SecureListeners)} also opens a {@code SASL_PLAINTEXT} listener
 * (PLAIN and SCRAM-SHA-512) and an {@code SSL} one ({@link SecureListeners}); {@link #bootstrapServers()} stays the
 * PLAINTEXT listener, which brokers and controllers use among themselves and tests use to create and read topics.
 *
 * <p>Not thread-safe: one test thread drives one broker.
 */
public final class KafkaTestBroker implements AutoCloseable {
  /** The system property naming the broker's classpath file (see the class comment). */
  public static final String CLASSPATH_PROPERTY = "corral.kafka.broker.classpath";
  /** A cold broker starts in about 5 s; two cores shared by many test JVMs can make that ten times longer. */
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
  /** A clean shutdown of a one-node broker takes a few seconds; past a minute it is stuck and gets SIGKILL. */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
  /** Enough for a test broker's page of log segments and indexes; keeps the machine's memory for the tests. */
  private static final String HEAP = "-Xmx512m";

  private final Path dir;
  private final List<String> classpath;
  private final int brokerPort;
  private final int controllerPort;
  /** Null without secure listeners; then their ports are 0. */
  private final SecureListeners secure;
  private final int saslPort;
  private final int sslPort;
  private BrokerCertificate certificate;
  private final Thread shutdownHook = new Thread(this::destroyQuietly, "kafka-test-broker-shutdown");
  private Process process;
  private boolean closed;

  private KafkaTestBroker(Path dir, List<String> classpath, int brokerPort, int controllerPort,
      SecureListeners secure) {
    this.dir = dir;
    this.classpath = classpath;
    this.brokerPort = brokerPort;
    this.controllerPort = controllerPort;
    this.secure = secure;
    this.saslPort = secure == null ? 0 : freePort();
    this.sslPort = secure == null ? 0 : freePort();
  }

  /** Formats {@code dir} (created if missing, must hold no broker yet) and starts a broker on it. */
  public static KafkaTestBroker start(Path dir) throws IOException, InterruptedException {
    return start(dir, Map.of());
  }

  /**
   * Like {@link #start(Path)}, with extra broker properties ({@code server.properties} keys) that replace
   * the defaults of the same name.
   *
   * @throws IOException when the classpath file is missing (naming the property and the path), the
   *     storage cannot be formatted, or the broker exits or does not answer within the start timeout
   *     (naming its log file)
   */
  public static KafkaTestBroker start(Path dir, Map<String, String> overrides) throws IOException, InterruptedException {
    return start(dir, overrides, null);
  }

  /**
   * Like {@link #start(Path, Map)}, with the {@code SASL_PLAINTEXT} and {@code SSL} listeners of {@code secure} as
   * well (none when null); the TLS material is made with {@code openssl} in {@code <dir>/tls}.
   *
   * @throws IOException as {@link #start(Path, Map)} does, and when {@code openssl} is missing or fails
   */
  public static KafkaTestBroker start(Path dir, Map<String, String> overrides, SecureListeners secure)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    KafkaTestBroker broker = new KafkaTestBroker(dir.toAbsolutePath(), brokerClasspath(), freePort(), freePort(),
        secure);
    if (secure != null) {
      broker.certificate = BrokerCertificate.create(broker.dir.resolve("tls"));
    }
    broker.writeConfiguration(overrides);
    broker.format();
    Runtime.getRuntime().addShutdownHook(broker.shutdownHook);
    broker.start();
    return broker;
  }

  /** {@code 127.0.0.1:<port>}, the same across {@link #stop()} and {@link #start()}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + brokerPort;
  }

  /**
   * A test producer's properties for the PLAINTEXT listener: {@code acks=all}, string keys and values (named by
   * class, so this module needs no Kafka client at compile time).
   */
  public Properties producerProperties() {
    Properties properties = new Properties();
    properties.put("bootstrap.servers", bootstrapServers());
    properties.put("acks", "all");
    properties.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    properties.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    return properties;
  }

  /**
   * {@code 127.0.0.1:<port>} of the {@code SASL_PLAINTEXT} listener (mechanisms PLAIN and SCRAM-SHA-512).
   *
   * @throws IllegalStateException when the broker was started without {@link SecureListeners}
   */
  public String saslBootstrapServers() {
    requireSecure();
    return "127.0.0.1:" + saslPort;
  }

  /**
   * {@code 127.0.0.1:<port>} of the {@code SSL} listener, whose certificate {@link #caCertificate()} signed.
   *
   * @throws IllegalStateException when the broker was started without {@link SecureListeners}
   */
  public String sslBootstrapServers() {
    requireSecure();
    return "127.0.0.1:" + sslPort;
  }

  /**
   * The PEM file of the CA that signed the SSL listener's certificate (for {@code ssl.truststore.location}).
   *
   * @throws IllegalStateException when the broker was started without {@link SecureListeners}
   */
  public Path caCertificate() {
    requireSecure();
    return certificate.ca();
  }

  private void requireSecure() {
    if (secure == null) {
      throw new IllegalStateException("the Kafka test broker in " + dir + " was started without secure listeners"
          + " (KafkaTestBroker.start(dir, overrides, SecureListeners))");
    }
  }

  /** The broker's directory: {@code data/} (its log dirs), {@code logs/}, {@code server.properties}. */
  public Path directory() {
    return dir;
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Starts the broker again on the data it has; returns once it answers. A running broker is left as is. */
  public void start() throws IOException, InterruptedException {
    if (closed) throw new IllegalStateException("the Kafka test broker in " + dir + " is closed");
    if (isRunning()) return;
    Path log = dir.resolve("logs").resolve("console.log");
    process = launch(List.of("dev.corral.testkafka.BrokerMain", "kafka.Kafka", config().toString()), log);
    BrokerProbe.awaitReady(process, brokerPort, READY_TIMEOUT, log);
  }

  /** SIGTERM and waits for a clean shutdown (SIGKILL past the stop timeout). Keeps the data. */
  public void stop() throws InterruptedException {
    if (process == null) return;
    process.destroy();
    if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
  }

  /** SIGKILL, as a crash would end it, and waits until the process is gone. Keeps the data. */
  public void kill() throws InterruptedException {
    if (process == null) return;
    process.destroyForcibly().waitFor();
  }

  /** Stops the broker for good; the directory is left for the caller (a JUnit {@code @TempDir}) to remove. */
  @Override
  public void close() throws InterruptedException {
    if (closed) return;
    closed = true;
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is already running and ends the process itself
    }
  }

  private void destroyQuietly() {
    if (process != null) process.destroyForcibly();
  }

  private Path config() {
    return dir.resolve("server.properties");
  }

  private void writeConfiguration(Map<String, String> overrides) throws IOException {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("process.roles", "broker,controller");
    properties.put("node.id", "1");
    properties.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    properties.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    properties.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    properties.put("controller.listener.names", "CONTROLLER");
    properties.put("inter.broker.listener.name", "PLAINTEXT");
    properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    properties.put("log.dirs", dir.resolve("data").toString());
    properties.put("auto.create.topics.enable", "false");
    properties.put("num.partitions", "1");
    // One node: every internal topic has one replica, and a consumer group forms without waiting for more members.
    properties.put("offsets.topic.replication.factor", "1");
    properties.put("offsets.topic.num.partitions", "1");
    properties.put("transaction.state.log.replication.factor", "1");
    properties.put("transaction.state.log.min.isr", "1");
    properties.put("share.coordinator.state.topic.replication.factor", "1");
    properties.put("share.coordinator.state.topic.min.isr", "1");
    properties.put("group.initial.rebalance.delay.ms", "0");
    // A restarted broker cannot register while the controller still counts its previous incarnation's session
    // (9 s by default after the controller starts): a short session lets the restart in tests register in about
    // 4 s instead (heartbeats every 0.5 s keep a running broker well inside it).
    properties.put("broker.heartbeat.interval.ms", "500");
    properties.put("broker.session.timeout.ms", "4000");
    if (secure != null) {
      addSecureListeners(properties);
    }
    properties.putAll(overrides);
    StringBuilder text = new StringBuilder();
    properties.forEach((key, value) -> text.append(key).append('=').append(value.replace("\\", "\\\\")).append('\n'));
    Files.writeString(config(), text);
    Files.createDirectories(dir.resolve("logs"));
    Files.writeString(dir.resolve("logs").resolve("log4j2.properties"), """
        rootLogger.level = INFO
        rootLogger.appenderRef.file.ref = file
        appender.file.type = File
        appender.file.name = file
        appender.file.fileName = %s
        appender.file.layout.type = PatternLayout
        appender.file.layout.pattern = [%%d] %%p %%m (%%c)%%n
        """.formatted(dir.resolve("logs").resolve("server.log").toString().replace("\\", "/")));
  }

  /**
   * The SASL_PLAINTEXT and SSL listeners, configured per listener ({@code listener.name.<listener>.*}): the
   * brokers' JAAS settings are properties, no JAAS file. PLAIN checks the {@code user_<name>} options of its login
   * module; SCRAM checks the credentials {@link #format()} wrote into the cluster metadata.
   */
  private void addSecureListeners(Map<String, String> properties) {
    properties.put("listeners", properties.get("listeners") + ",SASL_PLAINTEXT://127.0.0.1:" + saslPort
        + ",SSL://127.0.0.1:" + sslPort);
    properties.put("advertised.listeners", properties.get("advertised.listeners") + ",SASL_PLAINTEXT://127.0.0.1:"
        + saslPort + ",SSL://127.0.0.1:" + sslPort);
    properties.put("listener.security.protocol.map", properties.get("listener.security.protocol.map")
        + ",SASL_PLAINTEXT:SASL_PLAINTEXT,SSL:SSL");
    properties.put("listener.name.sasl_plaintext.sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-512");
    StringBuilder plain = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required");
    secure.users().forEach((name, password) -> plain.append(" user_").append(name).append("=\"").append(password)
        .append('"'));
    properties.put("listener.name.sasl_plaintext.plain.sasl.jaas.config", plain.append(';').toString());
    properties.put("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    properties.put("listener.name.ssl.ssl.keystore.type", "PEM");
    properties.put("listener.name.ssl.ssl.keystore.location", certificate.keystore().toString());
  }

  private void format() throws IOException, InterruptedException {
    Path log = dir.resolve("logs").resolve("format.log");
    List<String> command = new ArrayList<>(List.of("kafka.tools.StorageTool", "format", "-t", randomClusterId(),
        "-c", config().toString()));
    if (secure != null) {
      secure.users().forEach((name, password) -> command.addAll(List.of("--add-scram",
          "SCRAM-SHA-512=[name=" + name + ",password=" + password + "]")));
    }
    Process formatting = launch(command, log);
    if (!formatting.waitFor(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      formatting.destroyForcibly();
      throw new IOException("formatting the Kafka storage in " + dir + " did not finish within " + READY_TIMEOUT
          + "; see " + log);
    }
    if (formatting.exitValue() != 0) {
      throw new IOException("formatting the Kafka storage in " + dir + " failed with exit code "
          + formatting.exitValue() + ": " + Files.readString(log, StandardCharsets.UTF_8).strip());
    }
  }

  private Process launch(List<String> mainAndArguments, Path log) throws IOException {
    List<String> command = new ArrayList<>(List.of(javaExecutable(), HEAP, "-XX:+UseSerialGC", "-Djava.awt.headless=true",
        "-Dlog4j2.configurationFile=" + dir.resolve("logs").resolve("log4j2.properties"),
        "-Dkafka.logs.dir=" + dir.resolve("logs"),
        "-cp", String.join(java.io.File.pathSeparator, classpath)));
    command.addAll(mainAndArguments);
    Files.createDirectories(log.getParent());
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }

  /** The broker's jars plus the location of this class (for {@link BrokerMain}). */
  private static List<String> brokerClasspath() throws IOException {
    String file = System.getProperty(CLASSPATH_PROPERTY);
    if (file == null || file.isBlank()) {
      throw new IOException("system property " + CLASSPATH_PROPERTY + " is not set: point it at"
          + " corral-test-kafka/target/kafka-broker.classpath in the module's surefire configuration");
    }
    Path path = Path.of(file);
    if (!Files.isRegularFile(path)) {
      throw new IOException(CLASSPATH_PROPERTY + "=" + file + " is not a file: build corral-test-kafka first"
          + " (./mvnw -pl <module> -am ...)");
    }
    List<String> entries = new ArrayList<>();
    try {
      entries.add(Path.of(KafkaTestBroker.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("BUG: the class location of KafkaTestBroker is not a file URI", e);
    }
    entries.add(Files.readString(path, StandardCharsets.UTF_8).strip());
    return entries;
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * A KRaft cluster id: 16 random bytes, URL-safe base64 without padding, never starting with '-' (what
   * {@code kafka-storage random-uuid} prints; a leading '-' would read as a command-line option).
   */
  private static String randomClusterId() {
    SecureRandom random = new SecureRandom();
    byte[] bytes = new byte[16];
    String id;
    do {
      random.nextBytes(bytes);
      id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    } while (id.startsWith("-"));
    return id;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }
}
