package dev.corral.store;

import static dev.corral.store.RandomEvents.pick;

import dev.corral.model.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random query texts for the differential test, from the whole grammar over the vocabulary of
 * {@link RandomEvents}: filters (terms, phrases, numeric / lexical / timestamp ranges with ISO and
 * {@code now}-relative bounds, exists, wildcards with leading {@code *}, simple regexes, free
 * text, AND / OR / NOT nesting) and pipes (where / sort / head before an aggregation, stats with
 * 0–2 by fields and 1–3 aggregations, timechart with span and by, top, then sort / head / where /
 * fields on the table), plus a time window and limits. Some queries are meant to fail (a full-text
 * field where a value is needed): both back ends must refuse them alike.
 */
public final class RandomQueries {
  /** One generated query with everything a request needs besides {@code now}. */
  public record Case(String text, long fromNanos, long toNanos, int limit, int maxGroups, int maxRows) {
    @Override
    public String toString() {
      return "[" + text + "] from=" + fromNanos + " to=" + toNanos + " limit=" + limit + " maxGroups=" + maxGroups
          + " maxRows=" + maxRows;
    }
  }

  private static final List<String> KEYWORD_FIELDS = List.of("service", "host", "user", "trace_id", "note", "ok",
      "status", "Service", "LEVEL", "span_id", "request_id");
  private static final List<String> NUMBER_FIELDS = List.of("duration", "bytes", "status", "latency");
  private static final List<String> GROUP_FIELDS = List.of("service", "host", "status", "level", "ok", "note",
      "user", "duration", "nope", "LEVEL", "code", "path", "__error__", "tags", "user_extracted", "first", "p.code",
      "ev", "trace_id", "span_id", "request_id");
  private static final List<String> SORT_FIELDS = List.of("timestamp", "level", "service", "status", "duration",
      "user", "note", "bytes", "ok", "nope", "code", "path", "size", "status_extracted", "__error__", "user.id",
      "long", "ev", "ev2", "trace_id", "span_id", "request_id");
  /** Fields an event-stage expression reads: numbers, text, mixed, missing, and what an eval made. */
  private static final List<String> EXPRESSION_FIELDS = List.of("duration", "bytes", "status", "latency", "service",
      "user", "note", "ok", "nope", "level", "ev", "code");
  /** Refused wherever one value per event is needed; picked rarely, to check both refuse alike. */
  private static final List<String> FULL_TEXT_FIELDS = List.of("message", "exception.stacktrace", "MESSAGE");
  private static final List<String> TEXT_VALUES = List.of("pay", "auth", "web", "Search", "pay-gw", "h1", "h10", "u1",
      "u17", "t3", "r1f", "7", "error", "OK", "500", "true", "false", "n", "timeout");
  private static final List<String> NUMBER_VALUES = List.of("0", "200", "500", "-1", "100.5", "1e3", "250", "5e2",
      "1000", "-50.25", "404");
  private static final List<String> TIME_BOUNDS = List.of("now-1d", "now-2d", "now-36h", "now-1h", "now/d", "now",
      "2026-11-20", "2026-11-20T12:00:00Z", "2026-11-21T06:30:00Z", "2026-11-19T23:59:59.999Z", "now-3d/d");
  private static final List<String> LEVELS = List.of("ERROR", "warn", "ERR", "info", "DEBUG", "trace", "Fatal");

  private final Random random;
  private final boolean ties;

  /** @param ties whether events share timestamps: then no event-stage head and limits above the data */
  public RandomQueries(Random random, boolean ties) {
    this.random = random;
    this.ties = ties;
  }

  public Case next() {
    String text = filter(0) + pipes();
    long first = Timestamps.toNanos(RandomEvents.FIRST_DAY);
    long dayNanos = Duration.ofDays(1).toNanos();
    long from = Long.MIN_VALUE;
    long to = Long.MAX_VALUE;
    switch (random.nextInt(5)) {
      case 0 -> from = first + random.nextLong(RandomEvents.DAYS * dayNanos);
      case 1 -> to = first + random.nextLong(RandomEvents.DAYS * dayNanos);
      case 2 -> {
        from = first + random.nextLong(RandomEvents.DAYS * dayNanos);
        to = from + random.nextLong(2 * dayNanos);
      }
      default -> { }
    }
    int limit = ties ? 1000 : pick(random, List.of(1, 7, 50, 1000));
    int maxGroups = pick(random, List.of(1, 3, 8, 10_000));
    int maxRows = ties ? 10_000 : pick(random, List.of(4, 10_000));
    return new Case(text, from, to, limit, maxGroups, maxRows);
  }

  // ---- filters

  private String filter(int depth) {
    int kind = random.nextInt(depth >= 3 ? 8 : 12);
    return switch (kind) {
      case 0 -> "";
      case 1, 2 -> term();
      case 3 -> phrase();
      case 4 -> range();
      case 5 -> random.nextInt(7) == 0 ? "*"
          : pick(random, List.of("status", "note", "duration", "exception.stacktrace", "nope", "ok")) + ":*";
      case 6 -> wildcard();
      case 7 -> regex();
      case 8 -> "(" + nonEmpty(depth + 1) + " AND " + nonEmpty(depth + 1) + ")";
      case 9 -> "(" + nonEmpty(depth + 1) + " OR " + nonEmpty(depth + 1) + ")";
      case 10 -> "NOT " + nonEmpty(depth + 1);
      default -> nonEmpty(depth + 1) + " " + pick(random, List.of("-", "")) + nonEmpty(depth + 1);
    };
  }

  private String nonEmpty(int depth) {
    String filter = filter(depth);
    return filter.isEmpty() ? term() : filter;
  }

  private String term() {
    return switch (random.nextInt(7)) {
      case 0 -> pick(random, RandomEvents.WORDS);
      case 1 -> "level:" + pick(random, LEVELS);
      case 2 -> pick(random, NUMBER_FIELDS) + ":" + pick(random, NUMBER_VALUES);
      case 3 -> "message:" + pick(random, RandomEvents.WORDS);
      case 4 -> "exception.stacktrace:" + pick(random, List.of("illegalstateexception", "foo.java", "timeout"));
      default -> pick(random, KEYWORD_FIELDS) + ":" + pick(random, TEXT_VALUES);
    };
  }

  private String phrase() {
    String words = pick(random, RandomEvents.WORDS) + " " + pick(random, RandomEvents.WORDS);
    return switch (random.nextInt(3)) {
      case 0 -> "\"" + words + "\"";
      case 1 -> "message:\"" + words + "\"";
      default -> pick(random, KEYWORD_FIELDS) + ":\"" + pick(random, TEXT_VALUES) + "\"";
    };
  }

  private String range() {
    return switch (random.nextInt(5)) {
      case 0 -> pick(random, NUMBER_FIELDS) + ":" + bounds(NUMBER_VALUES);
      case 1 -> pick(random, NUMBER_FIELDS) + ":" + pick(random, List.of(">", ">=", "<", "<="))
          + pick(random, NUMBER_VALUES);
      case 2 -> pick(random, KEYWORD_FIELDS) + ":" + bounds(TEXT_VALUES);
      case 3 -> "level:" + pick(random, List.of(">=", ">", "<", "<=")) + pick(random, LEVELS);
      default -> "timestamp:" + (random.nextBoolean() ? bounds(TIME_BOUNDS)
          : pick(random, List.of(">", ">=", "<", "<=")) + pick(random, TIME_BOUNDS));
    };
  }

  private String bounds(List<String> values) {
    String low = random.nextInt(5) == 0 ? "*" : pick(random, values);
    String high = random.nextInt(5) == 0 ? "*" : pick(random, values);
    return (random.nextBoolean() ? "[" : "{") + low + " TO " + high + (random.nextBoolean() ? "]" : "}");
  }

  private String wildcard() {
    return pick(random, List.of("service:pa*", "user:u1?", "host:*1", "*ay", "message:tim*", "service:*",
        "note:n*", "status:5*", "user:*7", "level:E*", "erro?", "service:?uth", "trace_id:t*"));
  }

  private String regex() {
    return pick(random, List.of("service:/pa.*/", "user:/u[0-9]/", "/time.*/", "host:/h1.?/", "level:/(error|warn)/",
        "status:/[0-9]+/", "message:/fail(ed)?/", "note:/n{60,}/"));
  }

  // ---- pipes

  private String pipes() {
    StringBuilder pipes = new StringBuilder();
    int before = random.nextInt(3);
    for (int i = 0; i < before; i++) {
      pipes.append(eventPipe());
    }
    int shape = random.nextInt(6);
    if (shape == 0) {
      return pipes.toString(); // events
    }
    if (shape == 1) {
      List<String> names = new ArrayList<>();
      int n = 1 + random.nextInt(3);
      for (int i = 0; i < n; i++) {
        names.add(field(SORT_FIELDS));
      }
      pipes.append(" | fields ").append(String.join(", ", names.stream().distinct().toList()));
      tablePipes(pipes, names, !ties, false);
      return pipes.toString();
    }
    List<String> columns = new ArrayList<>();
    switch (shape) {
      case 2, 3 -> pipes.append(stats(columns));
      case 4 -> pipes.append(timechart(columns));
      default -> pipes.append(top(columns));
    }
    tablePipes(pipes, columns, true, true);
    return pipes.toString();
  }

  /** The extraction pipes, over the events' {@code payload} (and sometimes {@code message}). */
  private static final List<String> EXTRACTIONS = List.of(" | json payload", " | logfmt payload", " | logfmt",
      " | kv payload pair_sep=\";\" kv_sep=\":\"", " | kv", " | json",
      " | parse \"%{ip} - %{user} [%{_}] \\\"%{method} %{path} %{?proto}\\\" %{code} %{size}\" payload",
      " | parse `(?<ip>[0-9.]+) - (?<who>\\S+) .*\" (?<code>\\d+)` payload",
      " | parse \"%{first} %{second}\"", " | json payload as p", " | logfmt payload as p");

  private String eventPipe() {
    if (random.nextInt(4) == 0) {
      return pick(random, EXTRACTIONS);
    }
    if (random.nextInt(5) == 0) {
      return random.nextBoolean()
          ? " | eval ev = " + expression(EXPRESSION_FIELDS, 0) + (random.nextBoolean() ? ", ev2 = ev * 2" : "")
          : " | where " + condition(EXPRESSION_FIELDS);
    }
    int kind = random.nextInt(ties ? 2 : 3);
    return switch (kind) {
      case 0 -> " | where " + field(SORT_FIELDS) + " " + op() + " " + whereValue();
      case 1 -> " | sort " + sortKey(List.of(field(SORT_FIELDS)))
          + (random.nextBoolean() ? ", " + sortKey(List.of(field(SORT_FIELDS))) : "");
      default -> " | head " + random.nextInt(60);
    };
  }

  private String whereValue() {
    return switch (random.nextInt(4)) {
      case 0 -> pick(random, NUMBER_VALUES);
      case 1 -> pick(random, TEXT_VALUES);
      case 2 -> pick(random, List.of("2026-11-20T12:00:00Z", "2026-11-21", "WARN", "u2"));
      default -> pick(random, LEVELS);
    };
  }

  private String op() {
    return pick(random, List.of("=", "!=", "<", "<=", ">", ">="));
  }

  private String sortKey(List<String> names) {
    return pick(random, List.of("", "-", "+")) + pick(random, names);
  }

  private String stats(List<String> columns) {
    StringBuilder stats = new StringBuilder(" | stats ").append(aggregations(columns));
    int by = random.nextInt(3);
    List<String> fields = new ArrayList<>();
    for (int i = 0; i < by; i++) {
      String field = field(GROUP_FIELDS);
      if (!fields.contains(field)) {
        fields.add(field);
      }
    }
    if (!fields.isEmpty()) {
      stats.append(" by ").append(String.join(", ", fields));
      columns.addAll(fields);
    }
    return stats.toString();
  }

  private String timechart(List<String> columns) {
    StringBuilder chart = new StringBuilder(" | timechart ");
    if (random.nextInt(3) != 0) {
      chart.append("span=").append(pick(random, List.of("1h", "30m", "1d", "6h", "10m"))).append(' ');
    }
    columns.add("timestamp");
    chart.append(aggregations(columns));
    if (random.nextBoolean()) {
      String by = field(GROUP_FIELDS);
      chart.append(" by ").append(by);
      columns.add(by);
    }
    return chart.toString();
  }

  private String top(List<String> columns) {
    String field = field(GROUP_FIELDS);
    columns.add(field);
    columns.add("count");
    columns.add("percent");
    return " | top " + (random.nextBoolean() ? (1 + random.nextInt(8)) + " " : "") + field;
  }

  private String aggregations(List<String> columns) {
    int n = 1 + random.nextInt(3);
    List<String> aggregations = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String field = pick(random, List.of("duration", "bytes", "status", "latency", "user", "service", "nope",
          "timestamp", "code", "size"));
      String aggregation = switch (random.nextInt(10)) {
        case 0, 1 -> "count()";
        case 2 -> "count(" + field + ")";
        case 3 -> "dc(" + field + ")";
        case 4 -> "sum(" + field + ")";
        case 5 -> "avg(" + field + ")";
        case 6 -> "min(" + field + ")";
        case 7 -> "max(" + field + ")";
        // percentiles are exact (and so comparable exactly) over at most 200 values: not on timestamp
        case 8 -> pick(random, List.of("p50", "p90", "p99")) + "(" + numeric(field) + ")";
        default -> random.nextInt(8) == 0 ? "count(message)" : "percentile(" + numeric(field) + ", 75)";
      };
      if (random.nextInt(4) == 0) { // a conditional aggregate: any filter
        aggregation = random.nextBoolean() && aggregation.equals("count()") ? "count(" + nonEmpty(2) + ")"
            : aggregation + " if (" + nonEmpty(2) + ")";
      }
      String name = "a" + i;
      aggregations.add(aggregation + " as " + name);
      columns.add(name);
    }
    return String.join(", ", aggregations);
  }

  /** A field of {@code fields}, or rarely a full-text field. */
  private String field(List<String> fields) {
    return pick(random, random.nextInt(40) == 0 ? FULL_TEXT_FIELDS : fields);
  }

  private static String numeric(String field) {
    return field.equals("timestamp") ? "latency" : field;
  }

  /**
   * @param heads whether head may come (not on tied events, which a head would cut arbitrarily)
   * @param evals whether eval may come (after an aggregation; after fields on events it is refused)
   */
  private void tablePipes(StringBuilder pipes, List<String> columns, boolean heads, boolean evals) {
    int after = random.nextInt(3);
    for (int i = 0; i < after; i++) {
      if (random.nextInt(4) == 0) {
        if (evals && random.nextBoolean()) {
          String name = "c" + i;
          pipes.append(" | eval ").append(name).append(" = ").append(expression(List.copyOf(columns), 0));
          columns.add(name);
        } else {
          pipes.append(" | where ").append(condition(columns));
        }
        continue;
      }
      switch (random.nextInt(4)) {
        case 0 -> pipes.append(" | sort ").append(sortKey(columns));
        case 1 -> pipes.append(heads ? " | head " + random.nextInt(12) : "");
        case 2 -> pipes.append(" | where ").append(pick(random, columns)).append(' ').append(op()).append(' ')
            .append(whereValue());
        default -> {
          List<String> kept = new ArrayList<>();
          for (String column : columns) {
            if (random.nextBoolean()) {
              kept.add(column);
            }
          }
          if (!kept.isEmpty()) {
            pipes.append(" | fields ").append(String.join(", ", kept));
            columns.retainAll(kept);
          }
        }
      }
    }
  }

  // ---- expressions (eval, where)

  /** A random expression over {@code names}: arithmetic, comparisons, logic and every function. */
  private String expression(List<String> names, int depth) {
    if (depth >= 3 || random.nextInt(3) == 0) {
      return random.nextInt(3) == 0 ? pick(random, List.of("0", "2", "100", "0.5", "-1", "1e3", "\"pay\"", "null"))
          : name(names);
    }
    String a = expression(names, depth + 1);
    String b = expression(names, depth + 1);
    return switch (random.nextInt(12)) {
      case 0, 1 -> "(" + arithmeticOperand(a) + " " + pick(random, List.of("+", "-", "*", "/", "%")) + " "
          + arithmeticOperand(b) + ")";
      case 2 -> "if(" + condition(names) + ", " + a + ", " + b + ")";
      case 3 -> "coalesce(" + a + ", " + b + ")";
      case 4 -> "round(" + arithmeticOperand(a)
          + (random.nextBoolean() ? ", " + pick(random, List.of("0", "1", "2", "-1")) : "") + ")";
      case 5 -> "abs(" + arithmeticOperand(a) + ")";
      case 6 -> pick(random, List.of("lower", "upper", "len")) + "(tostring(" + a + "))";
      case 7 -> "substr(tostring(" + a + "), " + pick(random, List.of("1", "2", "-2", "0")) + ", "
          + pick(random, List.of("1", "3", "10")) + ")";
      case 8 -> "concat(" + a + ", \"-\", " + b + ")";
      case 9 -> "tonumber(tostring(" + a + "))";
      case 10 -> "-" + arithmeticOperand(a);
      default -> "(" + condition(names) + ")";
    };
  }

  /** A literal string in arithmetic is a parse error; keep generated arithmetic valid. */
  private static String arithmeticOperand(String expression) {
    return expression.startsWith("\"") ? "len(" + expression + ")" : expression;
  }

  private String condition(List<String> names) {
    String left = name(names);
    String right = random.nextBoolean() ? name(names) : pick(random, List.of("0", "200", "500", "100.5", "\"pay\"",
        "\"u1\"", "\"ERROR\""));
    String comparison = left + " " + op() + " " + right;
    return switch (random.nextInt(5)) {
      case 0 -> comparison + " and " + name(names) + " " + op() + " " + pick(random, NUMBER_VALUES);
      case 1 -> comparison + " or not " + name(names) + " = " + pick(random, List.of("1", "\"web\""));
      case 2 -> "(" + name(names) + " * 2) " + op() + " " + pick(random, NUMBER_VALUES);
      default -> comparison;
    };
  }

  /** A name of {@code names} as an expression reads it: in backticks when it is no plain name. */
  private String name(List<String> names) {
    String name = pick(random, names);
    return name.matches("[A-Za-z_@][A-Za-z0-9_.@]*") && !name.matches("(?i)and|or|not|true|false|null")
        ? name : "`" + name + "`";
  }

  public static Instant instant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }
}
