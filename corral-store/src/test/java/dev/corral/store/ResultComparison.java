package dev.corral.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.model.FieldNames;
import dev.corral.model.LogEvent;
import dev.corral.query.eval.EvaluationResult;
import dev.corral.query.plan.AggFunction;
import dev.corral.query.plan.Aggregation;
import dev.corral.query.plan.EvalPipe;
import dev.corral.query.plan.ExtractPipe;
import dev.corral.query.plan.Pipe;
import dev.corral.query.plan.QueryPlan;
import dev.corral.query.plan.SortKey;
import dev.corral.query.plan.SortPipe;
import dev.corral.query.plan.StatsPipe;
import dev.corral.query.plan.TimechartPipe;
import dev.corral.query.table.Table;
import dev.corral.store.search.QueryResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How the differential test compares a store result with an evaluator result.
 *
 * <ul>
 *   <li>Both refused (IllegalArgumentException) with the same message, or neither.
 *   <li>Events: the same total; the same events in the same order, or, when timestamps may tie,
 *       the same multiset in an order that agrees on every sort key and the timestamp.
 *   <li>Tables: the same columns, flags and row count; rows in order (as a multiset for a
 *       {@code fields} table of tied events); cells exactly, except sum and avg (relative 1e-9)
 *       and count_distinct (±2%, at least 1). Percentiles are exact: the events hold at most 200
 *       values per numeric field ({@link RandomEvents#MAX_NUMBERS_PER_FIELD}).
 * </ul>
 */
public final class ResultComparison {
  public static final int EVENTS = 0;
  public static final int TABLE = 1;
  public static final int REFUSED = 2;

  private ResultComparison() {}

  /** Asserts agreement; returns {@link #EVENTS}, {@link #TABLE} or {@link #REFUSED}. */
  public static int assertSame(TestStoreMatchesEvaluator.Outcome store, TestStoreMatchesEvaluator.Outcome evaluator,
      QueryPlan plan, boolean ties, String where) {
    if (store.refusal() != null || evaluator.refusal() != null) {
      assertThat(message(evaluator)).as("refusal, evaluator vs store: " + where).isEqualTo(message(store));
      return REFUSED;
    }
    QueryResult s = (QueryResult) store.result();
    EvaluationResult e = (EvaluationResult) evaluator.result();
    assertThat(e.isTable()).as("table or events: " + where).isEqualTo(s.isTable());
    if (!s.isTable()) {
      assertThat(e.total()).as("total: " + where).isEqualTo(s.total());
      List<LogEvent> stored = s.events().stream().map(StoreTesting::parse).toList();
      if (!ties) {
        assertThat(ids(e.events())).as("events: " + where).isEqualTo(ids(stored));
      } else {
        assertThat(ids(e.events())).as("events: " + where).containsExactlyInAnyOrderElementsOf(ids(stored));
        List<SortKey> keys = lastEventSort(plan);
        assertThat(orderKeys(e.events(), keys)).as("event order: " + where).isEqualTo(orderKeys(stored, keys));
      }
      if (plan.sourceReads() > 0) { // the extracted fields travel with the events: all of them must agree
        assertThat(stored).as("extracted events: " + where).containsExactlyInAnyOrderElementsOf(e.events());
      }
      return EVENTS;
    }
    assertTables(s.table(), e.table(), plan, ties && plan.aggregationIndex() < 0, where);
    return TABLE;
  }

  private static String message(TestStoreMatchesEvaluator.Outcome outcome) {
    return outcome.refusal() == null ? "<no refusal: a result>" : outcome.refusal().getMessage();
  }

  private static void assertTables(Table store, Table evaluator, QueryPlan plan, boolean unordered, String where) {
    assertThat(evaluator.columns()).as("columns: " + where).isEqualTo(store.columns());
    assertThat(evaluator.rows().size()).as("row count: " + where + "\nstore " + store.rows() + "\nevaluator "
        + evaluator.rows()).isEqualTo(store.rows().size());
    assertThat(evaluator.truncated()).as("truncated: " + where).isEqualTo(store.truncated());
    assertThat(evaluator.otherRow()).as("otherRow: " + where).isEqualTo(store.otherRow());
    List<List<Object>> storeRows = new ArrayList<>(store.rows());
    List<List<Object>> evaluatorRows = new ArrayList<>(evaluator.rows());
    if (unordered) {
      storeRows.sort(Comparator.comparing(Object::toString));
      evaluatorRows.sort(Comparator.comparing(Object::toString));
    }
    Map<String, AggFunction> functions = functions(plan);
    for (int r = 0; r < storeRows.size(); r++) {
      for (int c = 0; c < store.columns().size(); c++) {
        String column = store.columns().get(c).name();
        Object a = storeRows.get(r).get(c);
        Object b = evaluatorRows.get(r).get(c);
        boolean same = evaluated(plan).contains(column) ? closeComputed(a, b) : close(functions.get(column), a, b);
        assertThat(same)
            .as("row %d column %s: store %s, evaluator %s; %s%nstore %s%nevaluator %s", r, column, a, b, where,
                storeRows, evaluatorRows)
            .isTrue();
      }
    }
  }

  private static boolean close(AggFunction function, Object a, Object b) {
    if (a == null || b == null || function == null) {
      return Objects.equals(a, b);
    }
    return switch (function) {
      case SUM, AVG -> {
        double x = (Double) a;
        double y = (Double) b;
        yield x == y || Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y));
      }
      case COUNT_DISTINCT -> {
        long x = (Long) a;
        long y = (Long) b;
        yield Math.abs(x - y) <= Math.max(1, 0.02 * Math.max(x, y));
      }
      default -> Objects.equals(a, b);
    };
  }

  /**
   * A column an eval computed, perhaps from sums and averages: doubles within 1e-9 relative or
   * 1e-6 absolute (a difference of two near-equal sums), anything else exactly.
   */
  private static boolean closeComputed(Object a, Object b) {
    if (a instanceof Double x && b instanceof Double y) {
      return x.equals(y) || Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y)) + 1e-6;
    }
    return Objects.equals(a, b);
  }

  /** The names of the columns table-stage evals made. */
  private static Set<String> evaluated(QueryPlan plan) {
    Set<String> names = new HashSet<>();
    int aggregation = plan.aggregationIndex();
    for (Pipe pipe : plan.pipes().subList(Math.max(0, aggregation), plan.pipes().size())) {
      if (pipe instanceof EvalPipe eval) {
        eval.assignments().forEach(a -> names.add(a.name()));
      }
    }
    return names;
  }

  /** Aggregation column name to function, for the tolerance of each column. */
  private static Map<String, AggFunction> functions(QueryPlan plan) {
    Map<String, AggFunction> functions = new HashMap<>();
    for (Pipe pipe : plan.pipes()) {
      List<Aggregation> aggregations = switch (pipe) {
        case StatsPipe stats -> stats.aggregations();
        case TimechartPipe chart -> chart.aggregations();
        default -> List.of();
      };
      aggregations.forEach(a -> functions.put(a.name(), a.function()));
    }
    return functions;
  }

  private static List<String> ids(List<LogEvent> events) {
    return events.stream().map(e -> e.fields().getString("id")).toList();
  }

  /**
   * The keys of the last event-stage sort (before any aggregation), as the events returned still carry them;
   * none when an {@code eval} or an extraction after that sort may have rewritten a key field (the values the
   * sort saw are gone): the order is then checked by timestamps alone, which the same sort over the same events
   * still fixes (ties on the keys fall back to the timestamp).
   */
  private static List<SortKey> lastEventSort(QueryPlan plan) {
    int end = plan.aggregationIndex() < 0 ? plan.pipes().size() : plan.aggregationIndex();
    List<SortKey> keys = List.of();
    for (Pipe pipe : plan.pipes().subList(0, end)) {
      if (pipe instanceof SortPipe sort) {
        keys = sort.keys();
      } else if (pipe instanceof EvalPipe || pipe instanceof ExtractPipe) {
        keys = List.of();
      }
    }
    return keys;
  }

  /** Per event, the values its position depends on: each sort key, then the timestamp. */
  private static List<List<Object>> orderKeys(List<LogEvent> events, List<SortKey> keys) {
    List<List<Object>> order = new ArrayList<>();
    for (LogEvent event : events) {
      List<Object> values = new ArrayList<>();
      for (SortKey key : keys) {
        Object value = event.get(FieldNames.canonical(key.name()));
        if (value instanceof String text
            && text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > RandomEvents.MAX_KEYWORD_BYTES) {
          value = null; // not indexed: sorts as missing
        }
        values.add(value instanceof Number n ? (Object) n.doubleValue() : value);
      }
      values.add(event.timestamp());
      order.add(values);
    }
    return order;
  }
}
