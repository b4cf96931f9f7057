package dev.corral.server.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A quick start for TLS ({@code corral certs create}, {@code corral bench --tls}): a self-signed CA and a server
 * certificate signed by it, written as PEM files the server reads ({@code tls.cert}, {@code tls.key}) and clients
 * trust ({@code --ca}, curl's {@code --cacert}). Keys are ECDSA P-256 (fast, accepted by every TLS 1.2/1.3 client);
 * the server certificate names localhost, 127.0.0.1, ::1, this machine's host name and the names given, as subject
 * alternative names, and is for server authentication only. Key files are written readable by their owner only
 * (0600), certificates 0644; existing files are never overwritten. For production, use certificates of your own CA.
 *
 * @param ca the CA certificate ({@code ca.pem})
 * @param caKey the CA's key ({@code ca-key.pem}), to sign client certificates with; keep it offline
 * @param server the server certificate ({@code server.pem}, followed by the CA certificate: the chain)
 * @param serverKey the server's PKCS#8 key ({@code server-key.pem})
 */
public record QuickStartCertificates(Path ca, Path caKey, Path server, Path serverKey) {
  /** Long enough not to expire during a trial, short enough that a forgotten quick-start CA dies by itself. */
  public static final Duration DEFAULT_VALIDITY = Duration.ofDays(365);
  /** Clocks of clients may run a little behind the server's. */
  private static final Duration BACKDATE = Duration.ofHours(1);
  private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|.*:.*");
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * Creates the four files in {@code dir} (made if missing).
   *
   * @param hosts further DNS names or IP addresses the server is reached by
   * @throws IOException naming a file that already exists or cannot be written
   */
  public static QuickStartCertificates create(Path dir, List<String> hosts, Duration validity) throws IOException {
    QuickStartCertificates files = new QuickStartCertificates(dir.resolve("ca.pem"), dir.resolve("ca-key.pem"),
        dir.resolve("server.pem"), dir.resolve("server-key.pem"));
    Files.createDirectories(dir);
    for (Path file : List.of(files.ca, files.caKey, files.server, files.serverKey)) {
      if (Files.exists(file)) {
        throw new FileAlreadyExistsException(file + " already exists; choose another --out directory or remove it");
      }
    }
    try {
      Instant now = Instant.now();
      KeyPair caKeys = keyPair();
      X500Name caName = new X500Name("CN=Corral quick-start CA " + now.getEpochSecond());
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder caBuilder = new JcaX509v3CertificateBuilder(caName, serial(),
          Date.from(now.minus(BACKDATE)), Date.from(now.plus(validity)), caName, caKeys.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
          .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(caKeys.getPublic()));
      X509Certificate caCert = certificate(caBuilder, caKeys);

      KeyPair serverKeys = keyPair();
      X509v3CertificateBuilder serverBuilder = new JcaX509v3CertificateBuilder(caCert, serial(),
          Date.from(now.minus(BACKDATE)), Date.from(now.plus(validity)), new X500Name("CN=" + commonName(hosts)),
          serverKeys.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
          .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
          .addExtension(Extension.subjectAlternativeName, false, alternativeNames(hosts))
          .addExtension(Extension.subjectKeyIdentifier, false,
              extensions.createSubjectKeyIdentifier(serverKeys.getPublic()))
          .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(caCert));
      X509Certificate serverCert = certificate(serverBuilder, caKeys);

      write(files.caKey, pem(new JcaPKCS8Generator(caKeys.getPrivate(), null).generate()), "rw-------");
      write(files.serverKey, pem(new JcaPKCS8Generator(serverKeys.getPrivate(), null).generate()), "rw-------");
      write(files.ca, pem(caCert), "rw-r--r--");
      write(files.server, pem(serverCert) + pem(caCert), "rw-r--r--");
      return files;
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("BUG: the JDK cannot make ECDSA P-256 certificates: " + e, e);
    }
  }

  /** The names the server certificate carries: localhost, loopback, this host, then {@code hosts}. */
  public static List<String> names(List<String> hosts) {
    Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
    try {
      names.add(InetAddress.getLocalHost().getHostName());
    } catch (IOException e) {
      // no resolvable host name: the loopback names and the given ones remain
    }
    names.addAll(hosts);
    return List.copyOf(names);
  }

  private static String commonName(List<String> hosts) {
    return hosts.stream().filter(host -> !IP_LITERAL.matcher(host).matches()).findFirst().orElse("localhost");
  }

  private static GeneralNames alternativeNames(List<String> hosts) {
    List<GeneralName> names = new ArrayList<>();
    for (String name : names(hosts)) {
      names.add(new GeneralName(IP_LITERAL.matcher(name).matches() ? GeneralName.iPAddress : GeneralName.dNSName, name));
    }
    return new GeneralNames(names.toArray(GeneralName[]::new));
  }

  private static KeyPair keyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return generator.generateKeyPair();
  }

  private static BigInteger serial() {
    return new BigInteger(127, RANDOM).add(BigInteger.ONE); // positive, unique per certificate (RFC 5280 4.1.2.2)
  }

  private static X509Certificate certificate(X509v3CertificateBuilder builder, KeyPair signer)
      throws OperatorCreationException, GeneralSecurityException {
    ContentSigner signing = new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate());
    return new JcaX509CertificateConverter().getCertificate(builder.build(signing));
  }

  private static String pem(Object object) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    }
    return text.toString();
  }

  private static void write(Path file, String text, String permissions) throws IOException {
    Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.deleteIfExists(temporary);
    try {
      Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)));
    } catch (UnsupportedOperationException e) {
      Files.createFile(temporary); // not a POSIX file system: the directory's own rules apply
    }
    Files.writeString(temporary, text, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    Files.move(temporary, file);
  }
}
