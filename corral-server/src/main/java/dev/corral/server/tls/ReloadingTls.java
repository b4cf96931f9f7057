package dev.corral.server.tls;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reloading key source: an {@link SSLContext} whose certificate (and client CA) come from a {@link TlsFiles}
 * and are swapped in for new handshakes when the files change on disk, without a restart. Every listener that uses
 * the same files shares one instance (the HTTP API, OTLP/gRPC, syslog, GELF, forward and Beats all hand this context
 * to their servers).
 *
 * <p>Reload protocol: at most once per {@code checkEvery}, the first handshake after that interval reads the files'
 * bytes and compares them with those last loaded (contents, not modification times, so a copy within the same
 * second is seen too). On a change it parses them; if they fit (certificate and key belong together, the keystore
 * opens), the new material serves that handshake and the following ones; connections already open keep theirs. If
 * they do not fit (a half-written file, a wrong key, garbage), the old material stays and the reason is logged at
 * WARN once per distinct bad content; the check runs again after the next interval, so a writer that finishes
 * replacing both files is picked up. At {@link #open} a file that does not fit fails the start, naming it.
 *
 * <p>Thread-safe: the material is one volatile reference, a check is serialized, handshakes never block on each
 * other except the one that reloads.
 */
public final class ReloadingTls {
  private static final Logger LOG = LoggerFactory.getLogger(ReloadingTls.class);
  /** Shortest interval between two checks; file reads on every handshake would cost more than they save. */
  public static final Duration MIN_CHECK_INTERVAL = Duration.ofMillis(100);

  private final TlsFiles files;
  private final TlsPolicy policy;
  private final long checkEveryNanos;
  private final SSLContext context;
  private final AtomicLong reloads = new AtomicLong();
  private final AtomicLong failedReloads = new AtomicLong();
  private volatile KeyMaterial current;
  private volatile long nextCheck;
  private List<byte[]> loaded;
  private List<byte[]> refused;

  private ReloadingTls(TlsFiles files, TlsPolicy policy, Duration checkEvery, List<byte[]> contents,
      KeyMaterial material) throws GeneralSecurityException {
    this.files = files;
    this.policy = policy;
    this.checkEveryNanos = checkEvery.toNanos();
    this.loaded = contents;
    this.current = material;
    this.nextCheck = System.nanoTime() + checkEveryNanos;
    this.context = SSLContext.getInstance("TLS");
    context.init(new KeyManager[] {new Keys()}, files.clientCertificateRequired() ? new TrustManager[] {new ClientTrust()}
        : null, null);
  }

  /**
   * Reads the files and builds the context.
   *
   * @param checkEvery how often a handshake may look for changed files (at least {@link #MIN_CHECK_INTERVAL})
   * @throws IOException naming the file and setting that is missing or does not fit
   */
  public static ReloadingTls open(TlsFiles files, TlsPolicy policy, Duration checkEvery) throws IOException {
    Objects.requireNonNull(policy, "policy");
    if (checkEvery.compareTo(MIN_CHECK_INTERVAL) < 0) {
      throw new IllegalArgumentException("the TLS reload interval is " + checkEvery + ", at least "
          + MIN_CHECK_INTERVAL + " is needed");
    }
    List<byte[]> contents = KeyMaterial.contents(files);
    KeyMaterial material = KeyMaterial.read(files, contents);
    try {
      ReloadingTls tls = new ReloadingTls(files, policy, checkEvery, contents, material);
      LOG.atInfo().addKeyValue("certificate", files.describe()).addKeyValue("subject", subject(material))
          .addKeyValue("not_after", material.served().getNotAfter().toInstant())
          .addKeyValue("client_ca", files.clientCa()).log("tls certificate loaded");
      return tls;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("BUG: the JDK has no TLS context: " + e, e);
    }
  }

  /** The context every listener of these files serves with; its certificate follows the files. */
  public SSLContext context() {
    return context;
  }

  /** The protocols and cipher suites listeners must enable. */
  public TlsPolicy policy() {
    return policy;
  }

  /** The files read. */
  public TlsFiles files() {
    return files;
  }

  /** Whether listeners must require a client certificate (a client CA is configured). */
  public boolean clientCertificateRequired() {
    return files.clientCertificateRequired();
  }

  /** The certificate new handshakes present now. */
  public X509Certificate served() {
    return current.served();
  }

  /** Material swapped in since start, and changed files refused (the old material kept). */
  public long reloads() {
    return reloads.get();
  }

  /** Changed files that did not fit and were refused, the old certificate kept. */
  public long failedReloads() {
    return failedReloads.get();
  }

  /** Checks the files when the interval has passed; called by the first handshake after it. */
  private KeyMaterial material() {
    if (System.nanoTime() - nextCheck >= 0) {
      check();
    }
    return current;
  }

  /**
   * Reads the files now and swaps in their material if they changed and fit.
   *
   * @return whether new material was swapped in
   */
  public synchronized boolean check() {
    nextCheck = System.nanoTime() + checkEveryNanos;
    List<byte[]> contents;
    try {
      contents = KeyMaterial.contents(files);
    } catch (IOException e) {
      return refuse(null, e);
    }
    if (same(contents, loaded) || same(contents, refused)) {
      return false;
    }
    try {
      KeyMaterial material = KeyMaterial.read(files, contents);
      current = material;
      loaded = contents;
      refused = null;
      reloads.incrementAndGet();
      LOG.atInfo().addKeyValue("certificate", files.describe()).addKeyValue("subject", subject(material))
          .addKeyValue("not_after", material.served().getNotAfter().toInstant()).log("tls certificate reloaded");
      return true;
    } catch (IOException e) {
      return refuse(contents, e);
    }
  }

  private boolean refuse(List<byte[]> contents, IOException e) {
    if (contents == null || !same(contents, refused)) {
      failedReloads.incrementAndGet();
      LOG.atWarn().addKeyValue("certificate", files.describe()).addKeyValue("error", e.getMessage())
          .log("tls files changed but do not fit; the previous certificate stays in use");
    }
    refused = contents;
    return false;
  }

  private static boolean same(List<byte[]> a, List<byte[]> b) {
    if (b == null || a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!Arrays.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static String subject(KeyMaterial material) {
    return material.served().getSubjectX500Principal().getName();
  }

  /** Presents the current certificate; the server side is what listeners use. */
  private final class Keys extends X509ExtendedKeyManager {
    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
      return material().keys().chooseEngineServerAlias(keyType, issuers, engine);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return material().keys().chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return current.keys().getServerAliases(keyType, issuers);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return current.keys().getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return current.keys().getPrivateKey(alias);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return null; // a server context: never a client
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
      return null;
    }
  }

  /** Checks client certificates against the current client CA. */
  private final class ClientTrust extends X509ExtendedTrustManager {
    private X509ExtendedTrustManager trust() {
      X509ExtendedTrustManager trust = current.clientTrust();
      if (trust == null) {
        throw new IllegalStateException("BUG: client certificates checked without a client CA");
      }
      return trust;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      trust().checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      trust().checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      trust().checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("a server context checks no server certificates");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("a server context checks no server certificates");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      throw new CertificateException("a server context checks no server certificates");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return trust().getAcceptedIssuers();
    }
  }
}
