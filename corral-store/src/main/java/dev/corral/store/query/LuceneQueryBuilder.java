package dev.corral.store.query;

import dev.corral.model.Level;
import dev.corral.query.RangeBounds;
import dev.corral.query.TimeExpression;
import dev.corral.query.ast.And;
import dev.corral.query.ast.Exists;
import dev.corral.query.ast.MatchAll;
import dev.corral.query.ast.Not;
import dev.corral.query.ast.Or;
import dev.corral.query.ast.Phrase;
import dev.corral.query.ast.Range;
import dev.corral.query.ast.Regex;
import dev.corral.query.ast.Term;
import dev.corral.query.ast.Wildcard;
import dev.corral.store.index.FieldMapping;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.QueryBuilder;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.RegExp;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * Translates a Corral query AST into a Lucene query over the fields of {@link FieldMapping}.
 *
 * <ul>
 *   <li>No field: free text over {@code message} and {@code exception.stacktrace}, analyzed (one
 *       word is a term query, several a phrase).
 *   <li>Full-text fields: analyzed terms and phrases; wildcards and regexes lowercased.
 *   <li>{@code level}: level names as {@link Level#parse} reads them ({@code level:err}), ranges
 *       by severity ({@code level:>=WARN}).
 *   <li>{@code timestamp}: bounds read by {@link TimeExpression#parse} against the request's now.
 *   <li>Other fields: the exact keyword, or-ed with the number when the value reads as one; ranges
 *       are numeric when every bound is a number, else keyword ranges.
 * </ul>
 *
 * <p>Reserved field names match case-insensitively ({@code LEVEL:error}). Immutable and
 * thread-safe; build one per request (it carries the request's {@code now}).
 *
 * @throws IllegalArgumentException from {@link #build} for a regex or wildcard too complex to
 *     run, or a timestamp bound that is no time
 */
public final class LuceneQueryBuilder {
  private final Instant now;
  private final QueryBuilder analyzed = new QueryBuilder(FieldMapping.analyzer());

  /** @param now the instant that {@code now} means in time bounds */
  public LuceneQueryBuilder(Instant now) {
    this.now = Objects.requireNonNull(now, "now");
  }

  /** The Lucene query for an AST node. */
  public Query build(dev.corral.query.ast.Query node) {
    return switch (node) {
      case MatchAll m -> MatchAllDocsQuery.INSTANCE;
      case And and -> and(and.clauses());
      case Or or -> boolean_(or.clauses(), Occur.SHOULD);
      case Not not -> not(build(not.clause()));
      case Term t -> term(t.field(), t.value());
      case Phrase p -> phrase(p.field(), p.text());
      case Range r -> range(FieldMapping.resolve(r.field()), r);
      case Exists e -> exists(FieldMapping.resolve(e.field()));
      case Wildcard w -> wildcard(w.field(), w.pattern());
      case Regex r -> regex(r.field(), r.pattern());
    };
  }

  private Query and(List<dev.corral.query.ast.Query> clauses) {
    BooleanQuery.Builder builder = new BooleanQuery.Builder();
    boolean positive = false;
    for (dev.corral.query.ast.Query clause : clauses) {
      if (clause instanceof Not not) {
        builder.add(build(not.clause()), Occur.MUST_NOT);
      } else {
        builder.add(build(clause), Occur.FILTER);
        positive = true;
      }
    }
    if (!positive) {
      builder.add(MatchAllDocsQuery.INSTANCE, Occur.FILTER);
    }
    return builder.build();
  }

  private Query boolean_(List<dev.corral.query.ast.Query> clauses, Occur occur) {
    List<Query> queries = new ArrayList<>(clauses.size());
    for (dev.corral.query.ast.Query clause : clauses) {
      queries.add(build(clause));
    }
    return combine(queries, occur);
  }

  private static Query not(Query clause) {
    return new BooleanQuery.Builder()
        .add(MatchAllDocsQuery.INSTANCE, Occur.FILTER)
        .add(clause, Occur.MUST_NOT)
        .build();
  }

  private Query term(String typed, String value) {
    if (typed == null) {
      return anyDefaultField(f -> text(f, value));
    }
    String field = FieldMapping.resolve(typed);
    if (FieldMapping.isFullText(field)) {
      return or(text(field, value), number(field, value));
    }
    return switch (field) {
      case FieldMapping.LEVEL -> levelTerm(value);
      case FieldMapping.TIMESTAMP -> LongPoint.newExactQuery(FieldMapping.TIMESTAMP, time(value, 0));
      default -> or(new TermQuery(new org.apache.lucene.index.Term(FieldMapping.keyword(field), value)),
          number(field, value));
    };
  }

  private Query phrase(String typed, String text) {
    if (typed == null) {
      return anyDefaultField(f -> text(f, text));
    }
    String field = FieldMapping.resolve(typed);
    if (FieldMapping.isFullText(field)) {
      return text(field, text);
    }
    return term(field, text);
  }

  /** Analyzed text: a term for one token, a phrase for several, nothing for none. */
  private Query text(String field, String value) {
    Query query = analyzed.createPhraseQuery(field, value);
    return query != null ? query : new MatchNoDocsQuery("no words in '" + value + "'");
  }

  private static Query number(String field, String value) {
    Double number = parseNumber(value);
    return number == null ? null : DoublePoint.newExactQuery(FieldMapping.numeric(field), number);
  }

  private static Query levelTerm(String value) {
    Level level = Level.parse(value);
    String name = level != null ? level.name() : value.toUpperCase(Locale.ROOT);
    return KeywordField.newExactQuery(FieldMapping.LEVEL, name);
  }

  private Query range(String field, Range r) {
    String lower = bound(r.lower());
    String upper = bound(r.upper());
    if (lower == null && upper == null) {
      return exists(field);
    }
    if (field.equals(FieldMapping.TIMESTAMP)) {
      long from = lower == null ? Long.MIN_VALUE : time(lower, r.includeLower() ? 0 : 1);
      long to = upper == null ? Long.MAX_VALUE : time(upper, r.includeUpper() ? 0 : -1);
      return LongPoint.newRangeQuery(FieldMapping.TIMESTAMP, from, to);
    }
    if (field.equals(FieldMapping.LEVEL)) {
      Query levels = levelRange(lower, upper, r.includeLower(), r.includeUpper());
      if (levels != null) {
        return levels;
      }
    }
    Double low = lower == null ? null : parseNumber(lower);
    Double high = upper == null ? null : parseNumber(upper);
    if ((lower == null || low != null) && (upper == null || high != null)) {
      double from = low == null ? Double.NEGATIVE_INFINITY : r.includeLower() ? low : Math.nextUp(low);
      double to = high == null ? Double.POSITIVE_INFINITY : r.includeUpper() ? high : Math.nextDown(high);
      return DoublePoint.newRangeQuery(FieldMapping.numeric(field), from, to);
    }
    String luceneField = FieldMapping.isFullText(field) ? field : FieldMapping.keyword(field);
    return TermRangeQuery.newStringRange(luceneField, lower, upper, r.includeLower(), r.includeUpper());
  }

  private static Query levelRange(String lower, String upper, boolean includeLower, boolean includeUpper) {
    Level low = lower == null ? Level.values()[0] : Level.parse(lower);
    Level high = upper == null ? Level.values()[Level.values().length - 1] : Level.parse(upper);
    if (low == null || high == null) {
      return null;
    }
    int from = low.ordinal() + (lower != null && !includeLower ? 1 : 0);
    int to = high.ordinal() - (upper != null && !includeUpper ? 1 : 0);
    List<org.apache.lucene.util.BytesRef> names = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      names.add(new org.apache.lucene.util.BytesRef(Level.values()[i].name()));
    }
    return names.isEmpty() ? new MatchNoDocsQuery("empty level range")
        : KeywordField.newSetQuery(FieldMapping.LEVEL, names);
  }

  private static Query exists(String field) {
    if (field.equals(FieldMapping.TIMESTAMP) || field.equals(FieldMapping.LEVEL)
        || field.equals(dev.corral.model.FieldNames.MESSAGE)) {
      return MatchAllDocsQuery.INSTANCE;
    }
    // Full-text fields have norms, keywords sorted-set doc values, numbers sorted-numeric ones.
    return combine(List.of(
        new FieldExistsQuery(FieldMapping.isFullText(field) ? field : FieldMapping.keyword(field)),
        new FieldExistsQuery(FieldMapping.numeric(field)),
        new TermQuery(new org.apache.lucene.index.Term(FieldMapping.IGNORED, field))), Occur.SHOULD);
  }

  private Query wildcard(String typed, String pattern) {
    if (typed == null) {
      return anyDefaultField(f -> wildcardOn(f, pattern.toLowerCase(Locale.ROOT), pattern));
    }
    String field = FieldMapping.resolve(typed);
    if (FieldMapping.isFullText(field)) {
      return wildcardOn(field, pattern.toLowerCase(Locale.ROOT), pattern);
    }
    if (field.equals(FieldMapping.LEVEL)) {
      return wildcardOn(field, pattern.toUpperCase(Locale.ROOT), pattern);
    }
    if (pattern.equals("*")) {
      return exists(field);
    }
    return wildcardOn(FieldMapping.keyword(field), pattern, pattern);
  }

  private static Query wildcardOn(String luceneField, String pattern, String typed) {
    try {
      return new WildcardQuery(new org.apache.lucene.index.Term(luceneField, pattern));
    } catch (TooComplexToDeterminizeException e) {
      throw new IllegalArgumentException("wildcard " + typed + " is too complex", e);
    }
  }

  private Query regex(String typed, String pattern) {
    if (typed == null) {
      return anyDefaultField(f -> regexOn(f, pattern.toLowerCase(Locale.ROOT), 0, pattern));
    }
    String field = FieldMapping.resolve(typed);
    if (FieldMapping.isFullText(field)) {
      return regexOn(field, pattern.toLowerCase(Locale.ROOT), 0, pattern);
    }
    if (field.equals(FieldMapping.LEVEL)) {
      return regexOn(field, pattern, RegExp.CASE_INSENSITIVE, pattern);
    }
    return regexOn(FieldMapping.keyword(field), pattern, 0, pattern);
  }

  private static Query regexOn(String luceneField, String pattern, int matchFlags, String typed) {
    try {
      return new RegexpQuery(new org.apache.lucene.index.Term(luceneField, pattern), RegExp.ALL, matchFlags,
          Operations.DEFAULT_DETERMINIZE_WORK_LIMIT);
    } catch (TooComplexToDeterminizeException e) {
      throw new IllegalArgumentException("regex /" + typed + "/ is too complex", e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("regex /" + typed + "/ is invalid: " + e.getMessage(), e);
    }
  }

  private static Query anyDefaultField(Function<String, Query> perField) {
    List<Query> queries = new ArrayList<>();
    for (String field : FieldMapping.defaultFields()) {
      queries.add(perField.apply(field));
    }
    return combine(queries, Occur.SHOULD);
  }

  private static Query or(Query a, Query b) {
    return b == null ? a : combine(List.of(a, b), Occur.SHOULD);
  }

  /**
   * Combines clauses. Queries with more clauses in total than {@link
   * IndexSearcher#getMaxClauseCount()} are refused by the searcher (nesting does not help: Lucene
   * counts clauses across the whole tree).
   */
  private static Query combine(List<Query> queries, Occur occur) {
    if (queries.size() == 1) {
      return queries.get(0);
    }
    if (queries.size() > IndexSearcher.getMaxClauseCount()) {
      throw new IllegalArgumentException("query has " + queries.size() + " alternatives; the limit is "
          + IndexSearcher.getMaxClauseCount());
    }
    BooleanQuery.Builder builder = new BooleanQuery.Builder();
    for (Query q : queries) {
      builder.add(q, occur);
    }
    return builder.build();
  }

  private static String bound(String bound) {
    return RangeBounds.open(bound);
  }

  /** Epoch nanoseconds of a time expression, moved by {@code adjust} ns for exclusive bounds. */
  private long time(String text, int adjust) {
    return RangeBounds.timeNanos(text, now, adjust);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static Double parseNumber(String value) {
    if (value.isEmpty() || value.length() > 40) {
      return null;
    }
    char first = value.charAt(0);
    char last = value.charAt(value.length() - 1);
    if (!(first == '-' || first == '+' || first == '.' || isDigit(first)) || !(isDigit(last) || last == '.')) {
      return null; // rejects NaN, Infinity and Java's 1d / 1f suffixes cheaply
    }
    try {
      double d = Double.parseDouble(value);
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
