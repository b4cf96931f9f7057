package dev.corral.opensearch.node;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A throwaway certificate authority made with the real {@code openssl} command line, for tests of
 * TLS peers: its certificate ({@code ca.pem}, what a client is given as its CA file) and server
 * certificates it signs for one DNS name each, valid for two days. Files live in the directory
 * given to {@link #create}; not thread-safe (one test class's set-up uses it).
 */
public final class OpenSslCa {
  private final Path openssl;
  private final Path dir;

  /** A server certificate and its unencrypted key, both PEM. */
  public record Issued(Path cert, Path key) {}

  private OpenSslCa(Path openssl, Path dir) {
    this.openssl = openssl;
    this.dir = dir;
  }

  /**
   * Makes the CA ({@code CN=corral-test-ca}) in {@code dir}; skips the test without {@code openssl}
   * (fails it under {@code CI=true}).
   */
  public static OpenSslCa create(Path dir) throws IOException, InterruptedException {
    OpenSslCa ca = new OpenSslCa(RequiredTool.find("openssl", "openssl"), Files.createDirectories(dir));
    ca.run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca-key.pem", "-out", "ca.pem", "-days", "2",
        "-subj", "/CN=corral-test-ca");
    return ca;
  }

  /** The CA's certificate (PEM). */
  public Path certificate() {
    return dir.resolve("ca.pem");
  }

  /** A server certificate {@code CN=host} naming {@code host} as its only DNS name, signed by this CA. */
  public Issued issue(String name, String host) throws IOException, InterruptedException {
    run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + "-key.pem", "-out", name + ".csr", "-subj", "/CN=" + host);
    Files.writeString(dir.resolve(name + ".cnf"), "subjectAltName=DNS:" + host + "\n");
    run("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial",
        "-out", name + ".pem", "-days", "2", "-extfile", name + ".cnf");
    return new Issued(dir.resolve(name + ".pem"), dir.resolve(name + "-key.pem"));
  }

  /** {@code issued} with the CA's certificate as a PKCS#12 keystore under {@code password}. */
  public Path pkcs12(Issued issued, String password) throws IOException, InterruptedException {
    Path keystore = issued.cert().resolveSibling(issued.cert().getFileName() + ".p12");
    run("pkcs12", "-export", "-in", issued.cert().toString(), "-inkey", issued.key().toString(), "-certfile", "ca.pem",
        "-out", keystore.toString(), "-passout", "pass:" + password);
    return keystore;
  }

  /** An htpasswd line for {@code user} ({@code openssl passwd -apr1}, which nginx's auth_basic reads). */
  public String htpasswdLine(String user, String password) throws IOException, InterruptedException {
    return user + ":" + run("passwd", "-apr1", password).strip() + "\n";
  }

  /** Runs {@code openssl args} in the CA's directory; returns its output, or throws it when it fails. */
  private String run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(openssl.toString()));
    command.addAll(List.of(args));
    Path errors = dir.resolve("openssl.err");
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectError(errors.toFile()).start();
    String output;
    try (InputStream out = process.getInputStream()) {
      output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (process.waitFor() != 0) {
      throw new IOException("openssl " + args[0] + " failed with " + process.exitValue() + " in " + dir
          + ": " + Files.readString(errors));
    }
    return output;
  }
}
