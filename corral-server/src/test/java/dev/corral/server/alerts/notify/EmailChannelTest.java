package dev.corral.server.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The email channel against a real SMTP server (GreenMail, in the test's JVM, on 127.0.0.1) that requires a login.
 * GreenMail offers no STARTTLS, which lets the test show that {@code security: starttls} refuses to send in clear
 * text rather than falling back.
 */
class EmailChannelTest {
  @TempDir
  java.nio.file.Path data;

  private GreenMail smtp;

  @BeforeEach
  void startSmtp() {
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    smtp.withConfiguration(GreenMailConfiguration.aConfig().withUser("corral@example.com", "corral", "pa55word"));
    smtp.start();
  }

  @AfterEach
  void stopSmtp() {
    smtp.stop();
  }

  private String channel(String name, String security, String password) {
    return "  - name: " + name + "\n    type: email\n    host: 127.0.0.1\n    port: " + smtp.getSmtp().getPort()
        + "\n    security: " + security + "\n    from: corral@example.com\n"
        + "    to: [oncall@example.com, sre@example.com]\n    username: corral\n    password: \"" + password + "\"\n";
  }

  @Test
  void anAuthenticatedEmailCarriesTextAndHtmlWithTheLinks() throws Exception {
    try (ChannelsServer corral = ChannelsServer.start(data, "channels:\n" + channel("mail", "none", "pa55word"),
        Map.of())) {
      corral.notifier.send(List.of("mail"), Notifications.errorSpike("payment-gateway", 7.5, true));
      JsonNode delivered = corral.awaitOutcome("mail", "delivered", 1);
      assertThat(smtp.getReceivedMessages()).as("one copy per recipient; log %s", delivered).hasSize(2);
      MimeMessage message = smtp.getReceivedMessages()[0];
      assertThat(message.getSubject()).isEqualTo("[FIRING] error_spike (critical): error_spike firing for payment-gateway");
      assertThat(message.getFrom()[0].toString()).isEqualTo("corral@example.com");
      assertThat(message.getAllRecipients()).extracting(Object::toString)
          .containsExactly("oncall@example.com", "sre@example.com");
      MimeMultipart parts = (MimeMultipart) message.getContent();
      assertThat(parts.getContentType()).startsWith("multipart/alternative");
      assertThat(parts.getCount()).isEqualTo(2);
      assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
      String text = (String) parts.getBodyPart(0).getContent();
      assertThat(text).contains("firing service=payment-gateway value=7.5")
          .contains("Search: http://corral.example.com/#/search?q=level%3AERROR&service=payment-gateway")
          .contains("Runbook: https://runbooks.example.com/error-spike");
      assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
      String html = (String) parts.getBodyPart(1).getContent();
      assertThat(html).contains("<a href=\"http://corral.example.com/#/search?q=level%3AERROR&amp;service=payment-gateway\">")
          .contains("<a href=\"http://corral.example.com/#/trace/4bf92f3577b34da6\">");
      assertThat(corral.awaitOutcome("mail", "delivered", 1).path("target").asText())
          .isEqualTo("127.0.0.1:" + smtp.getSmtp().getPort());
      assertThat(corral.server.get("/api/v1/alerts/channels").body()).doesNotContain("pa55word");
    }
  }

  @Test
  void aRefusedLoginIsAFailureThatIsNotRetried() throws Exception {
    try (ChannelsServer corral = ChannelsServer.start(data, "channels:\n" + channel("mail", "none", "wrong"),
        Map.of("alerts.notify_retries", "3"))) {
      corral.notifier.send(List.of("mail"), Notifications.errorSpike("payment-gateway", 7.5, true));
      JsonNode channel = corral.awaitOutcome("mail", "failed", 1);
      assertThat(channel.path("deliveries").size()).as("no retry").isEqualTo(1);
      assertThat(channel.path("last_error").path("error").asText()).contains("login refused for user 'corral'");
      assertThat(smtp.getReceivedMessages()).isEmpty();
    }
  }

  /**
   * Implicit TLS (SMTPS) with a login: the server's certificate (made here by keytool for 127.0.0.1) is trusted
   * through the channel's {@code ca_file} and its host checked; a channel without it does not trust it and sends
   * nothing.
   */
  @Test
  void implicitTlsTrustsTheConfiguredCaAndRefusesAnUntrustedServer(@TempDir java.nio.file.Path certs)
      throws Exception {
    java.nio.file.Path keystore = certs.resolve("smtp.p12");
    java.nio.file.Path pem = certs.resolve("smtp.pem");
    keytool("-genkeypair", "-alias", "smtp", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-keystore", keystore.toString(), "-storetype",
        "PKCS12", "-storepass", "changeit", "-keypass", "changeit");
    keytool("-exportcert", "-rfc", "-alias", "smtp", "-keystore", keystore.toString(), "-storepass", "changeit",
        "-file", pem.toString());
    System.setProperty("greenmail.tls.keystore.file", keystore.toString());
    System.setProperty("greenmail.tls.keystore.password", "changeit");
    System.setProperty("greenmail.tls.key.password", "changeit");
    GreenMail smtps = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS).dynamicPort());
    try {
      smtps.withConfiguration(GreenMailConfiguration.aConfig().withUser("corral@example.com", "corral", "pa55word"));
      smtps.start();
      String common = "    type: email\n    host: 127.0.0.1\n    port: " + smtps.getSmtps().getPort()
          + "\n    security: tls\n    from: corral@example.com\n    to: oncall@example.com\n"
          + "    username: corral\n    password: pa55word\n";
      try (ChannelsServer corral = ChannelsServer.start(data, "channels:\n  - name: trusted\n" + common
          + "    ca_file: " + pem + "\n  - name: untrusted\n" + common, Map.of("alerts.notify_retries", "0"))) {
        corral.notifier.send(List.of("trusted"), Notifications.errorSpike("payment-gateway", 7.5, true));
        corral.awaitOutcome("trusted", "delivered", 1);
        assertThat(smtps.getReceivedMessages()).hasSize(1);
        assertThat(smtps.getReceivedMessages()[0].getSubject()).startsWith("[FIRING] error_spike");
        corral.notifier.send(List.of("untrusted"), Notifications.errorSpike("payment-gateway", 7.5, true));
        JsonNode refused = corral.awaitOutcome("untrusted", "failed", 1);
        assertThat(refused.path("last_error").path("error").asText()).containsIgnoringCase("certif");
        assertThat(smtps.getReceivedMessages()).hasSize(1);
      }
    } finally {
      smtps.stop();
      System.clearProperty("greenmail.tls.keystore.file");
      System.clearProperty("greenmail.tls.keystore.password");
      System.clearProperty("greenmail.tls.key.password");
    }
  }

  private static void keytool(String... arguments) throws Exception {
    List<String> command = new java.util.ArrayList<>();
    command.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor()).as("keytool said: %s", output).isZero();
  }

  @Test
  void starttlsIsRequiredAndNeverFallsBackToClearText() throws Exception {
    try (ChannelsServer corral = ChannelsServer.start(data, "channels:\n" + channel("mail", "starttls", "pa55word"),
        Map.of("alerts.notify_retries", "3"))) {
      corral.notifier.send(List.of("mail"), Notifications.errorSpike("payment-gateway", 7.5, true));
      JsonNode channel = corral.awaitOutcome("mail", "failed", 1);
      assertThat(channel.path("deliveries").size()).as("a server without STARTTLS is not retried").isEqualTo(1);
      assertThat(channel.path("last_error").path("error").asText()).contains("STARTTLS");
      assertThat(smtp.getReceivedMessages()).isEmpty();
    }
  }
}
