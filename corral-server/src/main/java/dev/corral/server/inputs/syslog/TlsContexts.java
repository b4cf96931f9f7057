package dev.corral.server.inputs.syslog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the server-side {@link SSLContext} of the syslog (or Beats) TLS listener from a PEM certificate chain
 * and an unencrypted PKCS#8 PEM key ({@code -----BEGIN PRIVATE KEY-----}, RSA, EC or Ed25519), or
 * from a PKCS#12 keystore; with a client CA ({@code syslog.tls_client_ca}, PEM), the context also
 * checks client certificates against it (chain, signature and validity dates, by the JDK's PKIX
 * trust manager), for a listener that requires them. Errors name the file and setting and say how
 * to fix them (e.g. how to convert a PKCS#1 key). Stateless; the contexts are thread-safe.
 */
public final class TlsContexts {
  /** The settings prefix of the syslog TLS listener, the default one. */
  private static final String SYSLOG = "syslog";
  private static final String BEGIN_KEY = "-----BEGIN PRIVATE KEY-----";
  private static final String END_KEY = "-----END PRIVATE KEY-----";
  private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS", "DSA"};
  private static final byte[] PROBE = "corral key matches certificate".getBytes(StandardCharsets.US_ASCII);

  private TlsContexts() {}

  /**
   * A context from a PEM certificate chain (server certificate first) and its PKCS#8 key.
   *
   * @throws IOException naming the file that cannot be read or does not fit
   */
  public static SSLContext fromPem(Path certificate, Path key) throws IOException {
    return fromPem(certificate, key, null);
  }

  /**
   * A context from a PEM certificate chain and its PKCS#8 key that trusts client certificates
   * signed by the CA(s) in {@code clientCa}.
   *
   * @param clientCa PEM file of the CA certificate(s) client certificates must chain to, or null for none
   * @throws IOException naming the file that cannot be read or does not fit
   */
  public static SSLContext fromPem(Path certificate, Path key, Path clientCa) throws IOException {
    return fromPem(certificate, key, clientCa, SYSLOG);
  }

  /**
   * {@link #fromPem(Path, Path, Path)} for the input whose settings start with {@code prefix} ({@code syslog},
   * {@code beats}): errors name {@code prefix.tls_cert}, {@code prefix.tls_key} and {@code prefix.tls_client_ca}.
   */
  public static SSLContext fromPem(Path certificate, Path key, Path clientCa, String prefix) throws IOException {
    List<Certificate> chain = certificates(certificate, prefix + ".tls_cert");
    PrivateKey privateKey = privateKey(key, prefix);
    checkPair(privateKey, chain.getFirst(), certificate, key, prefix);
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      char[] password = new char[0];
      store.setKeyEntry("syslog", privateKey, password, chain.toArray(Certificate[]::new));
      return context(store, password, clientCa, prefix);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot use certificate " + certificate + " with key " + key + ": " + e.getMessage(), e);
    }
  }

  /**
   * A context from a PKCS#12 keystore holding the key and its certificate chain.
   *
   * @throws IOException naming the file when it cannot be read, the password is wrong or it holds no key
   */
  public static SSLContext fromPkcs12(Path keystore, char[] password) throws IOException {
    return fromPkcs12(keystore, password, null);
  }

  /**
   * A context from a PKCS#12 keystore that trusts client certificates signed by the CA(s) in {@code clientCa}.
   *
   * @param clientCa PEM file of the CA certificate(s) client certificates must chain to, or null for none
   * @throws IOException naming the file when it cannot be read, the password is wrong or it holds no key
   */
  public static SSLContext fromPkcs12(Path keystore, char[] password, Path clientCa) throws IOException {
    KeyStore store;
    try (InputStream in = Files.newInputStream(keystore)) {
      store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
    } catch (IOException | GeneralSecurityException e) {
      throw new IOException("syslog.tls_keystore " + keystore + " cannot be read as PKCS#12: " + e.getMessage()
          + (e.getMessage() != null && e.getMessage().contains("password") ? " (check syslog.tls_keystore_password)" : ""), e);
    }
    try {
      boolean hasKey = false;
      for (String alias : Collections.list(store.aliases())) {
        hasKey |= store.isKeyEntry(alias);
      }
      if (!hasKey) {
        throw new IOException("syslog.tls_keystore " + keystore + " holds no private key; it needs the server's key and "
            + "certificate, e.g. openssl pkcs12 -export -in cert.pem -inkey key.pem -out " + keystore.getFileName());
      }
      return context(store, password, clientCa, SYSLOG);
    } catch (GeneralSecurityException e) {
      throw new IOException("syslog.tls_keystore " + keystore + " cannot be used: " + e.getMessage()
          + " (the key's password must be syslog.tls_keystore_password)", e);
    }
  }

  private static SSLContext context(KeyStore store, char[] password, Path clientCa, String prefix)
      throws GeneralSecurityException, IOException {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), clientCa == null ? null : clientTrust(clientCa, prefix).getTrustManagers(), null);
    return context;
  }

  /** Trust managers that accept exactly the client certificates chaining to a CA in {@code clientCa}. */
  private static TrustManagerFactory clientTrust(Path clientCa, String prefix) throws GeneralSecurityException, IOException {
    KeyStore anchors = KeyStore.getInstance("PKCS12");
    anchors.load(null, null);
    int n = 0;
    for (Certificate ca : certificates(clientCa, prefix + ".tls_client_ca")) {
      anchors.setCertificateEntry("client-ca-" + n++, ca);
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(anchors);
    return trust;
  }

  private static List<Certificate> certificates(Path file, String setting) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      List<Certificate> chain = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
      if (chain.isEmpty()) {
        throw new IOException(setting + " " + file + " holds no certificate (expected PEM: -----BEGIN CERTIFICATE-----)");
      }
      return chain;
    } catch (GeneralSecurityException e) {
      throw new IOException(setting + " " + file + " is not a PEM certificate file: " + e.getMessage(), e);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IOException(setting + " " + file + " does not exist", e);
    }
  }

  private static PrivateKey privateKey(Path file, String prefix) throws IOException {
    String pem = Files.readString(file, StandardCharsets.US_ASCII);
    int begin = pem.indexOf(BEGIN_KEY);
    int end = pem.indexOf(END_KEY);
    if (begin < 0 || end < begin) {
      String found = pem.contains("BEGIN RSA PRIVATE KEY") || pem.contains("BEGIN EC PRIVATE KEY")
          ? "a PKCS#1/SEC1 key; convert it: openssl pkcs8 -topk8 -nocrypt -in " + file.getFileName() + " -out key-pkcs8.pem"
          : pem.contains("BEGIN ENCRYPTED PRIVATE KEY")
              ? "an encrypted key; decrypt it: openssl pkcs8 -in " + file.getFileName() + " -out key-pkcs8.pem, or use "
                  + prefix + ".tls_keystore with a password"
              : "no " + BEGIN_KEY + " block";
      throw new IOException(prefix + ".tls_key " + file + " is not an unencrypted PKCS#8 PEM key: found " + found);
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN_KEY.length(), end));
    } catch (IllegalArgumentException e) {
      throw new IOException(prefix + ".tls_key " + file + " has broken base64: " + e.getMessage(), e);
    }
    for (String algorithm : KEY_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // not this algorithm: try the next
      }
    }
    throw new IOException(prefix + ".tls_key " + file + " is no RSA, EC, EdDSA or DSA PKCS#8 key");
  }

  /** Fails at start-up, not at the first handshake, when the key does not belong to the certificate. */
  private static void checkPair(PrivateKey key, Certificate certificate, Path certFile, Path keyFile, String prefix)
      throws IOException {
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
      default -> null;
    };
    if (algorithm == null) {
      return;
    }
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(PROBE);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(PROBE);
      if (!verifier.verify(signature)) {
        throw new IOException(prefix + ".tls_key " + keyFile + " does not belong to the certificate in " + prefix
            + ".tls_cert " + certFile);
      }
    } catch (GeneralSecurityException e) {
      throw new IOException(prefix + ".tls_key " + keyFile + " does not fit the certificate in " + prefix + ".tls_cert "
          + certFile
          + ": " + e.getMessage(), e);
    }
  }
}
