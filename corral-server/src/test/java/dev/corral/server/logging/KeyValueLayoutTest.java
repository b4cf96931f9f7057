package dev.corral.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

/**
 * Finding 8 of issue 12 (log forging): a value holding a newline and quotes, such as the request
 * path {@code /api/v1/trace/abc%0atimestamp=… level=ERROR msg="admin login"}, stays inside one
 * line of the key=value log and of the JSON log, and parses back to what was logged.
 */
class KeyValueLayoutTest {
  private static final String FORGED_PATH =
      "/api/v1/trace/abc\ntimestamp=2026-12-05T10:00:00.000Z level=ERROR msg=\"admin login\" user=\"root\"";
  private static final String MESSAGE = "request failed for \"x\"\r\n\ttimestamp=now level=ERROR \\ \u0000\u2028end";

  private final LoggerContext context = withMdc(new LoggerContext());
  private final Logger logger = context.getLogger("dev.corral.server.http.HttpApi");

  private static LoggerContext withMdc(LoggerContext context) {
    context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
    return context;
  }

  private LoggingEvent event(Throwable error) {
    LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.WARN, MESSAGE, error, null);
    event.addKeyValuePair(new KeyValuePair("path", FORGED_PATH));
    event.addKeyValuePair(new KeyValuePair("status", 404));
    event.addKeyValuePair(new KeyValuePair("bad key\n=", "v"));
    return event;
  }

  @Test
  void everyValueStaysOnOneLineAndParsesBack() {
    KeyValueLayout layout = new KeyValueLayout();
    layout.setContext(context);
    layout.start();
    String line = layout.doLayout(event(null));

    assertThat(line).endsWith("\n");
    assertThat(line.substring(0, line.length() - 1)).doesNotContain("\n", "\r", "\u2028");
    Map<String, String> parsed = parse(line.strip());
    assertThat(parsed).containsEntry("level", "WARN").containsEntry("logger", "HttpApi")
        .containsEntry("msg", MESSAGE).containsEntry("path", FORGED_PATH).containsEntry("status", "404")
        .containsEntry("bad_key__", "v");
    assertThat(parsed.keySet()).containsExactly("timestamp", "level", "logger", "thread", "msg", "path", "status",
        "bad_key__");
  }

  @Test
  void aStackTraceIsOneEscapedValue() {
    KeyValueLayout layout = new KeyValueLayout();
    layout.setContext(context);
    layout.start();
    String line = layout.doLayout(event(new IllegalStateException("broken\nlevel=INFO msg=\"all fine\"")));

    assertThat(line.substring(0, line.length() - 1)).doesNotContain("\n");
    String error = parse(line.strip()).get("error");
    assertThat(error).startsWith("java.lang.IllegalStateException: broken\nlevel=INFO msg=\"all fine\"")
        .contains("\tat dev.corral.server.logging.KeyValueLayoutTest");
  }

  @Test
  void theJsonFormatEscapesTheSameValues() throws Exception {
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(context);
    encoder.start();
    String line = new String(encoder.encode(event(null)), StandardCharsets.UTF_8);

    assertThat(line.strip()).doesNotContain("\n", "\r");
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.path("message").asText()).isEqualTo(MESSAGE);
    assertThat(json.path("kvpList").toString()).contains(new ObjectMapper().writeValueAsString(FORGED_PATH));
  }

  /** A strict logfmt reader: {@code key=bare} or {@code key="escaped"}, separated by one space. */
  private static Map<String, String> parse(String line) {
    Map<String, String> fields = new LinkedHashMap<>();
    int i = 0;
    while (i < line.length()) {
      int eq = line.indexOf('=', i);
      String key = line.substring(i, eq);
      StringBuilder value = new StringBuilder();
      i = eq + 1;
      if (line.charAt(i) == '"') {
        i++;
        while (line.charAt(i) != '"') {
          char c = line.charAt(i++);
          if (c != '\\') {
            value.append(c);
            continue;
          }
          char escaped = line.charAt(i++);
          switch (escaped) {
            case 'n' -> value.append('\n');
            case 'r' -> value.append('\r');
            case 't' -> value.append('\t');
            case 'u' -> {
              value.append((char) Integer.parseInt(line.substring(i, i + 4), 16));
              i += 4;
            }
            default -> value.append(escaped);
          }
        }
        i++;
      } else {
        while (i < line.length() && line.charAt(i) != ' ') {
          value.append(line.charAt(i++));
        }
      }
      assertThat(fields.put(key, value.toString())).as("key " + key + " appears once").isNull();
      assertThat(i == line.length() || line.charAt(i) == ' ').as("a space after " + key).isTrue();
      i++;
    }
    return fields;
  }
}
