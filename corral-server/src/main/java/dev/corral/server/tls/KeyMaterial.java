package dev.corral.server.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The key material of one TLS listener, read from its {@link TlsFiles}: the key manager that presents the server's
 * certificate, read from a PEM certificate chain and an unencrypted PKCS#8 PEM key ({@code -----BEGIN PRIVATE
 * KEY-----}, RSA, EC or Ed25519) or from a PKCS#12 keystore, and, with a client CA (PEM), the trust manager that
 * checks client certificates against it (chain, signature and validity dates, by the JDK's PKIX trust manager).
 * Errors name the file and setting and say how to fix them (e.g. how to convert a PKCS#1 key). Immutable; the
 * managers are thread-safe.
 *
 * @param keys presents the server's certificate chain
 * @param clientTrust accepts exactly the client certificates chaining to the client CA, or null when none is asked for
 * @param served the server certificate presented (first of the chain), for logs and tests
 */
public record KeyMaterial(X509ExtendedKeyManager keys, X509ExtendedTrustManager clientTrust, X509Certificate served) {
  private static final String BEGIN_KEY = "-----BEGIN PRIVATE KEY-----";
  private static final String END_KEY = "-----END PRIVATE KEY-----";
  private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS", "DSA"};
  private static final byte[] PROBE = "corral key matches certificate".getBytes(StandardCharsets.US_ASCII);
  private static final String ALIAS = "server";

  /**
   * Reads the files as they are now ({@code contents}: their bytes, in the order of {@link TlsFiles#files()}, read
   * once so that a file replaced while it is read cannot mix two versions).
   *
   * @throws IOException naming the file and setting that cannot be read or does not fit
   */
  static KeyMaterial read(TlsFiles files, List<byte[]> contents) throws IOException {
    KeyStore store;
    char[] password = files.keystorePassword().toCharArray();
    if (files.keystore() != null) {
      store = pkcs12(files, contents.get(0), password);
    } else {
      store = pem(files, contents.get(0), contents.get(1));
    }
    byte[] clientCa = files.clientCa() == null ? null : contents.getLast();
    try {
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      X509ExtendedKeyManager keyManager = only(keys.getKeyManagers(), X509ExtendedKeyManager.class);
      X509ExtendedTrustManager trust = clientCa == null ? null
          : only(clientTrust(files, clientCa).getTrustManagers(), X509ExtendedTrustManager.class);
      X509Certificate served = (X509Certificate) store.getCertificateChain(keyAlias(store))[0];
      return new KeyMaterial(keyManager, trust, served);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot use " + files.describe() + " (" + files.setting(files.keystore() != null
          ? "keystore" : "cert") + "): " + e.getMessage()
          + (files.keystore() != null ? " (the key's password must be " + files.setting("keystore_password") + ")"
              : ""), e);
    }
  }

  /** Reads the files from disk: {@link #read(TlsFiles, List)} of their current bytes. */
  public static KeyMaterial read(TlsFiles files) throws IOException {
    return read(files, contents(files));
  }

  /** The current bytes of every file of {@code files}, in the order of {@link TlsFiles#files()}. */
  static List<byte[]> contents(TlsFiles files) throws IOException {
    List<Path> paths = files.files();
    byte[][] bytes = new byte[paths.size()][];
    for (int i = 0; i < bytes.length; i++) {
      Path path = paths.get(i);
      try {
        bytes[i] = Files.readAllBytes(path);
      } catch (NoSuchFileException e) {
        throw new IOException(settingOf(files, path) + " " + path + " does not exist", e);
      } catch (IOException e) {
        throw new IOException(settingOf(files, path) + " " + path + " cannot be read: " + e.getMessage(), e);
      }
    }
    return List.of(bytes);
  }

  private static String settingOf(TlsFiles files, Path path) {
    if (path.equals(files.keystore())) {
      return files.setting("keystore");
    }
    if (path.equals(files.cert())) {
      return files.setting("cert");
    }
    return path.equals(files.key()) ? files.setting("key") : files.setting("client_ca");
  }

  private static <T> T only(Object[] managers, Class<T> type) {
    for (Object manager : managers) {
      if (type.isInstance(manager)) {
        return type.cast(manager);
      }
    }
    throw new IllegalStateException("BUG: the JDK's default factory made no " + type.getSimpleName());
  }

  private static String keyAlias(KeyStore store) throws GeneralSecurityException {
    for (String alias : Collections.list(store.aliases())) {
      if (store.isKeyEntry(alias)) {
        return alias;
      }
    }
    throw new IllegalStateException("BUG: a key store checked to hold a key holds none");
  }

  private static KeyStore pem(TlsFiles files, byte[] certificate, byte[] key) throws IOException {
    List<Certificate> chain = certificates(certificate, files.cert(), files.setting("cert"));
    PrivateKey privateKey = privateKey(key, files);
    checkPair(privateKey, chain.getFirst(), files);
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(ALIAS, privateKey, files.keystorePassword().toCharArray(), chain.toArray(Certificate[]::new));
      return store;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot use certificate " + files.cert() + " with key " + files.key() + ": "
          + e.getMessage(), e);
    }
  }

  private static KeyStore pkcs12(TlsFiles files, byte[] bytes, char[] password) throws IOException {
    Path keystore = files.keystore();
    String setting = files.setting("keystore");
    KeyStore store;
    try (InputStream in = new ByteArrayInputStream(bytes)) {
      store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
    } catch (IOException | GeneralSecurityException e) {
      throw new IOException(setting + " " + keystore + " cannot be read as PKCS#12: " + e.getMessage()
          + (e.getMessage() != null && e.getMessage().contains("password")
              ? " (check " + files.setting("keystore_password") + ")" : ""), e);
    }
    try {
      boolean hasKey = false;
      for (String alias : Collections.list(store.aliases())) {
        hasKey |= store.isKeyEntry(alias);
      }
      if (!hasKey) {
        throw new IOException(setting + " " + keystore + " holds no private key; it needs the server's key and "
            + "certificate, e.g. openssl pkcs12 -export -in cert.pem -inkey key.pem -out " + keystore.getFileName());
      }
      return store;
    } catch (GeneralSecurityException e) {
      throw new IOException(setting + " " + keystore + " cannot be used: " + e.getMessage(), e);
    }
  }

  /** Trust managers that accept exactly the client certificates chaining to a CA in the client CA file. */
  private static TrustManagerFactory clientTrust(TlsFiles files, byte[] clientCa)
      throws GeneralSecurityException, IOException {
    KeyStore anchors = KeyStore.getInstance("PKCS12");
    anchors.load(null, null);
    int n = 0;
    for (Certificate ca : certificates(clientCa, files.clientCa(), files.setting("client_ca"))) {
      anchors.setCertificateEntry("client-ca-" + n++, ca);
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(anchors);
    return trust;
  }

  private static List<Certificate> certificates(byte[] bytes, Path file, String setting) throws IOException {
    try (InputStream in = new ByteArrayInputStream(bytes)) {
      List<Certificate> chain = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
      if (chain.isEmpty()) {
        throw new IOException(setting + " " + file + " holds no certificate (expected PEM: -----BEGIN CERTIFICATE-----)");
      }
      return chain;
    } catch (GeneralSecurityException e) {
      throw new IOException(setting + " " + file + " is not a PEM certificate file: " + e.getMessage(), e);
    }
  }

  private static PrivateKey privateKey(byte[] bytes, TlsFiles files) throws IOException {
    Path file = files.key();
    String setting = files.setting("key");
    String pem = new String(bytes, StandardCharsets.US_ASCII);
    int begin = pem.indexOf(BEGIN_KEY);
    int end = pem.indexOf(END_KEY);
    if (begin < 0 || end < begin) {
      String found = pem.contains("BEGIN RSA PRIVATE KEY") || pem.contains("BEGIN EC PRIVATE KEY")
          ? "a PKCS#1/SEC1 key; convert it: openssl pkcs8 -topk8 -nocrypt -in " + file.getFileName() + " -out key-pkcs8.pem"
          : pem.contains("BEGIN ENCRYPTED PRIVATE KEY")
              ? "an encrypted key; decrypt it: openssl pkcs8 -in " + file.getFileName() + " -out key-pkcs8.pem, or use "
                  + files.setting("keystore") + " with a password"
              : "no " + BEGIN_KEY + " block";
      throw new IOException(setting + " " + file + " is not an unencrypted PKCS#8 PEM key: found " + found);
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN_KEY.length(), end));
    } catch (IllegalArgumentException e) {
      throw new IOException(setting + " " + file + " has broken base64: " + e.getMessage(), e);
    }
    for (String algorithm : KEY_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // not this algorithm: try the next
      }
    }
    throw new IOException(setting + " " + file + " is no RSA, EC, EdDSA or DSA PKCS#8 key");
  }

  /** Fails at start-up, not at the first handshake, when the key does not belong to the certificate. */
  private static void checkPair(PrivateKey key, Certificate certificate, TlsFiles files) throws IOException {
    Path certFile = files.cert();
    Path keyFile = files.key();
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
        throw new IOException(files.setting("key") + " " + keyFile + " does not belong to the certificate in " + files.setting("cert") + " " + certFile);
      }
    } catch (GeneralSecurityException e) {
      throw new IOException(files.setting("key") + " " + keyFile + " does not fit the certificate in " + files.setting("cert") + " " + certFile
          + ": " + e.getMessage(), e);
    }
  }
}
