package dev.corral.ship.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A client's TLS: the CA certificate(s) it trusts for the server (PEM; without one, the JDK's default trust store,
 * for a server with a publicly signed certificate) and, optionally, the client certificate (PEM chain) and its
 * unencrypted PKCS#8 PEM key it presents to a server that requires one. Errors name the file and the option it came
 * from. Immutable.
 *
 * @param ca PEM file of the CA(s) to trust, or null for the JDK's defaults
 * @param cert PEM client certificate chain, or null for none
 * @param key PEM PKCS#8 key of {@code cert}, or null
 * @param names the option names for errors, e.g. {@code output.tls_} or {@code --}
 */
public record ClientTls(Path ca, Path cert, Path key, String names) {
  private static final String BEGIN_KEY = "-----BEGIN PRIVATE KEY-----";
  private static final String END_KEY = "-----END PRIVATE KEY-----";
  private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448");

  public ClientTls {
    if ((cert == null) != (key == null)) {
      throw new IllegalArgumentException(names + "cert and " + names + "key go together: got only "
          + (cert == null ? names + "key " + key : names + "cert " + cert));
    }
  }

  /** Whether anything differs from the JDK's defaults (a CA or a client certificate is given). */
  public boolean configured() {
    return ca != null || cert != null;
  }

  /**
   * The client context.
   *
   * @throws IOException naming the file that is missing or does not fit
   */
  public SSLContext context() throws IOException {
    try {
      TrustManagerFactory trust = null;
      if (ca != null) {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        int n = 0;
        for (Certificate certificate : certificates(ca, names + "ca")) {
          anchors.setCertificateEntry("ca-" + n++, certificate);
        }
        trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(anchors);
      }
      KeyManagerFactory keys = null;
      if (cert != null) {
        KeyStore own = KeyStore.getInstance("PKCS12");
        own.load(null, null);
        own.setKeyEntry("client", privateKey(), new char[0],
            certificates(cert, names + "cert").toArray(Certificate[]::new));
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(own, new char[0]);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot use " + (cert != null ? names + "cert " + cert : names + "ca " + ca) + ": "
          + e.getMessage(), e);
    }
  }

  private static List<Certificate> certificates(Path file, String option) throws IOException {
    try {
      List<Certificate> certificates = List.copyOf(CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(read(file, option))));
      if (certificates.isEmpty()) {
        throw new IOException(option + " " + file + " holds no certificate (expected PEM: -----BEGIN CERTIFICATE-----)");
      }
      return certificates;
    } catch (GeneralSecurityException e) {
      throw new IOException(option + " " + file + " is not a PEM certificate file: " + e.getMessage(), e);
    }
  }

  private PrivateKey privateKey() throws IOException {
    String pem = new String(read(key, names + "key"), StandardCharsets.US_ASCII);
    int begin = pem.indexOf(BEGIN_KEY);
    int end = pem.indexOf(END_KEY);
    if (begin < 0 || end < begin) {
      throw new IOException(names + "key " + key + " is not an unencrypted PKCS#8 PEM key (" + BEGIN_KEY + "); convert "
          + "it: openssl pkcs8 -topk8 -nocrypt -in " + key.getFileName() + " -out key-pkcs8.pem");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN_KEY.length(), end));
    } catch (IllegalArgumentException e) {
      throw new IOException(names + "key " + key + " has broken base64: " + e.getMessage(), e);
    }
    for (String algorithm : KEY_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // not this algorithm: try the next
      }
    }
    throw new IOException(names + "key " + key + " is no RSA, EC or EdDSA PKCS#8 key");
  }

  private static byte[] read(Path file, String option) throws IOException {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IOException(option + " " + file + " does not exist", e);
    }
  }
}
