package dev.corral.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/v1/dashboards}: saved definitions, validation, the built-in incident dashboard. */
class DashboardsApiTest {
  private static final String BOARD = """
      {"title": "Checkout", "description": "the checkout team's board",
       "panels": [
         {"id": "errors", "title": "Errors", "query": "service:checkout AND level:ERROR | timechart span=5m count()",
          "visualization": "bar", "range": "24h", "width": 6},
         {"id": "slow", "title": "Slow requests", "query": "performance.duration_ms:>1000 | stats count()",
          "visualization": "number", "thresholds": {"warning": 5, "critical": 50.5}}
       ]}""";
  @TempDir
  Path data;
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(data);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void theIncidentDashboardIsBuiltIn() {
    JsonNode list = server.get("/api/v1/dashboards").json().path("dashboards");
    assertThat(list).hasSize(1);
    assertThat(list.get(0).toString())
        .isEqualTo("{\"id\":\"incident\",\"title\":\"Incident overview\",\"builtin\":true,\"modified\":false}");
    JsonNode incident = server.get("/api/v1/dashboards/incident").json();
    assertThat(incident.path("builtin").asBoolean()).isTrue();
    List<String> visualizations = new ArrayList<>();
    incident.path("panels").forEach(panel -> visualizations.add(panel.path("visualization").asText()));
    assertThat(visualizations).containsExactly("alerts", "matrix", "line", "line", "table");
    JsonNode alerts = incident.path("panels").get(0);
    assertThat(alerts.path("id").asText()).isEqualTo("firing-alerts");
    assertThat(alerts.has("query")).as("an alerts panel runs no query").isFalse();
    JsonNode health = incident.path("panels").get(1);
    assertThat(health.path("query").asText()).isEqualTo("* | stats count() by service, level");
    assertThat(health.path("range").asText()).isEqualTo("15m");
    assertThat(health.path("thresholds").path("warning").isNumber()).isTrue();
    assertThat(health.path("thresholds").path("critical").asDouble())
        .isGreaterThan(health.path("thresholds").path("warning").asDouble());
  }

  @Test
  void everyBuiltInPanelAnswersOnDemoData() throws Exception {
    DemoData.ingestRecent(server, java.time.Duration.ofMinutes(10), 5);
    for (JsonNode panel : server.get("/api/v1/dashboards/incident").json().path("panels")) {
      if (panel.path("visualization").asText().equals("alerts")) {
        continue; // lists the alert instances: no query
      }
      JsonNode result = server.search(panel.path("query").asText(), "&from=now-" + panel.path("range").asText());
      assertThat(result.path("kind").asText()).as(panel.path("id").asText()).isEqualTo("table");
      assertThat(result.path("rows")).as("rows of %s", panel.path("id").asText()).isNotEmpty();
    }
    JsonNode traces = server.search(query("failing-traces"), "&from=now-1h");
    assertThat(columns(traces)).containsExactly("trace_id", "services", "errors");
    assertThat(traces.path("rows").size()).isLessThanOrEqualTo(10);
    assertThat(columns(server.search(query("service-health"), "&from=now-15m")))
        .containsExactly("service", "level", "count()");
    assertThat(columns(server.search(query("latency-p95"), "&from=now-1h")))
        .containsExactly("timestamp", "service", "p95(performance.duration_ms)");
  }

  @Test
  void savedDashboardsCanBeReadChangedAndDeleted() throws Exception {
    TestServer.Reply saved = send("PUT", "/api/v1/dashboards/checkout-team", BOARD);
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    JsonNode board = saved.json();
    assertThat(board.path("id").asText()).isEqualTo("checkout-team");
    assertThat(board.path("builtin").asBoolean()).isFalse();
    assertThat(board.path("panels").get(1).path("thresholds").toString()).isEqualTo("{\"warning\":5,\"critical\":50.5}");
    assertThat(server.get("/api/v1/dashboards/checkout-team").json()).isEqualTo(board);
    assertThat(server.get("/api/v1/dashboards").json().path("dashboards").toString())
        .contains("{\"id\":\"checkout-team\",\"title\":\"Checkout\",\"builtin\":false,\"modified\":false}");

    assertThat(send("PUT", "/api/v1/dashboards/checkout-team", BOARD.replace("\"Checkout\"", "\"Checkout v2\"")).status())
        .isEqualTo(200);
    assertThat(server.get("/api/v1/dashboards/checkout-team").json().path("title").asText()).isEqualTo("Checkout v2");
    try (Stream<Path> files = Files.list(data.resolve("dashboards"))) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("checkout-team.json");
    }

    assertThat(send("DELETE", "/api/v1/dashboards/checkout-team", null).status()).isEqualTo(204);
    assertThat(server.get("/api/v1/dashboards/checkout-team").status()).isEqualTo(404);
    assertThat(send("DELETE", "/api/v1/dashboards/checkout-team", null).status()).isEqualTo(404);
  }

  @Test
  void invalidIdsAreRefused() {
    for (String id : new String[] {"My-Board", "-board", "a".repeat(65), "board_1", "%2e%2e", "a%2Fb", "b%C3%B6rd"}) {
      TestServer.Reply reply = send("PUT", "/api/v1/dashboards/" + id, BOARD);
      assertThat(reply.status()).as(id).isEqualTo(400);
      assertThat(reply.json().path("error").asText()).as(id).contains("dashboard id");
    }
    assertThat(send("PUT", "/api/v1/dashboards/" + "a".repeat(64), BOARD).status()).isEqualTo(200);
  }

  @Test
  void oversizedAndMalformedBodiesAreRefused() {
    String huge = BOARD.replace("the checkout team's board", "x".repeat(300 * 1024));
    assertThat(send("PUT", "/api/v1/dashboards/big", huge).status()).isEqualTo(413);
    assertInvalid("{\"title\": \"x\", \"panels\": [", "", "not JSON");
    assertInvalid("", "", "empty");
    assertInvalid("[]", "", "JSON object");
    assertInvalid("\"board\"", "", "JSON object");
    assertInvalid("[".repeat(5000) + "]".repeat(5000), "", "not JSON");
    assertInvalid("{\"title\": \"a\", \"title\": \"b\", \"panels\": []}", "", "title");
  }

  @Test
  void everyPartOfADefinitionIsChecked() {
    assertInvalid("{\"panels\": []}", "title", "required");
    assertInvalid("{\"title\": \"  \", \"panels\": []}", "title", "blank");
    assertInvalid("{\"title\": 7, \"panels\": []}", "title", "string");
    assertInvalid("{\"title\": \"t\"}", "panels", "required");
    assertInvalid("{\"title\": \"t\", \"panels\": {}}", "panels", "array");
    assertInvalid("{\"title\": \"t\", \"panels\": [], \"colour\": \"red\"}", "colour", "not a known key");
    assertInvalid("{\"id\": \"other\", \"title\": \"t\", \"panels\": []}", "id", "URL");
    assertInvalid(withPanel("\"visualisation\": \"line\""), "panels[0].visualisation", "did you mean 'visualization'");
    assertInvalid(withPanel("\"visualization\": \"pie\""), "panels[0].visualization", "matrix, line, bar, table, number, alerts");
    assertInvalid(withPanel("\"visualization\": \"line\", \"range\": \"15 minutes\""), "panels[0].range", "15m");
    assertInvalid(withPanel("\"visualization\": \"line\", \"range\": \"0m\""), "panels[0].range", "longer than zero");
    assertInvalid(withPanel("\"visualization\": \"line\", \"width\": 13"), "panels[0].width", "1 to 12");
    assertInvalid(withPanel("\"visualization\": \"line\", \"width\": 1.5"), "panels[0].width", "1 to 12");
    assertInvalid(withPanel("\"visualization\": \"line\", \"thresholds\": {\"warning\": \"high\"}"),
        "panels[0].thresholds.warning", "number");
    assertInvalid(withPanel("\"visualization\": \"line\", \"thresholds\": {}"), "panels[0].thresholds", "warning or a critical");
    assertInvalid("{\"title\": \"t\", \"panels\": [{\"id\": \"Big Panel\", \"title\": \"p\", \"query\": \"*\", "
        + "\"visualization\": \"table\"}]}", "panels[0].id", "lowercase");
    assertInvalid("{\"title\": \"t\", \"panels\": [" + panel("a") + ", " + panel("a") + "]}", "panels[1].id", "earlier panel");
    StringBuilder many = new StringBuilder("{\"title\": \"t\", \"panels\": [");
    for (int i = 0; i <= 100; i++) {
      many.append(i == 0 ? "" : ",").append(panel("p" + i));
    }
    assertInvalid(many.append("]}").toString(), "panels", "100");
  }

  @Test
  void anAlertsPanelIsSavedWithoutAQueryAndRefusesOne() {
    String board = "{\"title\": \"On call\", \"panels\": [{\"id\": \"alerts\", \"title\": \"Firing\", "
        + "\"visualization\": \"alerts\", \"width\": 6}, " + panel("count") + "]}";
    TestServer.Reply saved = send("PUT", "/api/v1/dashboards/on-call", board);
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    assertThat(server.get("/api/v1/dashboards/on-call").json().path("panels").get(0).toString())
        .isEqualTo("{\"id\":\"alerts\",\"title\":\"Firing\",\"visualization\":\"alerts\",\"width\":6}");
    String alertsPanel = "{\"title\": \"t\", \"panels\": [{\"id\": \"p\", \"title\": \"p\", \"visualization\": \"alerts\", ";
    assertInvalid(alertsPanel + "\"query\": \"*\"}]}", "panels[0].query", "takes no query");
    assertInvalid(alertsPanel + "\"range\": \"15m\"}]}", "panels[0].range", "takes no range");
    assertInvalid(alertsPanel + "\"thresholds\": {\"warning\": 1}}]}", "panels[0].thresholds", "takes no thresholds");
    assertInvalid("{\"title\": \"t\", \"panels\": [{\"id\": \"p\", \"title\": \"p\", \"visualization\": \"table\"}]}",
        "panels[0].query", "required");
    assertThat(send("DELETE", "/api/v1/dashboards/on-call", null).status()).isEqualTo(204);
  }

  @Test
  void aPanelQueryThatDoesNotParseIsRefusedWithItsPosition() {
    TestServer.Reply reply = send("PUT", "/api/v1/dashboards/broken", "{\"title\": \"t\", \"panels\": [" + panel("ok") + ", "
        + "{\"id\": \"bad\", \"title\": \"b\", \"query\": \"level:ERROR | stats cout()\", \"visualization\": \"table\"}]}");
    assertThat(reply.status()).isEqualTo(400);
    JsonNode error = reply.json();
    assertThat(error.path("field").asText()).isEqualTo("panels[1].query");
    assertThat(error.path("error").asText()).contains("did you mean 'count'");
    assertThat(error.path("position").asInt()).isEqualTo(20);
    assertThat(error.path("caret").asText()).contains("^");
    assertThat(server.get("/api/v1/dashboards/broken").status()).isEqualTo(404);
  }

  @Test
  void aBuiltInCanBeOverriddenAndRestoredButNotDeleted() {
    TestServer.Reply refused = send("DELETE", "/api/v1/dashboards/incident", null);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().path("error").asText()).contains("built-in");

    TestServer.Reply override = send("PUT", "/api/v1/dashboards/incident", BOARD.replace("\"Checkout\"", "\"Our incidents\""));
    assertThat(override.status()).isEqualTo(200);
    assertThat(override.json().path("builtin").asBoolean()).isTrue();
    assertThat(override.json().path("modified").asBoolean()).isTrue();
    assertThat(server.get("/api/v1/dashboards/incident").json().path("title").asText()).isEqualTo("Our incidents");
    assertThat(server.get("/api/v1/dashboards").json().path("dashboards").get(0).toString())
        .isEqualTo("{\"id\":\"incident\",\"title\":\"Our incidents\",\"builtin\":true,\"modified\":true}");

    assertThat(send("DELETE", "/api/v1/dashboards/incident", null).status()).isEqualTo(204);
    JsonNode restored = server.get("/api/v1/dashboards/incident").json();
    assertThat(restored.path("title").asText()).isEqualTo("Incident overview");
    assertThat(restored.path("modified").asBoolean()).isFalse();
  }

  @Test
  void dashboardsSurviveARestart() throws Exception {
    assertThat(send("PUT", "/api/v1/dashboards/checkout-team", BOARD).status()).isEqualTo(200);
    assertThat(send("PUT", "/api/v1/dashboards/incident", BOARD.replace("\"Checkout\"", "\"Ours\"")).status()).isEqualTo(200);
    JsonNode before = server.get("/api/v1/dashboards/checkout-team").json();
    server.close();
    server = TestServer.start(data);
    assertThat(server.get("/api/v1/dashboards/checkout-team").json()).isEqualTo(before);
    assertThat(server.get("/api/v1/dashboards/incident").json().path("title").asText()).isEqualTo("Ours");
    assertThat(server.get("/api/v1/dashboards").json().path("dashboards")).hasSize(2);
  }

  @Test
  void aFileBrokenOnDiskIsListedWithItsErrorAndCanBeDeleted() throws Exception {
    Files.createDirectories(data.resolve("dashboards"));
    Files.writeString(data.resolve("dashboards/hand-edited.json"), "{\"title\": \"oops\", ");
    Files.writeString(data.resolve("dashboards/Not An Id.json"), "{}");
    JsonNode list = server.get("/api/v1/dashboards").json().path("dashboards");
    assertThat(list).hasSize(2);
    assertThat(list.get(1).path("id").asText()).isEqualTo("hand-edited");
    assertThat(list.get(1).path("error").asText()).contains("hand-edited.json").contains("not JSON");
    TestServer.Reply open = send("GET", "/api/v1/dashboards/hand-edited", null);
    assertThat(open.status()).isEqualTo(500);
    assertThat(open.json().path("error").asText()).contains("hand-edited.json");
    assertThat(send("DELETE", "/api/v1/dashboards/hand-edited", null).status()).isEqualTo(204);
    assertThat(server.get("/api/v1/dashboards").json().path("dashboards")).hasSize(1);
  }

  /** The query of a built-in incident panel, as the server serves it. */
  private String query(String panelId) {
    for (JsonNode panel : server.get("/api/v1/dashboards/incident").json().path("panels")) {
      if (panel.path("id").asText().equals(panelId)) {
        return panel.path("query").asText();
      }
    }
    throw new AssertionError("no incident panel " + panelId);
  }

  private static List<String> columns(JsonNode table) {
    List<String> names = new ArrayList<>();
    table.path("columns").forEach(c -> names.add(c.path("name").asText()));
    return names;
  }

  private static String panel(String id) {
    return "{\"id\": \"" + id + "\", \"title\": \"p\", \"query\": \"* | stats count()\", \"visualization\": \"number\"}";
  }

  private static String withPanel(String extra) {
    return "{\"title\": \"t\", \"panels\": [{\"id\": \"p\", \"title\": \"p\", \"query\": \"*\", " + extra + "}]}";
  }

  private void assertInvalid(String body, String field, String reason) {
    TestServer.Reply reply = send("PUT", "/api/v1/dashboards/invalid", body);
    assertThat(reply.status()).as("%s answered %s", body.length() > 200 ? body.substring(0, 200) : body, reply.body())
        .isEqualTo(400);
    assertThat(reply.json().path("field").asText()).as(reply.body()).isEqualTo(field);
    assertThat(reply.json().path("error").asText()).as(reply.body()).contains(reason);
    assertThat(server.get("/api/v1/dashboards/invalid").status()).isEqualTo(404);
  }

  private TestServer.Reply send(String method, String path, String body) {
    return server.send(method, path, body);
  }
}
