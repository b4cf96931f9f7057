package dev.corral.server.inputs.syslog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throwaway CA and a server certificate for localhost / 127.0.0.1 signed by it, made with the
 * real {@code openssl} command line: the PEM certificate, its PKCS#8 key and a PKCS#12 keystore.
 */
record TestCertificates(Path ca, Path cert, Path key, Path keystore, String password) {
  static final String PASSWORD = "changeit";

  static TestCertificates create(Path dir) throws IOException, InterruptedException {
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

  /** A client socket factory that trusts only the test CA. */
  SSLSocketFactory clientFactory() throws IOException, GeneralSecurityException {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(ca)) {
      trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory managers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    managers.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, managers.getTrustManagers(), null);
    return context.getSocketFactory();
  }
}
