package dev.corral.query.plan;

import dev.corral.model.FieldNames;
import dev.corral.query.NearestName;
import dev.corral.query.ParsedFilter;
import dev.corral.query.QueryParser;
import dev.corral.query.QuerySyntaxException;
import dev.corral.query.TimeExpression;
import dev.corral.query.expr.Expr;
import dev.corral.query.expr.ExpressionParser;
import dev.corral.query.expr.ParsedExpression;
import dev.corral.query.extract.BadPatternException;
import dev.corral.query.extract.ExtractFormat;
import dev.corral.query.plan.PipeToken.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Parses a whole query — a filter ({@link QueryParser}) and the pipes after it — into a {@link
 * QueryPlan}. Stateless and thread-safe.
 *
 * <h2>Grammar of the pipes</h2>
 *
 * <pre>
 * query     := filter ( '|' pipe )*
 * pipe      := stats | timechart | top | sort | head | fields | where | eval | json | logfmt | kv | parse
 * stats     := 'stats' aggs ( 'by' name ( ',' name )* )?
 * timechart := 'timechart' ( 'span' '=' DURATION )? aggs ( 'by' name )?
 * top       := 'top' INTEGER? name                   INTEGER ≥ 1, default 10
 * sort      := 'sort' key ( ',' key )*               key := '-'? name (descending) | '+'? name
 * head      := 'head' INTEGER?                       INTEGER ≥ 0, default 10
 * fields    := 'fields' name ( ',' name )*
 * where     := 'where' name op value                 op := = != &lt; &lt;= &gt; &gt;=
 *                                                    value := word | number | quoted string
 *            | 'where' expr                          any other condition ({@link ExpressionParser})
 * eval      := 'eval' name '=' expr ( ',' name '=' expr )*
 * json      := 'json' name? prefix?                  name: the field read, default message
 * logfmt    := 'logfmt' name? prefix?
 * kv        := 'kv' name? ( 'pair_sep' '=' STRING )? ( 'kv_sep' '=' STRING )? prefix?
 * parse     := 'parse' STRING name? prefix?          STRING: a dissect pattern, or a regex with
 *                                                    named groups; `raw` strings keep backslashes
 * prefix    := 'as' name                             extracted names become prefix.name
 * aggs      := agg ( 'if' '(' FILTER ')' )? ( 'as' name )? ( ',' … )*
 * agg       := 'count' '(' name? ')' | 'count' '(' FILTER ')' | 'count_distinct' '(' name ')' | 'dc' '(' name ')'
 *            | ('sum' | 'avg' | 'min' | 'max') '(' name ')'
 *            | ('p50' | 'p75' | 'p90' | 'p95' | 'p99') '(' name ')'
 *            | 'percentile' '(' name ',' Q ')'
 * name      := bare word | quoted string             as filter field names: dots, _, @, -
 * </pre>
 *
 * <p>In {@code sort}, {@code where} and {@code fields} a name may also be an aggregation column
 * written as it is named, {@code count()} or {@code percentile(d, 99)}: the same
 * normalization applies, so {@code sort -COUNT( )} is {@code sort -count()}.
 *
 * <ul>
 *   <li>Pipe names, function names and the keywords {@code by}, {@code as}, {@code span} are
 *       case-insensitive; field and column names are kept as written.
 *   <li>{@code percentile(f, Q)}: Q above 1 is a percent (99.9 → 0.999), Q from 0 to 1 a
 *       fraction (0.95 → 0.95); so {@code percentile(f, 1)} is the maximum — write {@code 0.01}
 *       for the first percentile.
 *   <li>Column names default to the aggregation as written, normalized: the function name
 *       lowercase, no spaces, the field as written, and for percentile a comma and a space before
 *       Q as typed: {@code count()}, {@code count(user_id)}, {@code dc(user_id)}, {@code
 *       p95(performance.duration_ms)}, {@code percentile(latency, 99.9)}. {@code as name}
 *       replaces it. Two columns of one pipe may not share a name.
 *   <li>{@code span} takes {@link TimeExpression#parseDuration} durations ({@code 30s}, {@code
 *       1m}, {@code 1h}, {@code 1d}, {@code 1w}); omitted, the span is chosen by {@link AutoSpan}.
 * </ul>
 *
 * <p>A {@code where} is the plain form ({@link WherePipe}) when it is exactly a name, a comparison
 * and one literal word or string without arithmetic; anything else is an expression ({@link
 * WhereExpressionPipe}), in which a bare word is a name. In {@code count(…)} a single plain name
 * (no {@code : * ? / \}, no leading {@code - + !}) is a field; anything else is a filter of the
 * filter language, read up to its closing parenthesis. An {@code eval} on events comes before any
 * {@code fields} and does not set {@code timestamp}, {@code level} or {@code message}.
 *
 * <p>At most one aggregating pipe ({@code stats}, {@code timechart}, {@code top}) is allowed, and
 * {@code fields} may not come before it (it would drop the fields the aggregation reads). The
 * extraction pipes ({@link ExtractPipe}) act on events: they come before the aggregation and
 * after no {@code fields}. A {@code parse} pattern is compiled here, so a bad one is a syntax
 * error pointing into the pattern.
 *
 * <p>Errors are {@link QuerySyntaxException}s whose position is an offset in the whole query
 * text: unknown pipes and functions name the nearest known one ("unknown function 'cout'; did you
 * mean 'count'?"), out-of-range numbers ({@code head -1}, {@code top 0}, {@code span=0s}) say the
 * allowed range, and a query longer than {@link #MAX_QUERY_CHARS} is refused.
 */
public final class QueryPlanParser {
  /**
   * Longest query text accepted, in chars: {@value} (64 KiB). Hand-written and generated queries
   * (dashboards, alerts) stay far below it; it bounds parse time and the AST size per request.
   */
  public static final int MAX_QUERY_CHARS = 64 * 1024;

  /**
   * Longest {@code span}: 3660 days (about ten years). Longer spans put everything in one bucket
   * and would overflow epoch-nanosecond arithmetic.
   */
  public static final Duration MAX_SPAN = Duration.ofDays(3660);

  /** Rows or events of {@code head} and values of {@code top} without a count. */
  public static final int DEFAULT_COUNT = 10;

  /** Pipe names, in the order suggestions prefer; the UI's completions list them all (UiQueryHelpTest). */
  public static final List<String> PIPES = List.of("stats", "timechart", "top", "sort", "head", "fields", "where",
      "eval", "json", "logfmt", "kv", "parse");

  /** Names whose calls in an expression name an aggregation's column ({@code count()}, {@code p95(d)}). */
  private static final Set<String> COLUMN_FUNCTIONS = Set.copyOf(AggregationParser.FUNCTIONS);

  private final String text;
  private final PipeCursor cursor;

  private QueryPlanParser(String text, int from) {
    this.text = text;
    this.cursor = new PipeCursor(text, from);
  }

  /**
   * Parses a whole query.
   *
   * @throws QuerySyntaxException with the reason and the offending offset in {@code text}
   */
  public static QueryPlan parse(String text) {
    Objects.requireNonNull(text, "query text");
    if (text.length() > MAX_QUERY_CHARS) {
      throw new QuerySyntaxException("query is " + text.length() + " characters long; the limit is "
          + MAX_QUERY_CHARS, text, MAX_QUERY_CHARS);
    }
    ParsedFilter filter = QueryParser.parseFilter(text);
    if (!filter.stoppedAtPipe(text)) {
      return QueryPlan.of(filter.query());
    }
    return new QueryPlan(filter.query(), new QueryPlanParser(text, filter.end()).pipes());
  }

  private List<Pipe> pipes() {
    List<Pipe> pipes = new ArrayList<>();
    PipeToken firstAggregation = null;
    PipeToken firstFields = null;
    while (cursor.accept(Kind.PIPE)) {
      PipeToken name = cursor.peek();
      Pipe pipe = pipe();
      cursor.expectPipeEnd(name.text().toLowerCase(Locale.ROOT));
      if (pipe.aggregates()) {
        if (firstAggregation != null) {
          throw cursor.error("only one of stats, timechart and top is allowed per query; found '"
              + name.text() + "' after '" + firstAggregation.text() + "' at position " + firstAggregation.start(), name);
        }
        if (firstFields != null) {
          throw cursor.error("'fields' at position " + firstFields.start() + " comes before '" + name.text()
              + "'; put fields after the aggregation, which chooses its own columns", firstFields);
        }
        firstAggregation = name;
      } else if (pipe instanceof ExtractPipe) {
        checkExtractionPlace(name, firstAggregation, firstFields);
      } else if (pipe instanceof EvalPipe eval && firstAggregation == null) {
        checkEventEval(name, eval, firstFields);
      } else if (pipe instanceof FieldsPipe && firstFields == null && firstAggregation == null) {
        firstFields = name;
      }
      pipes.add(pipe);
    }
    if (!cursor.at(Kind.EOF)) {
      throw new IllegalStateException("BUG: pipes stopped at " + cursor.peek());
    }
    return pipes;
  }

  private Pipe pipe() {
    PipeToken name = cursor.peek();
    if (!name.is(Kind.WORD)) {
      throw cursor.error("expected a pipe name (" + String.join(", ", PIPES) + ") after '|', found "
          + name.describe(), name);
    }
    cursor.next();
    return switch (name.text().toLowerCase(Locale.ROOT)) {
      case "stats" -> stats();
      case "timechart" -> timechart();
      case "top" -> top();
      case "sort" -> sort();
      case "head" -> new HeadPipe(optionalCount("head", 0));
      case "fields" -> new FieldsPipe(columns());
      case "where" -> where();
      case "eval" -> eval();
      case "json" -> withPrefix(ExtractPipe.of(ExtractFormat.JSON, optionalField()));
      case "logfmt" -> withPrefix(ExtractPipe.of(ExtractFormat.LOGFMT, optionalField()));
      case "kv" -> withPrefix(kv());
      case "parse" -> withPrefix(parse());
      default -> throw cursor.error("unknown pipe '" + name.text() + "'" + NearestName.hint(name.text(), PIPES)
          + (NearestName.among(name.text(), PIPES).isEmpty() ? "; pipes are " + String.join(", ", PIPES) : ""), name);
    };
  }

  private StatsPipe stats() {
    int start = cursor.peek().start();
    List<Aggregation> aggregations = AggregationParser.parseList(cursor, "stats");
    List<PipeToken> by = new ArrayList<>();
    if (cursor.acceptWord("by")) {
      do {
        by.add(cursor.expectName("a field after 'by'"));
      } while (cursor.accept(Kind.COMMA));
    }
    checkUniqueColumns(by, aggregations, start);
    return new StatsPipe(aggregations, by.stream().map(PipeToken::text).toList());
  }

  private TimechartPipe timechart() {
    Duration span = null;
    if (cursor.peek().isWord("span") && cursor.peek(1).is(Kind.OPERATOR) && cursor.peek(1).text().equals("=")) {
      cursor.next();
      cursor.next();
      span = span(cursor.expect(Kind.WORD, "a span such as 1m after 'span='"));
    }
    int start = cursor.peek().start();
    List<Aggregation> aggregations = AggregationParser.parseList(cursor, "timechart");
    List<PipeToken> by = new ArrayList<>();
    if (cursor.acceptWord("by")) {
      by.add(cursor.expectName("a field after 'by'"));
      if (cursor.at(Kind.COMMA)) {
        throw cursor.error("timechart splits by one field only; use stats for several", cursor.peek());
      }
    }
    List<PipeToken> columns = new ArrayList<>();
    columns.add(new PipeToken(Kind.WORD, "timestamp", start, start));
    columns.addAll(by);
    checkUniqueColumns(columns, aggregations, start);
    return new TimechartPipe(span, aggregations, by.isEmpty() ? null : by.get(0).text());
  }

  private Duration span(PipeToken token) {
    Duration span;
    try {
      span = TimeExpression.parseDuration(token.text());
    } catch (IllegalArgumentException e) {
      throw cursor.error("span '" + token.text() + "' is not a duration; write 30s, 1m, 1h, 1d or 1w", token);
    }
    if (span.isZero() || span.isNegative()) {
      throw cursor.error("span '" + token.text() + "' must be longer than zero", token);
    }
    if (span.compareTo(MAX_SPAN) > 0) {
      throw cursor.error("span '" + token.text() + "' is longer than the limit of " + MAX_SPAN.toDays() + "d", token);
    }
    return span;
  }

  private TopPipe top() {
    int count = DEFAULT_COUNT;
    if (cursor.at(Kind.WORD) && isInteger(cursor.peek().text()) && !cursor.peek(1).is(Kind.PIPE)
        && !cursor.peek(1).is(Kind.EOF)) {
      count = optionalCount("top", 1);
    }
    return new TopPipe(count, cursor.expectName("a field after 'top'").text());
  }

  private SortPipe sort() {
    List<SortKey> keys = new ArrayList<>();
    do {
      PipeToken token = cursor.expectColumn("a field to sort by");
      String name = token.text();
      boolean descending = false;
      if (token.is(Kind.WORD) && (name.startsWith("-") || name.startsWith("+"))) {
        descending = name.startsWith("-");
        name = name.substring(1);
        if (name.isEmpty()) {
          name = cursor.expectName("a field after '" + token.text() + "'").text();
        }
      }
      keys.add(new SortKey(name, descending));
    } while (cursor.accept(Kind.COMMA));
    return new SortPipe(keys);
  }

  /**
   * {@code where column op value} with a literal value (a {@link WherePipe}, as before
   * expressions), or else {@code where expr} (a {@link WhereExpressionPipe}).
   */
  private Pipe where() {
    PipeToken start = cursor.peek();
    WherePipe plain = plainWhere();
    if (plain != null) {
      return plain;
    }
    cursor.restartAt(start.start());
    return new WhereExpressionPipe(expression(start));
  }

  /**
   * The plain form, when the pipe is exactly a name or aggregation column without arithmetic, a
   * comparison and a literal value (a word or a quoted string, not in backticks);
   * null otherwise (the cursor is then anywhere: the caller restarts it).
   */
  private WherePipe plainWhere() {
    if (!cursor.at(Kind.WORD) && !cursor.at(Kind.STRING)) {
      return null;
    }
    PipeToken column = cursor.expectColumn("a column or field after 'where'");
    if (!cursor.at(Kind.OPERATOR) || !(cursor.peek(1).is(Kind.WORD) || cursor.peek(1).is(Kind.STRING))) {
      return null;
    }
    PipeToken op = cursor.next();
    PipeToken value = cursor.next();
    boolean backticks = value.is(Kind.STRING) && text.charAt(value.start()) == '`';
    if (!cursor.atPipeEnd() || backticks || hasArithmetic(column)) {
      return null;
    }
    return new WherePipe(column.text(), operator(op), value.text());
  }

  /**
   * Whether a bare column word holds an arithmetic operator ({@code errors/total}): a name never
   * does. The value's word is not checked: a literal such as {@code /api/*} or {@code
   * 2026-11-21T10:00:00+01:00} keeps its plain meaning.
   */
  private static boolean hasArithmetic(PipeToken word) {
    String t = word.text();
    if (word.is(Kind.STRING)) {
      return false;
    }
    return t.indexOf('*') >= 0 || t.indexOf('/') >= 0 || t.indexOf('%') >= 0 || t.indexOf('+') >= 0;
  }

  /** An eval on events comes before any {@code fields} and sets no field an event always has. */
  private void checkEventEval(PipeToken name, EvalPipe eval, PipeToken fields) {
    if (fields != null) {
      throw cursor.error("'fields' at position " + fields.start() + " comes before 'eval'; put fields after "
          + "the eval, or eval after the aggregation", fields);
    }
    for (EvalPipe.Assignment assignment : eval.assignments()) {
      String canonical = FieldNames.canonical(assignment.name());
      if (canonical.equals(FieldNames.TIMESTAMP) || canonical.equals(FieldNames.LEVEL)
          || canonical.equals(FieldNames.MESSAGE)) {
        throw cursor.error("eval cannot set '" + assignment.name() + "' on events: timestamp, level and message are "
            + "the event's own; choose another name", name);
      }
    }
  }

  /** {@code eval name = expr (, name = expr)*}. */
  private EvalPipe eval() {
    List<EvalPipe.Assignment> assignments = new ArrayList<>();
    Set<String> names = new HashSet<>();
    do {
      PipeToken name = cursor.expectColumn("a field name to assign after 'eval'");
      PipeToken equals = cursor.peek();
      if (!equals.is(Kind.OPERATOR) || !equals.text().equals("=")) {
        throw cursor.error("expected '=' and an expression after '" + name.text() + "', as in eval rate = errors / "
            + "total * 100, found " + equals.describe(), equals);
      }
      cursor.next();
      if (!names.add(name.text())) {
        throw cursor.error("eval assigns '" + name.text() + "' twice", name);
      }
      assignments.add(new EvalPipe.Assignment(name.text(), expression(cursor.peek())));
    } while (cursor.accept(Kind.COMMA));
    return new EvalPipe(assignments);
  }

  /** The expression that starts at {@code start}; the cursor goes on after it. */
  private Expr expression(PipeToken start) {
    ParsedExpression parsed = ExpressionParser.parse(text, start.start(), COLUMN_FUNCTIONS);
    cursor.restartAt(parsed.end());
    return parsed.expr();
  }

  private void checkExtractionPlace(PipeToken name, PipeToken aggregation, PipeToken fields) {
    if (aggregation != null) {
      throw cursor.error("'" + name.text() + "' reads events; put it before '" + aggregation.text()
          + "' at position " + aggregation.start(), name);
    }
    if (fields != null) {
      throw cursor.error("'fields' at position " + fields.start() + " comes before '" + name.text()
          + "'; put fields after the extraction, which reads the fields fields would hide", fields);
    }
  }

  /** {@code pipe} with the prefix of an {@code as prefix} that ends it. */
  private ExtractPipe withPrefix(ExtractPipe pipe) {
    return cursor.acceptWord("as") ? pipe.withPrefix(cursor.expectName("a prefix after 'as'").text()) : pipe;
  }

  /** The field an extraction reads: a name when the pipe goes on, else {@code message}. */
  private String optionalField() {
    boolean prefixFollows = cursor.peek().isWord("as") && !cursor.peek(1).is(Kind.PIPE) && !cursor.peek(1).is(Kind.EOF);
    if (cursor.atPipeEnd() || isOption(cursor.peek()) || prefixFollows) {
      return ExtractPipe.DEFAULT_FIELD;
    }
    return cursor.expectName("the field to read").text();
  }

  private boolean isOption(PipeToken token) {
    return token.is(Kind.WORD) && cursor.peek(1).is(Kind.OPERATOR) && cursor.peek(1).text().equals("=");
  }

  private ExtractPipe kv() {
    String field = optionalField();
    String pairs = ExtractPipe.DEFAULT_PAIR_SEPARATOR;
    String values = ExtractPipe.DEFAULT_VALUE_SEPARATOR;
    while (!cursor.atPipeEnd() && isOption(cursor.peek())) {
      PipeToken option = cursor.next();
      cursor.next();
      PipeToken value = cursor.expectName("a separator in quotes after '" + option.text() + "='");
      switch (option.text().toLowerCase(Locale.ROOT)) {
        case "pair_sep" -> pairs = value.text();
        case "kv_sep" -> values = value.text();
        default -> throw cursor.error("unknown kv option '" + option.text() + "'; options are pair_sep and kv_sep",
            option);
      }
    }
    return new ExtractPipe(ExtractFormat.KV, field, null, pairs, values, null);
  }

  private ExtractPipe parse() {
    if (!cursor.at(Kind.STRING)) {
      throw cursor.error("parse needs a pattern in quotes, such as \"%{ip} - %{user} [%{ts}]\" or a regex with "
          + "named groups, found " + cursor.peek().describe(), cursor.peek());
    }
    PipeToken pattern = cursor.next();
    if (pattern.text().isEmpty()) {
      throw cursor.error("the parse pattern is empty", pattern);
    }
    ExtractPipe pipe = new ExtractPipe(ExtractFormat.PARSE, optionalField(), pattern.text(), null, null, null);
    try {
      pipe.compile();
    } catch (BadPatternException e) {
      int at = Math.min(pattern.start() + 1 + e.index(), Math.max(pattern.start(), pattern.end() - 1));
      throw new QuerySyntaxException(e.getMessage(), text, at);
    }
    return pipe;
  }

  private static CompareOp operator(PipeToken op) {
    for (CompareOp candidate : CompareOp.values()) {
      if (candidate.symbol().equals(op.text())) {
        return candidate;
      }
    }
    throw new IllegalStateException("BUG: operator " + op.text() + " has no CompareOp");
  }

  private List<String> columns() {
    List<String> names = new ArrayList<>();
    do {
      names.add(cursor.expectColumn("a field name").text());
    } while (cursor.accept(Kind.COMMA));
    return names;
  }

  /** An optional integer ≥ {@code min}, {@link #DEFAULT_COUNT} when the pipe ends here. */
  private int optionalCount(String pipe, int min) {
    if (cursor.atPipeEnd()) {
      return DEFAULT_COUNT;
    }
    PipeToken token = cursor.expect(Kind.WORD, "a count after '" + pipe + "'");
    if (!isInteger(token.text())) {
      throw cursor.error(pipe + " needs a whole number " + (min == 0 ? ">= 0" : ">= " + min) + ", found '"
          + token.text() + "'", token);
    }
    long value;
    try {
      value = Long.parseLong(token.text());
    } catch (NumberFormatException e) {
      value = token.text().startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    if (value < min || value > Integer.MAX_VALUE) {
      throw cursor.error(pipe + " count " + token.text() + " is out of range; it must be from " + min + " to "
          + Integer.MAX_VALUE, token);
    }
    return (int) value;
  }

  private static boolean isInteger(String s) {
    return s.matches("[-+]?[0-9]+");
  }

  private void checkUniqueColumns(List<PipeToken> groupColumns, List<Aggregation> aggregations, int aggStart) {
    Set<String> seen = new HashSet<>();
    for (PipeToken column : groupColumns) {
      if (!seen.add(column.text())) {
        throw cursor.error("column '" + column.text() + "' appears twice", column);
      }
    }
    for (Aggregation aggregation : aggregations) {
      if (!seen.add(aggregation.name())) {
        throw new QuerySyntaxException("column '" + aggregation.name() + "' appears twice; name one with 'as'",
            text, aggStart);
      }
    }
  }
}
