package dev.corral.query.plan;

import dev.corral.query.NearestName;
import dev.corral.query.ParsedFilter;
import dev.corral.query.QueryParser;
import dev.corral.query.ast.Query;
import dev.corral.query.plan.PipeToken.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the aggregation list of {@code stats} and {@code timechart}: {@code agg [as name] (, agg
 * [as name])*}. See {@link QueryPlanParser} for the functions.
 */
final class AggregationParser {
  /** Named percentiles: pNN means the NN-th percentile. */
  private static final Map<String, Double> NAMED_PERCENTILES = Map.of(
      "p50", 0.50, "p75", 0.75, "p90", 0.90, "p95", 0.95, "p99", 0.99);

  /** Every function name, in the order suggestions prefer. */
  static final List<String> FUNCTIONS = List.of(
      "count", "count_distinct", "dc", "sum", "avg", "min", "max",
      "p50", "p75", "p90", "p95", "p99", "percentile");

  private AggregationParser() {}

  /** Reads aggregations until {@code by}, a {@code |} or the end. */
  static List<Aggregation> parseList(PipeCursor cursor, String pipe) {
    List<Aggregation> aggregations = new ArrayList<>();
    do {
      aggregations.add(parseOne(cursor, pipe));
    } while (cursor.accept(Kind.COMMA));
    return aggregations;
  }

  private static Aggregation parseOne(PipeCursor cursor, String pipe) {
    PipeToken nameToken = cursor.peek();
    if (!nameToken.is(Kind.WORD)) {
      throw cursor.error("expected an aggregation such as count() or avg(field) in " + pipe + ", found "
          + nameToken.describe(), nameToken);
    }
    cursor.next();
    String function = nameToken.text().toLowerCase(Locale.ROOT);
    if (!FUNCTIONS.contains(function)) {
      throw cursor.error("unknown function '" + nameToken.text() + "'"
          + NearestName.hint(nameToken.text(), FUNCTIONS), nameToken);
    }
    PipeToken open = cursor.expect(Kind.LPAREN, "'(' after " + function);
    Aggregation aggregation = switch (function) {
      case "count" -> count(cursor, open);
      case "percentile" -> percentile(cursor, nameToken);
      default -> withField(cursor, function, nameToken);
    };
    cursor.expect(Kind.RPAREN, "')' to close " + function + "(");
    if (cursor.peek().isWord("if")) {
      aggregation = withCondition(cursor, aggregation);
    }
    if (cursor.acceptWord("as")) {
      aggregation = aggregation.named(cursor.expectName("a column name after 'as'").text());
    }
    return aggregation;
  }

  /**
   * {@code count()}, {@code count(f)} (events that have f: a single name) or {@code count(filter)}
   * (events that match a filter: anything else, such as {@code level:ERROR}).
   */
  private static Aggregation count(PipeCursor cursor, PipeToken open) {
    if (cursor.at(Kind.RPAREN)) {
      return new Aggregation(AggFunction.COUNT, null, Double.NaN, "count()");
    }
    PipeToken first = cursor.peek();
    if (cursor.atPipeEnd()) {
      throw cursor.error("expected a field, a filter or ')' in count(, found " + first.describe(), first);
    }
    boolean singleName = (first.is(Kind.WORD) && isPlainName(first.text()) || first.is(Kind.STRING))
        && cursor.peek(1).is(Kind.RPAREN);
    if (singleName) {
      String field = cursor.expectName("a field or ')' in count(").text();
      return new Aggregation(AggFunction.COUNT, field, Double.NaN, "count(" + field + ")");
    }
    FilterText filter = filterInParentheses(cursor, open);
    return new Aggregation(AggFunction.COUNT, null, Double.NaN, "count(" + filter.text() + ")", filter.query());
  }

  /** {@code agg(...) if (filter)}: the aggregation fed only by the events matching the filter. */
  private static Aggregation withCondition(PipeCursor cursor, Aggregation aggregation) {
    PipeToken ifWord = cursor.next();
    if (aggregation.filter() != null) {
      throw cursor.error(aggregation.name() + " already has a filter; write count() if (filter) or count(filter)",
          ifWord);
    }
    PipeToken open = cursor.expect(Kind.LPAREN, "'(' and a filter after 'if', as in count() if (level:ERROR)");
    FilterText filter = filterInParentheses(cursor, open);
    cursor.expect(Kind.RPAREN, "')' to close the filter of 'if'");
    return aggregation.where(filter.query(), aggregation.name() + " if (" + filter.text() + ")");
  }

  /** A filter read by the filter parser, and its text as typed (trimmed) for the column name. */
  private record FilterText(Query query, String text) {}

  /**
   * The filter after {@code open}, up to the {@code )} that closes it, read by {@link
   * QueryParser#parseFilterInParentheses}; the cursor goes on at that {@code )}.
   */
  private static FilterText filterInParentheses(PipeCursor cursor, PipeToken open) {
    ParsedFilter parsed = QueryParser.parseFilterInParentheses(cursor.text(), open.end());
    cursor.restartAt(parsed.end());
    return new FilterText(parsed.query(), cursor.text().substring(open.end(), parsed.end()).strip());
  }

  /** Whether a word inside count( ) names a field rather than being a filter: no filter syntax in it. */
  private static boolean isPlainName(String word) {
    return !word.isEmpty() && "-+!".indexOf(word.charAt(0)) < 0 && word.chars().noneMatch(c -> ":*?/\\".indexOf(c) >= 0)
        && !word.equals("AND") && !word.equals("OR") && !word.equals("NOT");
  }

  private static Aggregation withField(PipeCursor cursor, String function, PipeToken nameToken) {
    if (cursor.at(Kind.RPAREN)) {
      throw cursor.error(function + "() needs a field, as in " + function + "(performance.duration_ms)", cursor.peek());
    }
    String field = cursor.expectName("a field in " + function + "(").text();
    String name = function + "(" + field + ")";
    Double quantile = NAMED_PERCENTILES.get(function);
    if (quantile != null) {
      return new Aggregation(AggFunction.PERCENTILE, field, quantile, name);
    }
    AggFunction fn = switch (function) {
      case "count_distinct", "dc" -> AggFunction.COUNT_DISTINCT;
      case "sum" -> AggFunction.SUM;
      case "avg" -> AggFunction.AVG;
      case "min" -> AggFunction.MIN;
      case "max" -> AggFunction.MAX;
      default -> throw new IllegalStateException("BUG: function " + function + " has no case");
    };
    return new Aggregation(fn, field, Double.NaN, name);
  }

  private static Aggregation percentile(PipeCursor cursor, PipeToken nameToken) {
    String field = cursor.expectName("a field in percentile(").text();
    cursor.expect(Kind.COMMA, "',' and a percentile after the field, as in percentile(" + field + ", 99.9)");
    PipeToken q = cursor.expect(Kind.WORD, "a percentile (0-100, or a fraction 0-1)");
    if (!q.text().matches("[0-9]+(\\.[0-9]*)?|\\.[0-9]+")) {
      throw cursor.error("percentile '" + q.text() + "' is not a number; write 0-100 or a fraction 0-1", q);
    }
    double value = Double.parseDouble(q.text());
    if (value > 100) {
      throw cursor.error("percentile " + q.text() + " is out of range; write 0-100 or a fraction 0-1", q);
    }
    double quantile = value > 1 ? value / 100 : value;
    return new Aggregation(AggFunction.PERCENTILE, field, quantile, "percentile(" + field + ", " + q.text() + ")");
  }
}
