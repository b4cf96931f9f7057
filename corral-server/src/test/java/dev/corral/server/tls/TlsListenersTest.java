package dev.corral.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.server.TestServer;
import dev.corral.server.inputs.beats.BeatsInputs;
import dev.corral.server.inputs.fluent.FluentInputs;
import dev.corral.server.inputs.syslog.SyslogInputs;
import dev.corral.server.inputs.syslog.TestCertificates;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS on every TCP listener, with real handshakes over loopback: one shared certificate ({@code tls.cert}) serves the
 * HTTP API (HTTPS), OTLP/gRPC, syslog TLS, GELF TCP, Fluent forward and Beats; TLS 1.3 and 1.2 with AEAD suites only
 * (TLS 1.1/1.0 and CBC suites refused, by a client that really offers them); a certificate replaced on disk serves the
 * next handshake without a restart while a broken one keeps the old; bad files stop the start naming the file; a
 * client CA makes HTTPS demand client certificates.
 */
class TlsListenersTest {
  private static final String GELF_TCP = "gelf-tcp";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Attempts while waiting for a reload (each after a pause of {@link #PAUSE_MILLIS}); ends a broken test, never a slow one. */
  private static final int MAX_ATTEMPTS = 400;
  private static final long PAUSE_MILLIS = 50;

  @TempDir
  Path dir;

  private static Map<String, String> tlsOn(TestCertificates certs, String... more) {
    Map<String, String> settings = new LinkedHashMap<>(Map.of("tls.cert", certs.cert().toString(),
        "tls.key", certs.key().toString(), "syslog.udp_port", "-1", "syslog.tcp_port", "-1", "gelf.udp_port", "-1",
        "gelf.tcp_port", "-1", "fluent.port", "-1", "otlp.grpc_port", "-1"));
    for (int i = 0; i < more.length; i += 2) {
      settings.put(more[i], more[i + 1]);
    }
    return settings;
  }

  @Test
  void everyTcpListenerServesTheSharedCertificateWithModernTlsOnly() throws Exception {
    TestCertificates certs = TestCertificates.create(dir);
    try (TestServer server = TestServer.start(Files.createDirectories(dir.resolve("data")), tlsOn(certs,
        "otlp.grpc_port", "0", "syslog.tls_port", "0", "gelf.tcp_port", "0", "fluent.port", "0", "beats.port", "0"))) {
      assertThat(server.server().url()).startsWith("https://");
      Map<String, Integer> ports = new LinkedHashMap<>();
      ports.put("http", server.server().port());
      ports.put("otlp-grpc", server.server().otlpGrpcPort());
      ports.put(SyslogInputs.TLS, server.server().inputPort(SyslogInputs.TLS));
      ports.put(GELF_TCP, server.server().inputPort(GELF_TCP));
      ports.put(FluentInputs.INPUT, server.server().inputPort(FluentInputs.INPUT));
      ports.put(BeatsInputs.INPUT, server.server().inputPort(BeatsInputs.INPUT));
      X509Certificate expected = certificate(certs.cert());
      SSLContext trusting = trusting(certs.ca(), null);
      for (Map.Entry<String, Integer> port : ports.entrySet()) {
        try (SSLSocket modern = handshake(trusting, port.getValue(), null, null)) {
          assertThat(modern.getSession().getProtocol()).as(port.getKey()).isEqualTo("TLSv1.3");
          assertThat(modern.getSession().getPeerCertificates()[0]).as(port.getKey()).isEqualTo(expected);
        }
        try (SSLSocket tls12 = handshake(trusting, port.getValue(), new String[] {"TLSv1.2"}, null)) {
          assertThat(tls12.getSession().getProtocol()).as(port.getKey()).isEqualTo("TLSv1.2");
          assertThat(tls12.getSession().getCipherSuite()).as(port.getKey()).isIn(TlsPolicy.ALLOWED_CIPHER_SUITES);
        }
        assertThatThrownBy(() -> handshake(trusting, port.getValue(), new String[] {"TLSv1.2"},
            new String[] {"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"}).close())
            .as(port.getKey() + " with CBC suites only").isInstanceOf(IOException.class);
      }

      List<String> probe = oldProtocolProbe(certs, ports.values());
      assertThat(probe.getFirst()).as("the probe can speak TLS 1.1 at all").isEqualTo("control accepted TLSv1.1");
      assertThat(probe.subList(1, probe.size())).hasSize(ports.size())
          .allSatisfy(line -> assertThat(line).matches("\\d+ refused .*"));

      HttpClient https = HttpClient.newBuilder().sslContext(trusting).build();
      HttpResponse<String> ingested = https.send(HttpRequest.newBuilder(URI.create(server.server().url()
              + "/api/v1/ingest")).header("Content-Type", "application/x-ndjson")
          .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"over https\",\"service\":\"tls-test\"}\n")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(ingested.statusCode()).as(ingested.body()).isEqualTo(200);
      ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", server.server().otlpGrpcPort())
          .sslContext(GrpcSslContexts.forClient().trustManager(certs.ca().toFile()).build()).build();
      try {
        assertThat(LogsServiceGrpc.newBlockingStub(channel).export(ExportLogsServiceRequest.getDefaultInstance()))
            .isNotNull();
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
      try (java.net.Socket plain = new java.net.Socket("127.0.0.1", server.server().port())) {
        plain.getOutputStream().write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        plain.setSoTimeout(10_000);
        byte[] answer = plain.getInputStream().readNBytes(4);
        assertThat(new String(answer, StandardCharsets.US_ASCII)).as("plain HTTP to the HTTPS port").doesNotStartWith("HTTP");
      }
    }
  }

  @Test
  void aCertificateReplacedOnDiskServesTheNextHandshakeAndABrokenOneKeepsThePrevious() throws Exception {
    TestCertificates certs = TestCertificates.create(dir);
    Path cert = Files.copy(certs.cert(), dir.resolve("served.pem"));
    Path key = Files.copy(certs.key(), dir.resolve("served-key.pem"));
    Map<String, String> settings = tlsOn(certs, "tls.cert", cert.toString(), "tls.key", key.toString(),
        "syslog.tls_port", "0", "tls.reload_interval", "100ms");
    try (TestServer server = TestServer.start(Files.createDirectories(dir.resolve("data")), settings)) {
      int http = server.server().port();
      int syslog = server.server().inputPort(SyslogInputs.TLS);
      BigInteger first = certificate(certs.cert()).getSerialNumber();
      assertThat(servedSerial(http)).isEqualTo(first);
      assertThat(servedSerial(syslog)).isEqualTo(first);

      TestCertificates next = TestCertificates.create(Files.createDirectories(dir.resolve("next")));
      BigInteger second = certificate(next.cert()).getSerialNumber();
      assertThat(second).isNotEqualTo(first);
      try (SSLSocket open = handshake(trustingEveryone(), http, null, null)) {
        Files.copy(next.key(), key, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(next.cert(), cert, StandardCopyOption.REPLACE_EXISTING);
        assertThat(awaitSerial(http, second)).as("HTTPS after the files were replaced").isEqualTo(second);
        assertThat(awaitSerial(syslog, second)).as("syslog TLS after the files were replaced").isEqualTo(second);
        assertThat(open.getSession().getPeerCertificates()[0]).as("a connection already open keeps its certificate")
            .isEqualTo(certificate(certs.cert()));
      }

      Files.writeString(cert, "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n");
      HttpClient https = HttpClient.newBuilder().sslContext(trusting(next.ca(), null)).build();
      JsonNode tls = null;
      for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        assertThat(servedSerial(http)).as("the broken file never replaces the served certificate").isEqualTo(second);
        tls = JSON.readTree(https.send(HttpRequest.newBuilder(URI.create(server.server().url() + "/api/v1/stats"))
            .build(), HttpResponse.BodyHandlers.ofString()).body()).path("tls");
        if (tls.path("refused_reloads").asLong() > 0) {
          break;
        }
        Thread.sleep(PAUSE_MILLIS);
      }
      assertThat(tls.path("refused_reloads").asLong()).isEqualTo(1);
      assertThat(tls.path("reloads").asLong()).isEqualTo(1);
      assertThat(servedSerial(syslog)).isEqualTo(second);
    }
  }

  @Test
  void filesThatDoNotFitStopTheStartNamingTheFile() throws Exception {
    TestCertificates certs = TestCertificates.create(dir);
    Path missing = dir.resolve("nowhere.pem");
    assertThatThrownBy(() -> TestServer.start(Files.createDirectories(dir.resolve("data1")),
        tlsOn(certs, "tls.cert", missing.toString()))).hasMessageContaining("tls.cert " + missing + " does not exist");
    Path otherKey = certs.ca().resolveSibling("ca-key.pem");
    assertThatThrownBy(() -> TestServer.start(Files.createDirectories(dir.resolve("data2")),
        tlsOn(certs, "tls.key", otherKey.toString())))
        .hasMessageContaining("tls.key " + otherKey + " does not belong to the certificate in tls.cert " + certs.cert());
    assertThatThrownBy(() -> TestServer.start(Files.createDirectories(dir.resolve("data3")),
        tlsOn(certs, "tls.protocols", "TLSv1.1"))).hasMessageContaining("tls.protocols names TLSv1.1, which is not allowed");
  }

  @Test
  void aClientCaMakesHttpsDemandAClientCertificate() throws Exception {
    TestCertificates certs = TestCertificates.create(dir);
    TestCertificates.Client alice = certs.client("alice");
    TestCertificates.Client stranger = certs.clientOfAnotherCa("mallory");
    try (TestServer server = TestServer.start(Files.createDirectories(dir.resolve("data")),
        tlsOn(certs, "tls.client_ca", certs.ca().toString(), "tls.protocols", "TLSv1.3"))) {
      URI health = URI.create(server.server().url() + "/health");
      HttpResponse<String> withCertificate = HttpClient.newBuilder().sslContext(trusting(certs.ca(), alice)).build()
          .send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(withCertificate.statusCode()).isEqualTo(200);
      for (TestCertificates.Client refused : new TestCertificates.Client[] {null, stranger}) {
        HttpClient client = HttpClient.newBuilder().sslContext(trusting(certs.ca(), refused)).build();
        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(health).build(),
            HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
      }
      assertThatThrownBy(() -> handshake(trusting(certs.ca(), alice), server.server().port(),
          new String[] {"TLSv1.2"}, null).getSession().getPeerCertificates())
          .as("tls.protocols TLSv1.3 refuses TLS 1.2").isInstanceOf(IOException.class);
    }
  }

  /** Runs {@link OldProtocolProbe} in its own JVM against {@code ports}; its output lines, the control first. */
  private List<String> oldProtocolProbe(TestCertificates certs, Iterable<Integer> ports) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), OldProtocolProbe.class.getName(), certs.keystore().toString(),
        certs.password()));
    ports.forEach(port -> command.add(port.toString()));
    Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(probe.waitFor()).as(output).isZero();
    return output.lines().filter(line -> line.startsWith("control ") || line.matches("\\d+ .*")).toList();
  }

  private static BigInteger awaitSerial(int port, BigInteger expected) throws Exception {
    BigInteger served = null;
    for (int attempt = 0; attempt < MAX_ATTEMPTS && !expected.equals(served); attempt++) {
      if (attempt > 0) {
        Thread.sleep(PAUSE_MILLIS);
      }
      served = servedSerial(port);
    }
    return served;
  }

  private static BigInteger servedSerial(int port) throws Exception {
    try (SSLSocket socket = handshake(trustingEveryone(), port, null, null)) {
      return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
    }
  }

  /** A completed handshake with {@code port}, offering ALPN h2 (which gRPC needs and the others ignore). */
  private static SSLSocket handshake(SSLContext context, int port, String[] protocols, String[] suites)
      throws IOException {
    SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
    try {
      socket.setSoTimeout(10_000);
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setApplicationProtocols(new String[] {"h2", "http/1.1"});
      if (protocols != null) {
        parameters.setProtocols(protocols);
      }
      if (suites != null) {
        parameters.setCipherSuites(suites);
      }
      socket.setSSLParameters(parameters);
      socket.startHandshake();
      return socket;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  private static X509Certificate certificate(Path pem) throws Exception {
    try (InputStream in = Files.newInputStream(pem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  /** A client context trusting only {@code ca}, presenting {@code client}'s certificate when not null. */
  private static SSLContext trusting(Path ca, TestCertificates.Client client) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", certificate(ca));
    TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trust);
    KeyManagerFactory keys = null;
    if (client != null) {
      KeyStore own = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(client.pkcs12())) {
        own.load(in, "changeit".toCharArray());
      }
      keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(own, "changeit".toCharArray());
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys == null ? null : keys.getKeyManagers(), trustManagers.getTrustManagers(), null);
    return context;
  }

  /** For reading which certificate a port serves now, whoever signed it. */
  private static SSLContext trustingEveryone() throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    }}, null);
    return context;
  }
}
