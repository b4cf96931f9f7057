package dev.corral.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue 12, finding 7: times beyond what an epoch-nanosecond timestamp holds, as 'from' or 'to' of
 * every endpoint that takes a time range, are a client error (400 naming the accepted range), never
 * a 500, and the server logs nothing above DEBUG for them.
 */
class OutOfRangeTimesTest {
  private static final List<String> FAR_TIMES = List.of("0001-01-01", "9999-12-31", "now-100000000y",
      "9223372036854775807");
  private static final String RANGE = "1677-09-21T00:12:43.145224192Z to 2262-04-11T23:47:16.854775807Z";

  @TempDir
  static Path data;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(data);
    server.ingest("""
        {"timestamp":"2026-11-21T10:00:00Z","level":"ERROR","service":"api","message":"boom","trace_id":"t1"}
        """);
    server.awaitTotal("", 1);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void farTimesOnEveryEndpointAre400WithTheAcceptedRangeAndLogNothingAboveDebug() {
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    logged.start();
    root.addAppender(logged);
    try {
      for (String time : FAR_TIMES) {
        for (String bound : List.of("from", "to")) {
          String param = "&" + bound + "=" + URLEncoder.encode(time, StandardCharsets.UTF_8);
          check("search " + bound + "=" + time, server.get("/api/v1/search?q=level:ERROR" + param), bound);
          check("query " + bound + "=" + time, server.send("POST", "/api/v1/query",
              "{\"q\":\"level:ERROR\",\"" + bound + "\":\"" + time + "\"}", "Content-Type", "application/json"), bound);
          check("fields " + bound + "=" + time, server.get("/api/v1/fields?q=" + param), bound);
          check("values " + bound + "=" + time, server.get("/api/v1/fields/service/values?q=" + param),
              bound);
          check("trace " + bound + "=" + time, server.get("/api/v1/trace/t1?" + param.substring(1)), bound);
        }
      }
    } finally {
      root.detachAppender(logged);
    }
    assertThat(logged.list).filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.INFO)).isEmpty();
  }

  @Test
  void theEndsOfTheRangeThemselvesAreAccepted() {
    String reply = server.search("level:ERROR", "&from=" + URLEncoder.encode("1677-09-21T00:12:43.145224192Z",
        StandardCharsets.UTF_8) + "&to=" + URLEncoder.encode("2262-04-11T23:47:16.854775807Z",
        StandardCharsets.UTF_8)).path("total").asText();
    assertThat(reply).isEqualTo("1");
  }

  private static String check(String what, TestServer.Reply reply, String bound) {
    assertThat(reply.status()).as(what + ": " + reply.body()).isEqualTo(400);
    String error = reply.json().path("error").asText();
    assertThat(error).as(what).contains("'" + bound + "'").contains(RANGE);
    return error;
  }
}
