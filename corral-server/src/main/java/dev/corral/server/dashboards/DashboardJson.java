package dev.corral.server.dashboards;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.corral.query.NearestName;
import dev.corral.query.QuerySyntaxException;
import dev.corral.query.TimeExpression;
import dev.corral.query.plan.QueryPlanParser;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes dashboard definitions as JSON, validating every part on the way in:
 *
 * <pre>
 * {"id": "incident", "title": "…", "description": "…",
 *  "panels": [{"id": "errors", "title": "…", "description": "…",
 *              "query": "level:ERROR | timechart span=1m count() by service",
 *              "visualization": "matrix|line|bar|table|number", "range": "15m",
 *              "thresholds": {"warning": 1, "critical": 10}, "width": 6},
 *             {"id": "alerts", "title": "Firing alerts", "visualization": "alerts", "width": 12}]}
 * </pre>
 *
 * <p>Required: {@code title}, {@code panels}, and per panel {@code id}, {@code title}, {@code
 * query}, {@code visualization}; an {@code alerts} panel (the alert instances firing and pending)
 * has no {@code query}, {@code range} or {@code thresholds}. The body's {@code id}, when given, must be the one in the URL.
 * Unknown keys are refused with the nearest known one (a typo would otherwise be lost silently),
 * as are duplicate keys. Every panel query must parse ({@link QueryPlanParser}); the error then
 * carries the position. Stateless and thread-safe.
 */
public final class DashboardJson {
  /** Largest definition accepted: hundreds of panels fit in far less. */
  public static final int MAX_BODY_BYTES = 256 * 1024;
  /** Panels per dashboard: more than a screen can show by a wide margin. */
  public static final int MAX_PANELS = 100;
  static final int MAX_TITLE_CHARS = 200;
  static final int MAX_DESCRIPTION_CHARS = 4000;
  static final int MAX_WIDTH = 12;
  private static final List<String> DASHBOARD_KEYS = List.of("id", "title", "description", "panels");
  private static final List<String> PANEL_KEYS =
      List.of("id", "title", "description", "query", "visualization", "range", "thresholds", "width");
  /** What only a panel that runs a query has (not an alerts panel). */
  private static final List<String> QUERY_PARTS = List.of("query", "range", "thresholds");
  private static final List<String> THRESHOLD_KEYS = List.of("warning", "critical");
  private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private DashboardJson() {}

  /**
   * Reads and validates a definition.
   *
   * @param id the dashboard's id (from the URL or the file name), already checked
   * @throws InvalidDashboardException naming the first problem and where it is
   */
  public static Dashboard parse(byte[] json, String id) throws InvalidDashboardException {
    if (json.length > MAX_BODY_BYTES) {
      throw new InvalidDashboardException("", "definition is " + json.length + " bytes, more than the limit of "
          + MAX_BODY_BYTES);
    }
    if (json.length == 0) {
      throw new InvalidDashboardException("", "body is empty; send a definition like {\"title\": \"…\", \"panels\": […]}");
    }
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw new InvalidDashboardException("", "body is not JSON: " + e.getOriginalMessage() + where);
    } catch (IOException e) {
      throw new InvalidDashboardException("", "body cannot be read: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new InvalidDashboardException("", "a dashboard is a JSON object like {\"title\": \"…\", \"panels\": […]}");
    }
    requireKnownKeys(root, DASHBOARD_KEYS, "");
    JsonNode bodyId = root.get("id");
    if (bodyId != null && !(bodyId.isTextual() && bodyId.asText().equals(id))) {
      throw new InvalidDashboardException("id", "is " + bodyId + " but the URL names '" + id + "'; leave it out or make them equal");
    }
    String title = text(root, "title", "", MAX_TITLE_CHARS, true);
    String description = text(root, "description", "", MAX_DESCRIPTION_CHARS, false);
    JsonNode panelsNode = root.get("panels");
    if (panelsNode == null || !panelsNode.isArray()) {
      throw new InvalidDashboardException("panels", "is required and must be an array of panels");
    }
    if (panelsNode.size() > MAX_PANELS) {
      throw new InvalidDashboardException("panels", "has " + panelsNode.size() + " panels, more than the limit of " + MAX_PANELS);
    }
    List<Panel> panels = new ArrayList<>();
    Set<String> panelIds = new HashSet<>();
    for (int i = 0; i < panelsNode.size(); i++) {
      Panel panel = panel(panelsNode.get(i), "panels[" + i + "]");
      if (!panelIds.add(panel.id())) {
        throw new InvalidDashboardException("panels[" + i + "].id", "'" + panel.id() + "' is used by an earlier panel");
      }
      panels.add(panel);
    }
    return new Dashboard(id, title, description, panels);
  }

  private static Panel panel(JsonNode node, String at) throws InvalidDashboardException {
    if (!node.isObject()) {
      throw new InvalidDashboardException(at, "a panel is an object with id, title, query and visualization");
    }
    requireKnownKeys(node, PANEL_KEYS, at + ".");
    String id = text(node, "id", at + ".", 64, true);
    if (!Dashboard.isValidId(id)) {
      throw new InvalidDashboardException(at + ".id", "'" + id + "' must be lowercase letters, digits and dashes, "
          + "starting with a letter or digit, at most 64 characters");
    }
    String visualizationName = text(node, "visualization", at + ".", 32, true);
    Visualization visualization = Visualization.byWireName(visualizationName);
    if (visualization == null) {
      throw new InvalidDashboardException(at + ".visualization", "'" + visualizationName + "' is not one of "
          + String.join(", ", Visualization.wireNames()));
    }
    String query = null;
    if (visualization.runsQuery()) {
      query = text(node, "query", at + ".", QueryPlanParser.MAX_QUERY_CHARS, true);
      try {
        QueryPlanParser.parse(query);
      } catch (QuerySyntaxException e) {
        throw new InvalidDashboardException(at + ".query", "query syntax error: " + e.reason() + " at position "
            + e.position(), e);
      }
    } else {
      refuseQueryParts(node, at);
    }
    return new Panel(id, text(node, "title", at + ".", MAX_TITLE_CHARS, true),
        text(node, "description", at + ".", MAX_DESCRIPTION_CHARS, false), query, visualization,
        range(node, at + "."), thresholds(node.get("thresholds"), at + ".thresholds"), width(node, at + ".width"));
  }

  /** An alerts panel lists the alert instances: a query, range or thresholds would be silently ignored, so they are refused. */
  private static void refuseQueryParts(JsonNode panel, String at) throws InvalidDashboardException {
    for (String key : QUERY_PARTS) {
      if (panel.has(key)) {
        throw new InvalidDashboardException(at + "." + key, "an alerts panel lists the firing and pending alerts "
            + "and takes no " + key + "; leave it out");
      }
    }
  }

  private static String range(JsonNode panel, String prefix) throws InvalidDashboardException {
    String at = prefix + "range";
    String text = text(panel, "range", prefix, 32, false);
    if (text == null) {
      return null;
    }
    Duration range;
    try {
      range = TimeExpression.parseDuration(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidDashboardException(at, e.getMessage() + "; write a relative range like 15m, 1h or 24h");
    }
    if (range.isNegative() || range.isZero() || range.compareTo(QueryPlanParser.MAX_SPAN) > 0) {
      throw new InvalidDashboardException(at, "'" + text + "' must be longer than zero and at most "
          + QueryPlanParser.MAX_SPAN.toDays() + " days");
    }
    return text;
  }

  private static Thresholds thresholds(JsonNode node, String at) throws InvalidDashboardException {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw new InvalidDashboardException(at, "must be an object like {\"warning\": 1, \"critical\": 10}");
    }
    requireKnownKeys(node, THRESHOLD_KEYS, at + ".");
    Double warning = number(node.get("warning"), at + ".warning");
    Double critical = number(node.get("critical"), at + ".critical");
    if (warning == null && critical == null) {
      throw new InvalidDashboardException(at, "needs a warning or a critical value");
    }
    return new Thresholds(warning, critical);
  }

  private static Double number(JsonNode node, String at) throws InvalidDashboardException {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isNumber() || !Double.isFinite(node.asDouble())) {
      throw new InvalidDashboardException(at, "must be a number, got " + node);
    }
    return node.asDouble();
  }

  private static Integer width(JsonNode panel, String at) throws InvalidDashboardException {
    JsonNode node = panel.get("width");
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber() || node.asLong() < 1 || node.asLong() > MAX_WIDTH) {
      throw new InvalidDashboardException(at, "must be a whole number of columns from 1 to " + MAX_WIDTH + ", got " + node);
    }
    return node.asInt();
  }

  private static String text(JsonNode node, String key, String prefix, int maxChars, boolean required)
      throws InvalidDashboardException {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      if (required) {
        throw new InvalidDashboardException(prefix + key, "is required");
      }
      return null;
    }
    if (!value.isTextual()) {
      throw new InvalidDashboardException(prefix + key, "must be a string, got " + value.getNodeType().name()
          .toLowerCase(java.util.Locale.ROOT));
    }
    String text = value.asText();
    if (required && text.isBlank()) {
      throw new InvalidDashboardException(prefix + key, "must not be blank");
    }
    if (text.length() > maxChars) {
      throw new InvalidDashboardException(prefix + key, "is " + text.length() + " characters long, more than the limit of "
          + maxChars);
    }
    return text;
  }

  private static void requireKnownKeys(JsonNode node, List<String> known, String prefix) throws InvalidDashboardException {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new InvalidDashboardException(prefix + name, "is not a known key" + NearestName.hint(name, known)
            + " (known: " + String.join(", ", known) + ")");
      }
    }
  }

  /** The definition as ordered maps and lists, absent optional parts left out. */
  public static Map<String, Object> toMap(Dashboard dashboard) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", dashboard.id());
    json.put("title", dashboard.title());
    putIfPresent(json, "description", dashboard.description());
    List<Map<String, Object>> panels = new ArrayList<>();
    for (Panel panel : dashboard.panels()) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("id", panel.id());
      p.put("title", panel.title());
      putIfPresent(p, "description", panel.description());
      putIfPresent(p, "query", panel.query());
      p.put("visualization", panel.visualization().wireName());
      putIfPresent(p, "range", panel.range());
      if (panel.thresholds() != null) {
        Map<String, Object> t = new LinkedHashMap<>();
        putIfPresent(t, "warning", wholeIfWhole(panel.thresholds().warning()));
        putIfPresent(t, "critical", wholeIfWhole(panel.thresholds().critical()));
        p.put("thresholds", t);
      }
      putIfPresent(p, "width", panel.width());
      panels.add(p);
    }
    json.put("panels", panels);
    return json;
  }

  /** The definition as indented JSON, the form kept on disk. */
  public static byte[] toBytes(Dashboard dashboard) {
    try {
      return PRETTY.writeValueAsBytes(toMap(dashboard));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("BUG: a dashboard is always serializable", e);
    }
  }

  /** {@code 10} rather than {@code 10.0}, as people write thresholds. */
  private static Number wholeIfWhole(Double value) {
    if (value == null) {
      return null;
    }
    return value == Math.rint(value) && Math.abs(value) < 0x1p53 ? (Number) value.longValue() : value;
  }

  private static void putIfPresent(Map<String, Object> json, String key, Object value) {
    if (value != null) {
      json.put(key, value);
    }
  }
}
