package dev.corral.server.alerts.state;

import dev.corral.server.http.Handler;
import dev.corral.server.http.HttpError;
import dev.corral.server.http.Json;
import dev.corral.server.http.Request;
import dev.corral.server.http.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/alerts/instances[?state=firing][&rule=error_spike]}: the pending, firing and
 * recently resolved instances, firing first, then pending, then resolved, the newest first within
 * each:
 * <pre>
 * {"instances": [{"rule", "group": {…}, "labels": {…}, "state", "severity", "value", "since",
 *                 "active_at", "starts_at", "ends_at", "last_seen_at", "silenced_by": id | null,
 *                 "dedup_key", "details": {…}, "links": {"search", "trace", "rule"}}],
 *  "rules": [{"name", "last_evaluation": {"at", "outcome", "value", "rows", "instances", "took_ms", "error"}}]}
 * </pre>
 * {@code since} is when the instance entered its state (pending: active_at, firing: starts_at,
 * resolved: ends_at). An unknown {@code state} is a 400; a key restricted to some services gets 403 (the
 * instances come from every service's events).
 */
final class InstancesHandler implements Handler {
  private final InstanceTable table;
  private final Silencer silences;
  private final AlertLinks links;
  private final InstantSource clock;
  private final Duration resolvedRetention;

  /** @param resolvedRetention a resolved instance older than this is not listed (the table forgets it at its rule's next evaluation) */
  InstancesHandler(InstanceTable table, Silencer silences, AlertLinks links, InstantSource clock,
      Duration resolvedRetention) {
    this.table = table;
    this.silences = silences;
    this.links = links;
    this.clock = clock;
    this.resolvedRetention = resolvedRetention;
  }

  @Override
  public Response handle(Request request) throws HttpError {
    if (request.principal().readRestriction().isPresent()) {
      // an instance's group, value and details (a trace's services, a match rule's sample events) come from
      // the events of every service, so a key that may read only some services reads none of them
      throw new HttpError(403, "alert instances are computed over the events of every service; key '"
          + request.principal().keyId() + "' may read only " + request.principal().readRestriction().get()
          + " (use a key without a read filter)");
    }
    String stateFilter = request.param("state", null);
    AlertState wanted = null;
    if (stateFilter != null) {
      try {
        wanted = AlertState.fromWireName(stateFilter);
      } catch (IllegalArgumentException e) {
        throw new HttpError(400, "'state' " + e.getMessage().replace("unknown alert state ", "is ").replace("inactive, ", ""));
      }
    }
    String ruleFilter = request.param("rule", null);
    Instant now = clock.instant();
    List<AlertInstance> selected = new ArrayList<>();
    Instant horizon = now.minus(resolvedRetention);
    for (AlertInstance instance : table.instances()) {
      if (instance.state() == AlertState.RESOLVED && instance.endsAt().isBefore(horizon)) {
        continue;
      }
      if ((wanted == null || instance.state() == wanted)
          && (ruleFilter == null || instance.key().rule().equals(ruleFilter))) {
        selected.add(instance);
      }
    }
    selected.sort(Comparator.comparing((AlertInstance instance) -> order(instance.state()))
        .thenComparing(InstancesHandler::since, Comparator.reverseOrder()));
    List<Object> instances = new ArrayList<>();
    for (AlertInstance instance : selected) {
      RuleInfo rule = table.rule(instance.key().rule());
      if (rule != null) { // null: forgotten since the instances were read
        instances.add(json(rule, instance, now));
      }
    }
    List<Object> rules = new ArrayList<>();
    table.lastEvaluations().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .filter(entry -> ruleFilter == null || entry.getKey().equals(ruleFilter))
        .forEach(entry -> rules.add(Map.of("name", entry.getKey(), "last_evaluation", json(entry.getValue()))));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("instances", instances);
    body.put("rules", rules);
    return Response.json(200, Json.bytes(body));
  }

  private static int order(AlertState state) {
    return switch (state) {
      case FIRING -> 0;
      case PENDING -> 1;
      default -> 2;
    };
  }

  private static Instant since(AlertInstance instance) {
    return switch (instance.state()) {
      case FIRING -> instance.startsAt();
      case RESOLVED -> instance.endsAt();
      default -> instance.activeAt();
    };
  }

  private Map<String, Object> json(RuleInfo rule, AlertInstance instance, Instant now) {
    Map<String, String> labels = rule.labelsOf(instance.key());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("rule", rule.name());
    json.put("group", instance.key().group());
    json.put("labels", labels);
    json.put("state", instance.state().wireName());
    json.put("severity", rule.severity());
    json.put("value", Double.isFinite(instance.value()) ? instance.value() : null);
    json.put("since", since(instance).toString());
    json.put("active_at", instance.activeAt().toString());
    json.put("starts_at", text(instance.startsAt()));
    json.put("ends_at", text(instance.endsAt()));
    json.put("last_seen_at", instance.lastSeenAt().toString());
    json.put("silenced_by", instance.state() == AlertState.RESOLVED ? null
        : silences.silencedBy(labels, now).orElse(null));
    json.put("dedup_key", instance.key().dedupKey());
    json.put("details", instance.details());
    Map<String, Object> linkJson = new LinkedHashMap<>();
    linkJson.put("search", links.search(rule, instance));
    linkJson.put("trace", links.worstTrace(rule, instance));
    linkJson.put("rule", links.rule(rule.name()));
    json.put("links", linkJson);
    return json;
  }

  private static Map<String, Object> json(LastEvaluation evaluation) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("at", evaluation.at().toString());
    json.put("outcome", evaluation.outcome());
    json.put("value", Double.isFinite(evaluation.value()) ? evaluation.value() : null);
    json.put("rows", evaluation.rows());
    json.put("instances", evaluation.instances());
    json.put("took_ms", evaluation.tookMillis());
    json.put("error", evaluation.error().isEmpty() ? null : evaluation.error());
    return json;
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
