package dev.corral.testkafka;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A test broker's TLS material, made by the real {@code openssl} in {@code <broker dir>/tls}: a throwaway CA
 * ({@code ca.pem}) and a certificate it signed for {@code localhost} and {@code 127.0.0.1}, so clients connect with
 * hostname verification on. The broker reads its key and chain from one PEM file ({@code ssl.keystore.type=PEM}).
 *
 * @param ca the CA certificate clients trust ({@code ssl.truststore.type=PEM}, {@code ssl.truststore.location})
 * @param keystore the broker's unencrypted PKCS#8 private key, its certificate and the CA's, in PEM
 */
record BrokerCertificate(Path ca, Path keystore) {
  /** Valid for a week: longer than any test JVM keeps a broker. */
  private static final String DAYS = "7";

  /** Makes the CA and the broker's certificate in {@code dir} (created if missing). */
  static BrokerCertificate create(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca-key.pem", "-out", "ca.pem",
        "-days", DAYS, "-subj", "/CN=corral-test-kafka-ca");
    openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "broker-key.pem", "-out", "broker.csr",
        "-subj", "/CN=localhost");
    Files.writeString(dir.resolve("broker.cnf"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
    openssl(dir, "x509", "-req", "-in", "broker.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial",
        "-out", "broker.pem", "-days", DAYS, "-extfile", "broker.cnf");
    Path keystore = dir.resolve("broker-keystore.pem");
    Files.writeString(keystore, Files.readString(dir.resolve("broker-key.pem")) + Files.readString(dir.resolve(
        "broker.pem")) + Files.readString(dir.resolve("ca.pem")));
    return new BrokerCertificate(dir.resolve("ca.pem"), keystore);
  }

  private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process process;
    try {
      process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IOException("cannot run openssl (the test broker's TLS listener needs it: apt-get install openssl): "
          + e.getMessage(), e);
    }
    String output;
    try (InputStream out = process.getInputStream()) {
      output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (process.waitFor() != 0) {
      throw new IOException("openssl " + String.join(" ", args) + " failed in " + dir + ": " + output.strip());
    }
  }
}
