package dev.corral.server.inputs.syslog;

/** What every real sender sends: unicode, a multi-line stack trace, a large message. */
final class SenderSamples {
  static final String UNICODE = "unicode ✓ Grüße 日本語 🚀 ünïcødé";
  static final String STACK_TRACE = "java.lang.IllegalStateException: payment failed\n"
      + "\tat com.shop.Payments.charge(Payments.java:42)\n\tat com.shop.Api.post(Api.java:7)";

  private SenderSamples() {}

  /** A message of about {@code bytes} bytes that starts with a recognizable word. */
  static String large(int bytes) {
    StringBuilder text = new StringBuilder("large");
    for (int i = 0; text.length() < bytes; i++) {
      text.append(' ').append("word").append(i);
    }
    return text.toString();
  }
}
