package dev.corral.query;

import dev.corral.model.FieldNames;
import dev.corral.query.ast.And;
import dev.corral.query.ast.Exists;
import dev.corral.query.ast.MatchAll;
import dev.corral.query.ast.Not;
import dev.corral.query.ast.Or;
import dev.corral.query.ast.Phrase;
import dev.corral.query.ast.Query;
import dev.corral.query.ast.Range;
import dev.corral.query.ast.Regex;
import dev.corral.query.ast.Term;
import dev.corral.query.ast.Wildcard;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.RegExp;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;
import org.apache.lucene.util.automaton.Transition;

/**
 * What a filter will cost a partition before it runs, estimated from its AST alone, in units of
 * one terms-dictionary lookup, so that the server can run the expensive ones apart from the others
 * and refuse the absurd ones. Per partition searched; the data is not consulted.
 *
 * <ul>
 *   <li>a term, phrase, existence test, numeric, time or level range: 1 per field searched (a
 *       filter without a field searches {@code message} and {@code exception.stacktrace}: 2);
 *   <li>a wildcard or regex whose start is narrow — a literal prefix ({@code pay*}), or few
 *       variants of its first {@value #START_CHARS} characters ({@code [pP][aA][yY].*}) — 1 plus
 *       the number of such starts: the terms dictionary is sorted, so the expansion jumps to each;
 *   <li>a wildcard or regex with a wide start ({@code *0a1*}, {@code ?x}, {@code .*error}, at
 *       least {@value #SCAN} starts) and a range over text values: {@value #SCAN} plus the states
 *       of its automaton, for it reads the whole terms dictionary of the field (a <em>scan</em>);
 *   <li>anything on {@code level}: 1, its dictionary holds a handful of terms.
 * </ul>
 *
 * <p>{@code NOT}, {@code AND} and {@code OR} add the costs of their clauses. An extraction pipe
 * adds a scan ({@link #plusExtractions}). Patterns are read
 * with Lucene's wildcard and regex syntax, as the store reads them, into automata only (not the
 * byte-level form a search compiles, which costs far more); one that does not compile counts as a
 * scan and the back end refuses it with its own message.
 *
 * @param units the estimate, saturating at {@link Long#MAX_VALUE}
 * @param scans clauses that read a whole terms dictionary
 * @param clauses leaf clauses (terms, patterns, ranges, …)
 */
public record QueryCost(long units, int scans, int clauses) {
  /**
   * Cost of reading a whole terms dictionary: about what a thousand lookups cost once a field
   * holds some 100,000 distinct values (trace ids, user ids), which a busy day reaches.
   */
  public static final long SCAN = 1000;
  /** Characters of a pattern's start whose variants are counted to tell a narrow start from a wide one. */
  static final int START_CHARS = 3;

  /** The estimate for a filter. */
  public static QueryCost of(Query filter) {
    return switch (filter) {
      case MatchAll m -> new QueryCost(0, 0, 0);
      case And and -> sum(and.clauses());
      case Or or -> sum(or.clauses());
      case Not not -> of(not.clause());
      case Term t -> lookups(t.field());
      case Phrase p -> lookups(p.field());
      case Exists e -> lookups(e.field());
      case Range r -> range(r);
      case Wildcard w -> pattern(w.field(), wildcardAutomaton(w.pattern()));
      case Regex r -> pattern(r.field(), regexAutomaton(r.pattern()));
    };
  }

  /**
   * This estimate plus the per-event work of {@code extractionPipes} event-stage pipes that read
   * sources ({@code json}, {@code logfmt}, {@code kv}, {@code parse}, and {@code eval} or a {@code
   * where} expression before any aggregation): each reads and parses the source of every
   * event that matches, which no index narrows, so each counts as {@link #SCAN} — a query with
   * one runs in the expensive lane at the default {@code search.expensive_query_cost}.
   */
  public QueryCost plusExtractions(int extractionPipes) {
    if (extractionPipes <= 0) {
      return this;
    }
    return new QueryCost(saturatedAdd(units, SCAN * extractionPipes), scans + extractionPipes,
        clauses + extractionPipes);
  }

  /** Whether this estimate reaches {@code threshold}. */
  public boolean reaches(long threshold) {
    return units >= threshold;
  }

  /** For messages: {@code 12,050 (12 scans, 50 clauses)}. */
  public String describe() {
    return String.format(java.util.Locale.ROOT, "%,d (%d %s of a whole terms dictionary, %d %s)", units, scans,
        scans == 1 ? "scan" : "scans", clauses, clauses == 1 ? "clause" : "clauses");
  }

  private static QueryCost sum(java.util.List<Query> clauses) {
    long units = 0;
    int scans = 0;
    int leaves = 0;
    for (Query clause : clauses) {
      QueryCost cost = of(clause);
      units = saturatedAdd(units, cost.units);
      scans += cost.scans;
      leaves += cost.clauses;
    }
    return new QueryCost(units, scans, leaves);
  }

  private static QueryCost lookups(String field) {
    return new QueryCost(fields(field), 0, 1);
  }

  private static QueryCost range(Range range) {
    String field = FieldNames.canonical(range.field());
    if (field.equals(FieldNames.TIMESTAMP) || field.equals(FieldNames.LEVEL)
        || isNumberOrOpen(range.lower()) && isNumberOrOpen(range.upper())) {
      return lookups(field);
    }
    return new QueryCost(SCAN, 1, 1);
  }

  private static QueryCost pattern(String typed, Automaton automaton) {
    if (typed != null && FieldNames.canonical(typed).equals(FieldNames.LEVEL)) {
      return lookups(typed);
    }
    int fields = fields(typed);
    long starts = automaton == null ? SCAN : starts(automaton, 0, START_CHARS);
    if (starts < SCAN) {
      return new QueryCost(fields * (1 + starts), 0, 1);
    }
    long states = automaton == null ? 0 : automaton.getNumStates();
    return new QueryCost(fields * (SCAN + states), fields, 1);
  }

  /** Lucene fields a clause searches: the two full-text fields without a field name, else one. */
  private static int fields(String typed) {
    return typed == null ? FieldNames.FULL_TEXT.size() : 1;
  }

  /**
   * Distinct beginnings of up to {@code depth} characters the automaton accepts from {@code state},
   * saturating at {@link #SCAN}: a term shorter than that counts once, and so does a beginning
   * after which any character may follow ({@code pay*}: the expansion reads what lies under
   * {@code pay}). Any character first ({@code *pay}) reads everything: {@link #SCAN}.
   */
  private static long starts(Automaton automaton, int state, int depth) {
    if (depth == 0) {
      return 1;
    }
    long starts = automaton.isAccept(state) ? 1 : 0;
    Transition transition = new Transition();
    int count = automaton.initTransition(state, transition);
    for (int i = 0; i < count && starts < SCAN; i++) {
      automaton.getNextTransition(transition);
      long chars = (long) transition.max - transition.min + 1;
      if (chars >= SCAN) {
        if (depth == START_CHARS) {
          return SCAN;
        }
        starts += 1;
      } else {
        starts += chars * starts(automaton, transition.dest, depth - 1);
      }
    }
    return Math.min(starts, SCAN);
  }

  /** The deterministic automaton of a wildcard, as the store reads it; null when it does not compile. */
  private static Automaton wildcardAutomaton(String pattern) {
    try {
      return deterministic(WildcardQuery.toAutomaton(new org.apache.lucene.index.Term("", pattern),
          Operations.DEFAULT_DETERMINIZE_WORK_LIMIT));
    } catch (IllegalArgumentException | TooComplexToDeterminizeException e) {
      return null;
    }
  }

  /** The deterministic automaton of a regex, as the store reads it; null when it does not compile. */
  private static Automaton regexAutomaton(String pattern) {
    try {
      return deterministic(new RegExp(pattern, RegExp.ALL, 0).toAutomaton());
    } catch (IllegalArgumentException | TooComplexToDeterminizeException e) {
      return null;
    }
  }

  private static Automaton deterministic(Automaton automaton) {
    return automaton.isDeterministic() ? automaton
        : Operations.determinize(automaton, Operations.DEFAULT_DETERMINIZE_WORK_LIMIT);
  }

  private static boolean isNumberOrOpen(String bound) {
    String open = RangeBounds.open(bound);
    if (open == null) {
      return true;
    }
    return NumberParsing.parse(open) != null; // the resolver's rule: a range it would scan as text costs a scan
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }
}
