package dev.corral.server.inputs.syslog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throwaway CA and a server certificate for localhost / 127.0.0.1 signed by it, made with the
 * real {@code openssl} command line: the PEM certificate, its PKCS#8 key and a PKCS#12 keystore;
 * and, on demand, client certificates signed by that CA, by another CA, or expired.
 */
public record TestCertificates(Path ca, Path cert, Path key, Path keystore, String password) {
  static final String PASSWORD = "changeit";

  public static TestCertificates create(Path dir) throws IOException, InterruptedException {
    Path openssl = Peers.require("openssl", "openssl", Path.of("/usr/bin/openssl"), Path.of("/bin/openssl"));
    Path work = Files.createDirectories(dir.resolve("certs"));
    String bin = openssl.toString();
    Peers.run(work, bin, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca-key.pem", "-out", "ca.pem",
        "-days", "2", "-subj", "/CN=corral-test-ca");
    Peers.run(work, bin, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out", "server.csr",
        "-subj", "/CN=localhost");
    Files.writeString(work.resolve("ext.cnf"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
    Peers.run(work, bin, "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial",
        "-out", "cert.pem", "-days", "2", "-extfile", "ext.cnf");
    Peers.run(work, bin, "pkcs12", "-export", "-in", "cert.pem", "-inkey", "key.pem", "-certfile", "ca.pem",
        "-out", "server.p12", "-passout", "pass:" + PASSWORD);
    return new TestCertificates(work.resolve("ca.pem"), work.resolve("cert.pem"), work.resolve("key.pem"),
        work.resolve("server.p12"), PASSWORD);
  }

  /** A client's certificate and key (PEM), and the same in a PKCS#12 file. */
  public record Client(Path cert, Path key, Path pkcs12) {}

  /** A client certificate {@code CN=name} signed by this CA, valid for two days from now. */
  public Client client(String name) throws IOException, InterruptedException {
    return sign(name, "ca.pem", "ca-key.pem");
  }

  /** A client certificate signed by another CA, which the server never heard of. */
  public Client clientOfAnotherCa(String name) throws IOException, InterruptedException {
    Path work = ca.getParent();
    if (!Files.exists(work.resolve("other-ca.pem"))) {
      Peers.run(work, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other-ca-key.pem",
          "-out", "other-ca.pem", "-days", "2", "-subj", "/CN=another-ca");
    }
    return sign(name, "other-ca.pem", "other-ca-key.pem");
  }

  /** A client certificate signed by this CA that expired in 2020 (valid 1 to 2 January 2020). */
  Client expiredClient(String name) throws IOException, InterruptedException {
    Path work = ca.getParent();
    Peers.run(work, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + "-key.pem", "-out",
        name + ".csr", "-subj", "/CN=" + name);
    Files.writeString(work.resolve("index.txt"), "");
    Files.writeString(work.resolve("serial"), "1000\n");
    Files.writeString(work.resolve("ca.cnf"), """
        [ca]
        default_ca = test
        [test]
        database = index.txt
        new_certs_dir = .
        serial = serial
        default_md = sha256
        policy = any
        [any]
        commonName = supplied
        """);
    Peers.run(work, "openssl", "ca", "-batch", "-config", "ca.cnf", "-cert", "ca.pem", "-keyfile", "ca-key.pem",
        "-in", name + ".csr", "-out", name + ".pem", "-notext", "-startdate", "20200101000000Z",
        "-enddate", "20200102000000Z");
    return export(name);
  }

  private Client sign(String name, String caCert, String caKey) throws IOException, InterruptedException {
    Path work = ca.getParent();
    Peers.run(work, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + "-key.pem", "-out",
        name + ".csr", "-subj", "/CN=" + name);
    Files.writeString(work.resolve(name + ".cnf"), "extendedKeyUsage=clientAuth\n");
    Peers.run(work, "openssl", "x509", "-req", "-in", name + ".csr", "-CA", caCert, "-CAkey", caKey,
        "-CAcreateserial", "-out", name + ".pem", "-extfile", name + ".cnf", "-days", "2");
    return export(name);
  }

  private Client export(String name) throws IOException, InterruptedException {
    Path work = ca.getParent();
    Peers.run(work, "openssl", "pkcs12", "-export", "-in", name + ".pem", "-inkey", name + "-key.pem", "-out",
        name + ".p12", "-passout", "pass:" + PASSWORD);
    return new Client(work.resolve(name + ".pem"), work.resolve(name + "-key.pem"), work.resolve(name + ".p12"));
  }

  /** A client socket factory that trusts only the test CA and presents {@code client}'s certificate. */
  public SSLSocketFactory clientFactory(Client client) throws IOException, GeneralSecurityException {
    KeyStore own = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(client.pkcs12())) {
      own.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(own, PASSWORD.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), trustingTheCa().getTrustManagers(), null);
    return context.getSocketFactory();
  }

  /** A client socket factory that trusts only the test CA. */
  public SSLSocketFactory clientFactory() throws IOException, GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trustingTheCa().getTrustManagers(), null);
    return context.getSocketFactory();
  }

  private TrustManagerFactory trustingTheCa() throws IOException, GeneralSecurityException {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(ca)) {
      trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory managers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    managers.init(trust);
    return managers;
  }
}
