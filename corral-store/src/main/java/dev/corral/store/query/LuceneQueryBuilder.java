package dev.corral.store.query;

import dev.corral.model.Level;
import dev.corral.query.resolve.AllOf;
import dev.corral.query.resolve.AnyOf;
import dev.corral.query.resolve.Everything;
import dev.corral.query.resolve.FilterResolver;
import dev.corral.query.resolve.HasField;
import dev.corral.query.resolve.KeywordEquals;
import dev.corral.query.resolve.LevelIn;
import dev.corral.query.resolve.Negated;
import dev.corral.query.resolve.Nothing;
import dev.corral.query.resolve.NumberBetween;
import dev.corral.query.resolve.NumberEquals;
import dev.corral.query.resolve.TermPattern;
import dev.corral.query.resolve.TextBetween;
import dev.corral.query.resolve.TimeBetween;
import dev.corral.query.resolve.TypedField;
import dev.corral.query.resolve.TypedFilter;
import dev.corral.query.resolve.Words;
import dev.corral.store.index.FieldMapping;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.RegExp;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * Translates a {@link TypedFilter} (a filter AST resolved by {@link FilterResolver}, which states
 * what each clause means) into a Lucene query over the fields of {@link FieldMapping}, one case
 * per node, as the in-memory evaluator translates it into a predicate. Stateless and thread-safe.
 *
 * <p>Lucene fields per {@link dev.corral.query.resolve.FieldKind}: a full-text field is its own
 * analyzed field; {@code level} its keyword; {@code timestamp} its long points; any other field
 * its keyword ({@link FieldMapping#keyword}) for strings and its numeric twin ({@link
 * FieldMapping#numeric}, doc values: {@link NumberRangeQueries}) for numbers.
 *
 * @throws IllegalArgumentException from {@link #build} for a regex or wildcard too complex to run
 *     or invalid ({@link TermPattern#tooComplex}, {@link TermPattern#invalid}), or more
 *     alternatives than {@link IndexSearcher#getMaxClauseCount()}
 */
public final class LuceneQueryBuilder {
  private LuceneQueryBuilder() {}

  /** The Lucene query of a typed filter. */
  public static Query build(TypedFilter node) {
    return switch (node) {
      case Everything e -> MatchAllDocsQuery.INSTANCE;
      case Nothing n -> new MatchNoDocsQuery(n.reason());
      case AllOf all -> allOf(all.clauses());
      case AnyOf any -> combine(buildAll(any.clauses()), Occur.SHOULD);
      case Negated not -> new BooleanQuery.Builder()
          .add(MatchAllDocsQuery.INSTANCE, Occur.FILTER)
          .add(build(not.clause()), Occur.MUST_NOT)
          .build();
      case Words w -> w.words().size() == 1 ? new TermQuery(new Term(w.field(), w.words().get(0)))
          : new PhraseQuery(w.field(), w.words().toArray(String[]::new));
      case KeywordEquals k -> new TermQuery(new Term(FieldMapping.keyword(k.field()), k.value()));
      case NumberEquals n -> NumberRangeQueries.exactly(FieldMapping.numeric(n.field()), n.value());
      case NumberBetween n -> NumberRangeQueries.between(FieldMapping.numeric(n.field()), n.from(), n.to());
      case TimeBetween t -> LongPoint.newRangeQuery(FieldMapping.TIMESTAMP, t.fromNanos(), t.toNanos());
      case LevelIn l -> levels(l);
      case TextBetween t -> TermRangeQuery.newStringRange(luceneField(t.field()), t.lower(), t.upper(),
          t.includeLower(), t.includeUpper());
      case HasField h -> exists(h.field());
      case TermPattern p -> pattern(p);
    };
  }

  /** The positive clauses filter, negated ones exclude; all negated: everything else. */
  private static Query allOf(List<TypedFilter> clauses) {
    BooleanQuery.Builder builder = new BooleanQuery.Builder();
    boolean positive = false;
    for (TypedFilter clause : clauses) {
      if (clause instanceof Negated not) {
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

  private static List<Query> buildAll(List<TypedFilter> clauses) {
    List<Query> queries = new ArrayList<>(clauses.size());
    for (TypedFilter clause : clauses) {
      queries.add(build(clause));
    }
    return queries;
  }

  private static Query levels(LevelIn in) {
    List<BytesRef> names = new ArrayList<>(in.levels().size());
    for (Level level : in.levels()) {
      names.add(new BytesRef(level.name()));
    }
    return names.size() == 1 ? KeywordField.newExactQuery(FieldMapping.LEVEL, in.levels().iterator().next().name())
        : KeywordField.newSetQuery(FieldMapping.LEVEL, names);
  }

  /**
   * Full-text fields have norms, keywords sorted-set doc values (identifiers postings only: {@link
   * FieldPresenceQuery}), numbers sorted-numeric ones.
   */
  private static Query exists(TypedField field) {
    return combine(List.of(new FieldPresenceQuery(luceneField(field)),
        new FieldExistsQuery(FieldMapping.numeric(field.name())),
        new TermQuery(new Term(FieldMapping.IGNORED, field.name()))), Occur.SHOULD);
  }

  private static Query pattern(TermPattern pattern) {
    Term term = new Term(luceneField(pattern.field()), pattern.pattern());
    try {
      return switch (pattern.syntax()) {
        case WILDCARD -> new WildcardQuery(term);
        case REGEX -> new RegexpQuery(term, RegExp.ALL, pattern.caseInsensitive() ? RegExp.CASE_INSENSITIVE : 0,
            Operations.DEFAULT_DETERMINIZE_WORK_LIMIT);
      };
    } catch (TooComplexToDeterminizeException e) {
      throw pattern.tooComplex(e);
    } catch (IllegalArgumentException e) {
      throw pattern.invalid(e);
    }
  }

  /** The Lucene field holding the terms of a field: its words, its level name or its keyword. */
  private static String luceneField(TypedField field) {
    return switch (field.kind()) {
      case FULL_TEXT -> field.name();
      case LEVEL -> FieldMapping.LEVEL;
      case TIMESTAMP, VALUE -> FieldMapping.keyword(field.name());
    };
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
}
