package dev.corral.bench;

import dev.corral.server.tls.QuickStartCertificates;
import dev.corral.ship.tls.ClientTls;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * TLS for {@code corral bench --tls}: certificates made like {@code corral certs create} does, the server settings
 * that serve them, and this JVM's default TLS context set to trust their CA (every HTTP client of the bench uses the
 * default context, so ingest, queries and the readiness poll all go over HTTPS without each being told).
 */
final class BenchTls {
  /** The bench's certificates live as long as one run. */
  private static final Duration VALIDITY = Duration.ofDays(1);

  private BenchTls() {}

  /**
   * Makes the certificates in {@code dir}, trusts their CA for this JVM's HTTPS clients, and returns the server's
   * {@code --set} settings.
   */
  static List<String> serverSettings(Path dir) throws IOException {
    QuickStartCertificates files = QuickStartCertificates.create(dir, List.of(), VALIDITY);
    SSLContext trusting = new ClientTls(files.ca(), null, null, "bench tls ").context();
    SSLContext.setDefault(trusting);
    return List.of("tls.cert=" + files.server(), "tls.key=" + files.serverKey());
  }
}
