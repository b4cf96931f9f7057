package dev.corral.server.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.event.KeyValuePair;

/**
 * Renders a log event as exactly one key=value line (logfmt):
 *
 * <pre>
 * timestamp=2026-12-05T13:09:19.123Z level=INFO logger=CorralServer thread=main msg="ready" startup_ms="812"
 * </pre>
 *
 * <p>The message, every key-value pair's value and a throwable's stack trace ({@code error=…}) are
 * always quoted; level, logger and thread are quoted only when they hold more than name
 * characters. Inside quotes, {@code \} and {@code "} are escaped with a backslash, newline, return
 * and tab become {@code \n}, {@code \r} and {@code \t}, and every other control character (C0, DEL,
 * C1) and the Unicode line and paragraph separators become {@code \}{@code uXXXX}: no value can end
 * the line or start a forged one. Keys keep letters, digits, {@code _ . -} and lose the rest to
 * {@code _}. Thread-safe once started, as logback requires.
 */
public final class KeyValueLayout extends LayoutBase<ILoggingEvent> {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_.:/@\\-\\[\\]]+");
  private final ThrowableProxyConverter stackTrace = new ThrowableProxyConverter();

  @Override
  public void start() {
    stackTrace.setContext(getContext());
    stackTrace.start();
    super.start();
  }

  @Override
  public String doLayout(ILoggingEvent event) {
    StringBuilder line = new StringBuilder(256);
    line.append("timestamp=").append(TIMESTAMP.format(Instant.ofEpochMilli(event.getTimeStamp())));
    line.append(" level=");
    appendValue(line, event.getLevel().toString(), false);
    line.append(" logger=");
    appendValue(line, shortName(event.getLoggerName()), false);
    line.append(" thread=");
    appendValue(line, event.getThreadName(), false);
    line.append(" msg=");
    appendValue(line, event.getFormattedMessage(), true);
    List<KeyValuePair> pairs = event.getKeyValuePairs();
    if (pairs != null) {
      for (KeyValuePair pair : pairs) {
        line.append(' ');
        appendKey(line, pair.key);
        line.append('=');
        appendValue(line, String.valueOf(pair.value), true);
      }
    }
    if (event.getThrowableProxy() != null) {
      line.append(" error=");
      appendValue(line, stripTrailingNewline(stackTrace.convert(event)), true);
    }
    return line.append(CoreConstants.LINE_SEPARATOR).toString();
  }

  /** Appends {@code value}, quoted and escaped when {@code quote} is set or it holds more than name characters. */
  static void appendValue(StringBuilder line, String value, boolean quote) {
    String text = value == null ? "null" : value;
    if (!quote && BARE.matcher(text).matches()) {
      line.append(text);
      return;
    }
    line.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> line.append("\\\"");
        case '\\' -> line.append("\\\\");
        case '\n' -> line.append("\\n");
        case '\r' -> line.append("\\r");
        case '\t' -> line.append("\\t");
        default -> {
          if (c < 0x20 || c >= 0x7f && c <= 0x9f || c == '\u2028' || c == '\u2029') {
            line.append(String.format("\\u%04x", (int) c));
          } else {
            line.append(c);
          }
        }
      }
    }
    line.append('"');
  }

  private static void appendKey(StringBuilder line, String key) {
    if (key == null || key.isEmpty()) {
      line.append('_');
      return;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean nameChar = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.'
          || c == '-';
      line.append(nameChar ? c : '_');
    }
  }

  /** The logger's simple class name, as {@code %logger{0}} gave it. */
  private static String shortName(String loggerName) {
    return loggerName.substring(loggerName.lastIndexOf('.') + 1);
  }

  private static String stripTrailingNewline(String text) {
    String trimmed = text;
    while (trimmed.endsWith("\n") || trimmed.endsWith("\r")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed;
  }
}
