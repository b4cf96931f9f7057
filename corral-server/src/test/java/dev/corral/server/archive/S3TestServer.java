package dev.corral.server.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server for tests: s3proxy (Maven Central, {@code org.gaul:s3proxy}, copied to
 * {@code target/s3proxy/s3proxy.jar} by the build) with its filesystem back end, in a child JVM on
 * a free 127.0.0.1 port. Its own JVM because its Jetty and jclouds are not ours. The objects live in
 * a directory the test owns, so {@link #stop()} then {@link #start()} keeps them (an object store
 * that went down and came back), and a test may corrupt one there.
 */
public final class S3TestServer implements AutoCloseable {
  public static final String ACCESS_KEY = "corral-test";
  public static final String SECRET_KEY = "corral-test-secret";
  public static final String BUCKET = "corral-archive";
  /** s3proxy starts in about a second; a loaded CI machine may take much longer. */
  private static final Duration STARTUP_BOUND = Duration.ofSeconds(60);
  private static final Path JAR = Path.of("target", "s3proxy", "s3proxy.jar");

  private final Path directory;
  private final int port;
  private Process process;

  private S3TestServer(Path directory, int port) {
    this.directory = directory;
    this.port = port;
  }

  /** Starts s3proxy with its objects under {@code directory} and creates {@link #BUCKET}. */
  public static S3TestServer start(Path directory) throws IOException, InterruptedException {
    S3TestServer server = new S3TestServer(directory, freePort());
    server.start();
    try (S3Client client = server.client()) {
      client.createBucket(b -> b.bucket(BUCKET));
    }
    return server;
  }

  /** The endpoint, {@code http://127.0.0.1:PORT}. */
  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** The settings that point a Corral server's archive here, under {@code prefix}. */
  public java.util.Map<String, String> archiveSettings(String prefix) {
    return settingsFor(endpoint(), prefix);
  }

  /** The settings that point a Corral server's archive to an s3proxy of this fixture at {@code endpoint}. */
  public static java.util.Map<String, String> settingsFor(String endpoint, String prefix) {
    return java.util.Map.of("archive.url", "s3://" + BUCKET + "/" + prefix, "archive.endpoint", endpoint,
        "archive.region", "us-east-1", "archive.access_key", ACCESS_KEY, "archive.secret_key", SECRET_KEY,
        "archive.path_style", "true");
  }

  /** Where s3proxy keeps the objects of {@code key} in {@link #BUCKET}: a plain file. */
  public Path objectFile(String key) {
    return directory.resolve("objects").resolve(BUCKET).resolve(key);
  }

  /** A client of this server, for a test to look at the bucket itself. */
  public S3Client client() {
    return S3Client.builder().endpointOverride(URI.create(endpoint())).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .forcePathStyle(true).httpClient(UrlConnectionHttpClient.create())
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
  }

  /** (Re)starts the process on the same port and directory; returns once it accepts connections. */
  public synchronized void start() throws IOException, InterruptedException {
    if (process != null && process.isAlive()) {
      return;
    }
    Files.createDirectories(directory.resolve("objects"));
    Path properties = directory.resolve("s3proxy.properties");
    Files.writeString(properties, String.join("\n",
        "s3proxy.endpoint=" + endpoint(),
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + ACCESS_KEY,
        "s3proxy.credential=" + SECRET_KEY,
        "jclouds.provider=filesystem",
        "jclouds.filesystem.basedir=" + directory.resolve("objects").toAbsolutePath(), ""), StandardCharsets.UTF_8);
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException("no " + JAR.toAbsolutePath() + ": the build copies s3proxy there at"
          + " generate-test-resources (run the tests through ./mvnw)");
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    process = new ProcessBuilder(java, "-Xmx256m", "-jar", JAR.toAbsolutePath().toString(), "--properties",
        properties.toAbsolutePath().toString())
        .redirectErrorStream(true).redirectOutput(directory.resolve("s3proxy.log").toFile()).start();
    awaitListening();
  }

  private void awaitListening() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + STARTUP_BOUND.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("s3proxy exited with " + process.exitValue() + "; see " + directory.resolve("s3proxy.log"));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    stop();
    throw new IOException("s3proxy did not listen on port " + port + " within " + STARTUP_BOUND + "; see "
        + directory.resolve("s3proxy.log"));
  }

  /** Stops the process (kill, as an outage would); the objects stay on disk. */
  public synchronized void stop() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
      process = null;
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
