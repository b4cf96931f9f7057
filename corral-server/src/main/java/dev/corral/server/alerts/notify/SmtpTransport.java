package dev.corral.server.alerts.notify;

import dev.corral.server.alerts.Notification;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Sends a notification as one email over SMTP (Jakarta Mail, Angus): plain text and HTML as
 * multipart/alternative. {@code starttls} requires the server to offer STARTTLS and fails otherwise (never
 * falls back to clear text); {@code tls} speaks TLS from the first byte; both check the server's certificate
 * and host name. A 5xx reply or a refused login is permanent (not retried); anything else may be retried.
 */
final class SmtpTransport implements Transport {
  private final ChannelConfig.Email channel;
  private final Session session;

  /** @throws InvalidChannelException when the channel's {@code ca_file} no longer reads */
  SmtpTransport(ChannelConfig.Email channel, Duration timeout) throws InvalidChannelException {
    this.channel = channel;
    this.session = Session.getInstance(properties(channel, timeout));
  }

  private static Properties properties(ChannelConfig.Email channel, Duration timeout) throws InvalidChannelException {
    boolean implicitTls = channel.security().equals("tls");
    String protocol = implicitTls ? "smtps" : "smtp";
    String millis = Long.toString(timeout.toMillis());
    Properties properties = new Properties();
    properties.put("mail.transport.protocol", protocol);
    properties.put("mail." + protocol + ".host", channel.host());
    properties.put("mail." + protocol + ".port", Integer.toString(channel.port()));
    properties.put("mail." + protocol + ".connectiontimeout", millis);
    properties.put("mail." + protocol + ".timeout", millis);
    properties.put("mail." + protocol + ".writetimeout", millis);
    properties.put("mail." + protocol + ".auth", Boolean.toString(!channel.username().isEmpty()));
    properties.put("mail." + protocol + ".from", channel.from());
    if (channel.security().equals("starttls")) {
      properties.put("mail.smtp.starttls.enable", "true");
      properties.put("mail.smtp.starttls.required", "true");
    }
    if (!channel.security().equals("none")) {
      properties.put("mail." + protocol + ".ssl.checkserveridentity", "true");
    }
    if (!channel.caFile().isEmpty()) {
      properties.put("mail." + protocol + ".ssl.socketFactory",
          TrustedCertificates.socketFactory("ca_file", java.nio.file.Path.of(channel.caFile())));
    }
    return properties;
  }

  @Override
  public AttemptResult send(Notification notification) {
    try {
      MimeMessage message = new MimeMessage(session);
      message.setFrom(new InternetAddress(channel.from()));
      for (String to : channel.to()) {
        message.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
      }
      message.setSubject(EmailMessage.subject(notification), StandardCharsets.UTF_8.name());
      message.setSentDate(Date.from(notification.at() == null ? java.time.Instant.now() : notification.at()));
      message.setHeader("X-Corral-Rule", notification.rule().replaceAll("[\\r\\n]", " "));
      MimeBodyPart text = new MimeBodyPart();
      text.setText(EmailMessage.text(notification), StandardCharsets.UTF_8.name(), "plain");
      MimeBodyPart html = new MimeBodyPart();
      html.setText(EmailMessage.html(notification), StandardCharsets.UTF_8.name(), "html");
      message.setContent(new MimeMultipart("alternative", text, html));
      message.saveChanges();
      try (jakarta.mail.Transport transport = session.getTransport()) {
        if (channel.username().isEmpty()) {
          transport.connect();
        } else {
          transport.connect(channel.username(), channel.password());
        }
        transport.sendMessage(message, message.getAllRecipients());
      }
      return AttemptResult.delivered(250);
    } catch (AuthenticationFailedException e) {
      return AttemptResult.failed(535, "SMTP login refused for user '" + channel.username() + "': " + e.getMessage(),
          false);
    } catch (SMTPSendFailedException e) {
      return AttemptResult.failed(e.getReturnCode(), "SMTP " + e.getReturnCode() + ": " + e.getMessage(),
          e.getReturnCode() < 500);
    } catch (SMTPAddressFailedException e) {
      return AttemptResult.failed(e.getReturnCode(), "SMTP refused address " + e.getAddress() + ": " + e.getMessage(),
          e.getReturnCode() < 500);
    } catch (MessagingException e) {
      String reason = e.getMessage() + (e.getNextException() == null ? "" : " (" + e.getNextException() + ")");
      boolean permanent = reason.contains("STARTTLS is required");
      return AttemptResult.failed(0, "SMTP to " + channel.target() + " failed: " + reason, !permanent);
    }
  }
}
