package dev.corral.server.alerts.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.query.TimeExpression;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A silence as JSON, the same in the API and in {@code silences.json}:
 * <pre>
 * {"matchers": [{"name": "service", "op": "=~", "value": "payment-.*"}],
 *  "starts_at": "2026-12-05T22:00:00Z",              (optional: now)
 *  "ends_at": "2026-12-06T02:00:00Z" | "duration": "4h",
 *  "recurrence": {"days": ["sat", "sun"], "start": "22:00", "length": "4h", "zone": "Europe/Paris"},  (optional)
 *  "comment": "database upgrade"}
 * </pre>
 * plus, as the server writes it, {@code id}, {@code created_by}, {@code created_at} (and in the API
 * {@code kind} and {@code status}).
 */
final class SilenceJson {
  /** Matchers of one silence: enough for any routing tree, few enough to read at a glance. */
  static final int MAX_MATCHERS = 16;
  /** Longest comment: a sentence or a ticket link, not a document. */
  static final int MAX_COMMENT_CHARS = 1024;
  /** Longest silence: a year; longer is a rule to delete, not a silence. */
  static final Duration MAX_SPAN = Duration.ofDays(366);

  private SilenceJson() {}

  /**
   * A new silence from an API request.
   *
   * @param id the id to give it
   * @param createdBy who asks (the key's id)
   * @param now the time it is made; an expiry not after it is refused
   * @throws InvalidSilenceException naming the field that is missing, malformed or out of bounds
   */
  static Silence parseRequest(JsonNode json, String id, String createdBy, Instant now) throws InvalidSilenceException {
    if (json == null || !json.isObject()) {
      throw new InvalidSilenceException("$", "a silence is a JSON object");
    }
    Instant startsAt = json.hasNonNull("starts_at") ? instant(json, "starts_at") : now;
    Instant endsAt = endsAt(json, startsAt);
    if (!endsAt.isAfter(now)) {
      throw new InvalidSilenceException("ends_at", "expiry " + endsAt + " is not in the future (now is " + now + ")");
    }
    if (!endsAt.isAfter(startsAt)) {
      throw new InvalidSilenceException("ends_at", endsAt + " is not after starts_at " + startsAt);
    }
    if (Duration.between(startsAt, endsAt).compareTo(MAX_SPAN) > 0) {
      throw new InvalidSilenceException("ends_at", "a silence lasts at most " + MAX_SPAN.toDays() + " days, this one "
          + Duration.between(startsAt, endsAt).toDays());
    }
    String comment = json.path("comment").asText("");
    if (comment.length() > MAX_COMMENT_CHARS) {
      throw new InvalidSilenceException("comment", "is " + comment.length() + " characters, more than the limit of "
          + MAX_COMMENT_CHARS);
    }
    return new Silence(id, matchers(json.get("matchers")), startsAt, endsAt, recurrence(json.get("recurrence")),
        comment, createdBy, now);
  }

  /**
   * A silence as {@code silences.json} holds it (no check of its expiry: an expired one is kept a while).
   *
   * @throws InvalidSilenceException when it does not read
   */
  static Silence parseStored(JsonNode json) throws InvalidSilenceException {
    Instant startsAt = instant(json, "starts_at");
    return new Silence(text(json, "id"), matchers(json.get("matchers")), startsAt, instant(json, "ends_at"),
        recurrence(json.get("recurrence")), json.path("comment").asText(""), json.path("created_by").asText(""),
        instant(json, "created_at"));
  }

  /** The JSON of {@code silence}, as stored. */
  static Map<String, Object> toMap(Silence silence) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", silence.id());
    List<Map<String, Object>> matchers = new ArrayList<>();
    for (LabelMatcher matcher : silence.matchers()) {
      matchers.add(Map.of("name", matcher.name(), "op", matcher.op().symbol(), "value", matcher.value()));
    }
    json.put("matchers", matchers);
    json.put("starts_at", silence.startsAt().toString());
    json.put("ends_at", silence.endsAt().toString());
    Recurrence recurrence = silence.recurrence();
    if (recurrence != null) {
      Map<String, Object> slots = new LinkedHashMap<>();
      slots.put("days", recurrence.days().stream().sorted()
          .map(day -> day.name().substring(0, 3).toLowerCase(Locale.ROOT)).toList());
      slots.put("start", recurrence.start().toString());
      slots.put("length", recurrence.length().toString());
      slots.put("zone", recurrence.zone().getId());
      json.put("recurrence", slots);
    }
    json.put("comment", silence.comment());
    json.put("created_by", silence.createdBy());
    json.put("created_at", silence.createdAt().toString());
    return json;
  }

  private static Instant endsAt(JsonNode json, Instant startsAt) throws InvalidSilenceException {
    if (json.hasNonNull("ends_at")) {
      return instant(json, "ends_at");
    }
    if (!json.hasNonNull("duration")) {
      throw new InvalidSilenceException("ends_at", "a silence needs an expiry: ends_at (ISO-8601) or duration (4h)");
    }
    Duration duration = duration(json.get("duration").asText(), "duration");
    return startsAt.plus(duration);
  }

  private static List<LabelMatcher> matchers(JsonNode json) throws InvalidSilenceException {
    if (json == null || !json.isArray() || json.isEmpty()) {
      throw new InvalidSilenceException("matchers", "a silence needs a non-empty list of matchers"
          + " ({\"name\": …, \"op\": \"=\", \"value\": …})");
    }
    if (json.size() > MAX_MATCHERS) {
      throw new InvalidSilenceException("matchers", json.size() + " matchers, more than the limit of " + MAX_MATCHERS);
    }
    List<LabelMatcher> matchers = new ArrayList<>();
    for (int i = 0; i < json.size(); i++) {
      JsonNode matcher = json.get(i);
      String field = "matchers[" + i + "]";
      if (!matcher.isObject()) {
        throw new InvalidSilenceException(field, "a matcher is an object {\"name\", \"op\", \"value\"}");
      }
      matchers.add(LabelMatcher.of(field, textOrNull(matcher, "name"), textOrNull(matcher, "op"),
          textOrNull(matcher, "value")));
    }
    return matchers;
  }

  private static Recurrence recurrence(JsonNode json) throws InvalidSilenceException {
    if (json == null || json.isNull()) {
      return null;
    }
    if (!json.isObject()) {
      throw new InvalidSilenceException("recurrence", "is an object {\"days\", \"start\", \"length\", \"zone\"}");
    }
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    JsonNode list = json.get("days");
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new InvalidSilenceException("recurrence.days", "needs a non-empty list of days (mon, tue, … sun)");
    }
    for (JsonNode day : list) {
      days.add(day(day.asText()));
    }
    try {
      LocalTime start = LocalTime.parse(text(json, "start", "recurrence.start"));
      Duration length = duration(text(json, "length", "recurrence.length"), "recurrence.length");
      ZoneId zone = ZoneId.of(json.path("zone").asText("UTC"));
      return new Recurrence(days, start, length, zone);
    } catch (DateTimeException e) {
      throw new InvalidSilenceException("recurrence", e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new InvalidSilenceException("recurrence.length", e.getMessage());
    }
  }

  private static DayOfWeek day(String text) throws InvalidSilenceException {
    String lower = text.trim().toLowerCase(Locale.ROOT);
    for (DayOfWeek day : DayOfWeek.values()) {
      String name = day.name().toLowerCase(Locale.ROOT);
      if (lower.length() >= 3 && name.startsWith(lower)) {
        return day;
      }
    }
    throw new InvalidSilenceException("recurrence.days", "'" + text + "' is not a day (mon, tue, … sun)");
  }

  private static Duration duration(String text, String field) throws InvalidSilenceException {
    Duration duration;
    try {
      duration = text.startsWith("P") || text.startsWith("p") ? Duration.parse(text) : TimeExpression.parseDuration(text);
    } catch (IllegalArgumentException | DateTimeException e) {
      throw new InvalidSilenceException(field, "'" + text + "' is not a duration (30m, 4h, 2d)");
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new InvalidSilenceException(field, "'" + text + "' must be more than zero");
    }
    return duration;
  }

  private static Instant instant(JsonNode json, String field) throws InvalidSilenceException {
    String text = text(json, field);
    try {
      return Instant.parse(text);
    } catch (DateTimeException e) {
      throw new InvalidSilenceException(field, "'" + text + "' is not an ISO-8601 instant (2026-12-05T22:00:00Z)");
    }
  }

  private static String text(JsonNode json, String field) throws InvalidSilenceException {
    return text(json, field, field);
  }

  private static String text(JsonNode json, String name, String field) throws InvalidSilenceException {
    JsonNode node = json.get(name);
    if (node == null || !node.isValueNode() || node.isNull()) {
      throw new InvalidSilenceException(field, "is required");
    }
    return node.asText();
  }

  private static String textOrNull(JsonNode json, String name) {
    JsonNode node = json.get(name);
    return node == null || node.isNull() || !node.isValueNode() ? null : node.asText();
  }
}
