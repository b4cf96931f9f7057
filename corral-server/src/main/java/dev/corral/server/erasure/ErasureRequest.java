package dev.corral.server.erasure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.query.QuerySyntaxException;
import dev.corral.query.ast.And;
import dev.corral.query.ast.MatchAll;
import dev.corral.query.ast.Or;
import dev.corral.query.ast.Query;
import dev.corral.server.search.FilterText;
import dev.corral.server.search.InvalidFieldException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What to erase: the events {@code query} (a filter of the query language) matches in the UTC days
 * {@code from} to {@code to}, both included.
 *
 * @param query the filter as written
 * @param filter the parsed filter
 * @param from the first day
 * @param to the last day, not before {@code from}
 */
public record ErasureRequest(String query, Query filter, LocalDate from, LocalDate to) {
  /** Ten years of days: more is a typo in a year, not a request (and a journal line listing them). */
  static final long MAX_DAYS = 3660;

  public ErasureRequest {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }

  /**
   * Reads {@code {"query", "from", "to", "confirm_all"}}.
   *
   * @throws InvalidFieldException when a field is missing or malformed, the query does not parse
   *     (with its caret), the range is reversed or over {@value #MAX_DAYS} days, or the query matches
   *     every event and {@code confirm_all} is not {@code true}
   */
  static ErasureRequest read(JsonNode json) throws InvalidFieldException {
    if (json == null || !json.isObject()) {
      throw new InvalidFieldException("body", "an erasure is {\"query\": \"<filter>\", \"from\": \"YYYY-MM-DD\","
          + " \"to\": \"YYYY-MM-DD\"}", null);
    }
    String text = text(json, "query");
    LocalDate from = day(json, "from");
    LocalDate to = day(json, "to");
    if (to.isBefore(from)) {
      throw new InvalidFieldException("to", "'" + to + "' is before from '" + from + "'", null);
    }
    long days = ChronoUnit.DAYS.between(from, to) + 1;
    if (days > MAX_DAYS) {
      throw new InvalidFieldException("to", "the range " + from + " to " + to + " has " + days
          + " days; the limit is " + MAX_DAYS, null);
    }
    Query filter;
    try {
      filter = FilterText.parse(text);
    } catch (QuerySyntaxException e) {
      throw new InvalidFieldException("query", "'" + text + "' does not parse: " + e.reason(), e);
    }
    JsonNode confirm = json.path("confirm_all");
    if (matchesEverything(text, filter) && !(confirm.isBoolean() && confirm.booleanValue())) {
      throw new InvalidFieldException("query", "'" + text + "' matches every event of the range; to delete them"
          + " all, send \"confirm_all\": true", null);
    }
    return new ErasureRequest(text, filter, from, to);
  }

  /**
   * Whether the filter matches every event by its shape: blank, {@code *}, an OR with such a branch,
   * an AND of only such parts. (A filter that happens to match every event stored is not refused.)
   */
  static boolean matchesEverything(String text, Query filter) {
    return text.isBlank() || everything(filter);
  }

  private static boolean everything(Query filter) {
    return switch (filter) {
      case MatchAll all -> true;
      case Or or -> or.clauses().stream().anyMatch(ErasureRequest::everything);
      case And and -> and.clauses().stream().allMatch(ErasureRequest::everything);
      default -> false;
    };
  }

  private static String text(JsonNode json, String field) throws InvalidFieldException {
    JsonNode value = json.get(field);
    if (value == null || !value.isTextual()) {
      throw new InvalidFieldException(field, "is required, a string", null);
    }
    return value.asText();
  }

  private static LocalDate day(JsonNode json, String field) throws InvalidFieldException {
    String text = text(json, field);
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidFieldException(field, "'" + text + "' is not a day (YYYY-MM-DD, UTC)", null);
    }
  }
}
