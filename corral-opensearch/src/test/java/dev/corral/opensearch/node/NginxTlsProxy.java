package dev.corral.opensearch.node;

import dev.corral.opensearch.client.ClientSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real nginx in front of a test OpenSearch node, as a deployment puts a TLS-terminating,
 * authenticating reverse proxy before a cluster without the security plugin: https on
 * {@code localhost} with a certificate of a throwaway CA ({@link #caFile()}), HTTP basic auth for
 * {@link #USERNAME}/{@link #PASSWORD} only, proxying every request to the node over a keepalive
 * upstream, unbuffered, with bodies up to {@value #MAX_BODY} ({@code _bulk}). A second listener
 * ({@link #misnamedUrl()}) serves the same with a certificate of the same CA for another host.
 *
 * <p>Use after the node, for one test class:
 * <pre>{@code
 * @RegisterExtension static final OpenSearchTestNode node = OpenSearchTestNode.shared();
 * @RegisterExtension static final NginxTlsProxy proxy = new NginxTlsProxy(node);
 * }</pre>
 * nginx is Debian's ({@code apt-get install nginx}), run as a child process on 127.0.0.1 with its
 * own prefix, configuration, logs and temporary files in a directory deleted after the class, in the
 * foreground ({@code daemon off}) and as one process ({@code master_process off}); the class is skipped
 * without nginx or openssl, and fails under {@code CI=true}.
 */
public final class NginxTlsProxy implements BeforeAllCallback, AfterAllCallback {
  /** The one user the proxy lets in. */
  public static final String USERNAME = "corral";
  /** Its password: distinctive, so a test can check that no message or log line carries it. */
  public static final String PASSWORD = "pr0xy-s3cret-4711";
  /** Above the largest {@code _bulk} request Corral may send (store.opensearch.bulk_max_bytes is at most 64 MB). */
  static final String MAX_BODY = "100m";
  /** The host the second listener's certificate names, which no URL of the proxy uses. */
  public static final String OTHER_HOST = "elsewhere.invalid";
  /** A safety net for a broken nginx, not a timing assertion: the wait ends when the ports listen. */
  private static final Duration GIVE_UP = Duration.ofSeconds(60);
  /** nginx exits on SIGTERM at once; after this it is killed. */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final OpenSearchTestNode node;
  private Path dir;
  private Path ca;
  private int port;
  private int misnamedPort;
  private Process process;

  /** A proxy for {@code node}, which must be registered (started) before it. */
  public NginxTlsProxy(OpenSearchTestNode node) {
    this.node = node;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Path nginx = RequiredTool.find("nginx", "nginx");
    dir = Files.createTempDirectory("corral-nginx-");
    OpenSslCa authority = OpenSslCa.create(dir.resolve("tls"));
    ca = authority.certificate();
    Files.writeString(dir.resolve("htpasswd"), authority.htpasswdLine(USERNAME, PASSWORD));
    port = ChildJvm.freePort();
    misnamedPort = ChildJvm.freePort();
    Path config = Files.writeString(dir.resolve("nginx.conf"), new NginxConfig(dir, node.port(), port,
        authority.issue("localhost", "localhost"), misnamedPort, authority.issue("elsewhere", OTHER_HOST), MAX_BODY).text());
    process = ChildJvm.start(List.of(nginx.toString(), "-p", dir.toString(), "-c", config.toString(),
        "-e", errorLog().toString()), dir.resolve("nginx.out"));
    awaitListening(port);
    awaitListening(misnamedPort);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    try {
      if (process != null) {
        ChildJvm.stop(process, STOP_TIMEOUT);
      }
    } finally {
      OpenSearchTestNode.deleteTree(dir);
    }
  }

  /** {@code https://localhost:<port>}: the certificate names the host. */
  public URI url() {
    return URI.create("https://localhost:" + port);
  }

  /** {@code https://localhost:<port>} of the listener whose certificate names {@value #OTHER_HOST} only. */
  public URI misnamedUrl() {
    return URI.create("https://localhost:" + misnamedPort);
  }

  /** The CA certificate (PEM) that signed both listeners' certificates. */
  public Path caFile() {
    return ca;
  }

  /** Settings that get through: {@link #url()}, the credentials, the CA file, host names checked. */
  public ClientSettings settings() {
    return ClientSettings.of(List.of(url())).withCredentials(USERNAME, PASSWORD).withTls(ca, true);
  }

  /** nginx's access log (format {@code combined}: user, request line, status), one line per request. */
  public List<String> accessLog() throws IOException {
    return Files.readAllLines(dir.resolve("access.log"));
  }

  private Path errorLog() {
    return dir.resolve("error.log");
  }

  private void awaitListening(int listening) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + GIVE_UP.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new IOException("nginx exited with " + process.exitValue() + " before it listened on " + listening
            + ": " + Files.readString(errorLog()) + Files.readString(dir.resolve("nginx.out")));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listening));
        return;
      } catch (IOException notYet) {
        if (System.nanoTime() > deadline) {
          throw new IOException("nginx not listening on " + listening + " within the safety net; see " + errorLog(), notYet);
        }
        Thread.sleep(20);
      }
    }
  }
}
