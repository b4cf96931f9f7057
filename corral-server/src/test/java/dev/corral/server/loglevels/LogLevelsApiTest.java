package dev.corral.server.loglevels;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Log levels changed at run time over the admin API of a real server: a component's DEBUG lines
 * appear once it is set to DEBUG and stop once it is reset; bad input is a 400 naming what is valid.
 */
class LogLevelsApiTest {
  private static final String PATH = "/api/v1/admin/loglevels";
  /** The http component logs a refused request at DEBUG with its path: a line any client can cause. */
  private static final String REFUSED_PATH = "/api/v1/search";

  @TempDir
  static Path data;
  static TestServer server;
  private static final ListAppender<ILoggingEvent> lines = new ListAppender<>();

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(data, Map.of());
    lines.start();
    root().addAppender(lines);
  }

  @AfterAll
  static void stop() throws Exception {
    root().detachAppender(lines);
    server.close();
  }

  private static Logger root() {
    return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
  }

  /** Sends a query that does not parse (400) and says whether the http component logged it at DEBUG. */
  private static boolean refusedQueryLoggedAtDebug() {
    lines.list.clear();
    assertThat(server.get(REFUSED_PATH + "?q=%28unclosed").status()).isEqualTo(400);
    return lines.list.stream().anyMatch(line -> line.getLevel() == ch.qos.logback.classic.Level.DEBUG
        && line.getLoggerName().startsWith("dev.corral.server.http") && line.getKeyValuePairs() != null
        && line.getKeyValuePairs().stream().anyMatch(pair -> REFUSED_PATH.equals(pair.value)));
  }

  private static JsonNode component(String name) {
    TestServer.Reply listed = server.get(PATH);
    assertThat(listed.status()).as(listed.body()).isEqualTo(200);
    for (JsonNode component : listed.json().path("components")) {
      if (component.path("name").asText().equals(name)) {
        return component;
      }
    }
    throw new AssertionError("no component " + name + " in " + listed.body());
  }

  @Test
  void aComponentsDebugLinesAppearAfterSetAndStopAfterReset() {
    assertThat(refusedQueryLoggedAtDebug()).as("DEBUG is off as configured").isFalse();
    assertThat(component("http").path("level").asText()).isEqualTo("INFO");

    TestServer.Reply set = server.send("PUT", PATH + "/http", "{\"level\": \"debug\"}", "Content-Type",
        "application/json");
    assertThat(set.status()).as(set.body()).isEqualTo(200);
    assertThat(set.json().path("level").asText()).isEqualTo("DEBUG");
    assertThat(component("http").path("changed").asBoolean()).isTrue();
    assertThat(component("store").path("level").asText()).as("other components unchanged").isEqualTo("INFO");
    assertThat(refusedQueryLoggedAtDebug()).as("DEBUG after set").isTrue();

    TestServer.Reply reset = server.send("DELETE", PATH + "/http", null);
    assertThat(reset.status()).as(reset.body()).isEqualTo(200);
    assertThat(reset.json().path("level").asText()).isEqualTo("INFO");
    assertThat(component("http").path("changed").asBoolean()).isFalse();
    assertThat(refusedQueryLoggedAtDebug()).as("no DEBUG after reset").isFalse();
  }

  @Test
  void aFullLoggerNameCanBeSetListedAndReset() {
    String logger = "dev.corral.server.http.HttpApi";
    TestServer.Reply set = server.send("POST", PATH + "/" + logger + "?level=DEBUG", null);
    assertThat(set.status()).as(set.body()).isEqualTo(200);
    assertThat(component(logger).path("level").asText()).isEqualTo("DEBUG");
    assertThat(refusedQueryLoggedAtDebug()).isTrue();
    assertThat(server.send("DELETE", PATH + "/" + logger, null).status()).isEqualTo(200);
    assertThat(refusedQueryLoggedAtDebug()).isFalse();
    assertThat(server.get(PATH).body()).doesNotContain(logger);
  }

  @Test
  void anUnknownComponentOrLevelIsRefusedNamingTheValidOnes() {
    TestServer.Reply component = server.send("PUT", PATH + "/stroe?level=DEBUG", null);
    assertThat(component.status()).isEqualTo(400);
    assertThat(component.json().path("error").asText()).contains("stroe").contains("store").contains("wal")
        .contains("http");
    TestServer.Reply level = server.send("PUT", PATH + "/store?level=VERBOSE", null);
    assertThat(level.status()).isEqualTo(400);
    assertThat(level.json().path("error").asText()).contains("VERBOSE").contains("DEBUG").contains("TRACE");
    TestServer.Reply noLevel = server.send("PUT", PATH + "/store", "{}", "Content-Type", "application/json");
    assertThat(noLevel.status()).isEqualTo(400);
    assertThat(noLevel.json().path("error").asText()).contains("level");
    assertThat(server.send("DELETE", PATH + "/no-such-part", null).status()).isEqualTo(400);
    assertThat(component("store").path("changed").asBoolean()).as("nothing changed by a refusal").isFalse();
    for (String name : List.of("store", "wal", "ingest", "search", "http", "auth", "alerts", "tail")) {
      assertThat(component(name).path("loggers").isEmpty()).as(name).isFalse();
    }
  }
}
