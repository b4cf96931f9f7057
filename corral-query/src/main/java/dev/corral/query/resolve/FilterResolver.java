package dev.corral.query.resolve;

import dev.corral.query.NumberParsing;
import dev.corral.model.FieldNames;
import dev.corral.model.Level;
import dev.corral.query.RangeBounds;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a filter AST into a {@link TypedFilter}: the one place that says what a clause means.
 * The Lucene store and the in-memory evaluator translate the result node for node. Stateless and
 * thread-safe.
 *
 * <ul>
 *   <li>Field names resolve by {@link FieldNames#canonical} (reserved names in any case), and
 *       each field gets its {@link FieldKind} once.
 *   <li>No field (free text): {@code message} or {@code exception.stacktrace}, analyzed.
 *   <li>Full-text fields: the value is analyzed ({@link TextAnalysis}); one word must be a word of
 *       the field, several must appear consecutively; no words matches nothing. A term that reads
 *       as a number also matches a numeric value of the field. Wildcards and regexes are
 *       lowercased and match any one word. Lexical ranges match when any word is in range.
 *   <li>{@code level}: a term is read by {@link Level#parse} ({@code err} is ERROR); ranges whose
 *       bounds all name levels go by severity ({@code level:>=WARN}), other ranges compare the
 *       level name as text; wildcards are uppercased, regexes case-insensitive.
 *   <li>{@code timestamp}: terms and range bounds are time expressions against {@code now}
 *       ({@link RangeBounds#timeNanos}); exclusive bounds move by 1 ns.
 *   <li>Other fields: a term matches the exact string (or boolean), or, when it reads as a number
 *       ({@link NumberParsing}), a numeric value equal to it ({@code status:500} finds 500 and
 *       "500"). A range is numeric when every bound reads as a number, else lexical over strings.
 *       Wildcards and regexes match whole strings, never numbers.
 *   <li>{@code f:*}: the event has the field; always true for timestamp, level and message.
 * </ul>
 */
public final class FilterResolver {
  /** The fields a clause without a field searches, in the order they are tried. */
  static final List<String> DEFAULT_FIELDS = List.of(FieldNames.MESSAGE, FieldNames.EXCEPTION_STACKTRACE);

  private final Instant now;

  private FilterResolver(Instant now) {
    this.now = Objects.requireNonNull(now, "now");
  }

  /**
   * The typed form of {@code filter}.
   *
   * @param now what {@code now} means in timestamp bounds
   * @throws IllegalArgumentException naming the bound when a timestamp bound is no time
   */
  public static TypedFilter resolve(Query filter, Instant now) {
    Objects.requireNonNull(filter, "filter");
    return new FilterResolver(now).node(filter);
  }

  private TypedFilter node(Query node) {
    return switch (node) {
      case MatchAll m -> new Everything();
      case And and -> new AllOf(nodes(and.clauses()));
      case Or or -> new AnyOf(nodes(or.clauses()));
      case Not not -> new Negated(node(not.clause()));
      case Term t -> t.field() == null ? defaultFields(f -> words(f, t.value())) : term(TypedField.of(t.field()), t.value());
      case Phrase p -> p.field() == null ? defaultFields(f -> words(f, p.text())) : phrase(TypedField.of(p.field()), p.text());
      case Range r -> range(TypedField.of(r.field()), r);
      case Exists e -> exists(TypedField.of(e.field()));
      case Wildcard w -> pattern(w.field(), TermPattern.Syntax.WILDCARD, w.pattern());
      case Regex r -> pattern(r.field(), TermPattern.Syntax.REGEX, r.pattern());
    };
  }

  private List<TypedFilter> nodes(List<Query> clauses) {
    List<TypedFilter> nodes = new ArrayList<>(clauses.size());
    for (Query clause : clauses) {
      nodes.add(node(clause));
    }
    return nodes;
  }

  private TypedFilter term(TypedField field, String value) {
    return switch (field.kind()) {
      case FULL_TEXT -> anyOf(words(field.name(), value), number(field.name(), value));
      case LEVEL -> levelTerm(value);
      case TIMESTAMP -> {
        long t = RangeBounds.timeNanos(value, now, 0);
        yield new TimeBetween(t, t);
      }
      case VALUE -> anyOf(new KeywordEquals(field.name(), value), number(field.name(), value));
    };
  }

  private TypedFilter phrase(TypedField field, String text) {
    return field.kind() == FieldKind.FULL_TEXT ? words(field.name(), text) : term(field, text);
  }

  /** Analyzed text: the value's words as consecutive words of the field; nothing when it has none. */
  private static TypedFilter words(String field, String value) {
    List<String> words = TextAnalysis.words(value);
    return words.isEmpty() ? new Nothing("no words in '" + value + "'") : new Words(field, words);
  }

  /** The number clause of a term, or null when the value is no number. */
  private static TypedFilter number(String field, String value) {
    Double number = NumberParsing.parse(value);
    return number == null ? null : new NumberEquals(field, number);
  }

  private static TypedFilter levelTerm(String value) {
    Level level = Level.parse(value);
    String name = level != null ? level.name() : value.toUpperCase(Locale.ROOT);
    for (Level candidate : Level.values()) {
      if (candidate.name().equals(name)) {
        return new LevelIn(Set.of(candidate));
      }
    }
    return new Nothing("no level '" + value + "'");
  }

  private TypedFilter range(TypedField field, Range r) {
    String lower = RangeBounds.open(r.lower());
    String upper = RangeBounds.open(r.upper());
    if (lower == null && upper == null) {
      return exists(field);
    }
    if (field.kind() == FieldKind.TIMESTAMP) {
      long from = lower == null ? Long.MIN_VALUE : RangeBounds.timeNanos(lower, now, r.includeLower() ? 0 : 1);
      long to = upper == null ? Long.MAX_VALUE : RangeBounds.timeNanos(upper, now, r.includeUpper() ? 0 : -1);
      return new TimeBetween(from, to);
    }
    if (field.kind() == FieldKind.LEVEL) {
      TypedFilter levels = levelRange(lower, upper, r.includeLower(), r.includeUpper());
      if (levels != null) {
        return levels;
      }
    }
    Double low = lower == null ? null : NumberParsing.parse(lower);
    Double high = upper == null ? null : NumberParsing.parse(upper);
    if ((lower == null || low != null) && (upper == null || high != null)) {
      double from = low == null ? Double.NEGATIVE_INFINITY : r.includeLower() ? low : Math.nextUp(low);
      double to = high == null ? Double.POSITIVE_INFINITY : r.includeUpper() ? high : Math.nextDown(high);
      return new NumberBetween(field.name(), from, to);
    }
    return new TextBetween(field, lower, upper, r.includeLower(), r.includeUpper());
  }

  /** The levels of a range whose bounds all name levels, by severity; null when one does not. */
  private static TypedFilter levelRange(String lower, String upper, boolean includeLower, boolean includeUpper) {
    Level[] all = Level.values();
    Level low = lower == null ? all[0] : Level.parse(lower);
    Level high = upper == null ? all[all.length - 1] : Level.parse(upper);
    if (low == null || high == null) {
      return null;
    }
    int from = low.ordinal() + (lower != null && !includeLower ? 1 : 0);
    int to = high.ordinal() - (upper != null && !includeUpper ? 1 : 0);
    Set<Level> levels = EnumSet.noneOf(Level.class);
    for (int i = from; i <= to; i++) {
      levels.add(all[i]);
    }
    return levels.isEmpty() ? new Nothing("empty level range") : new LevelIn(levels);
  }

  private static TypedFilter exists(TypedField field) {
    if (field.kind() == FieldKind.TIMESTAMP || field.kind() == FieldKind.LEVEL
        || field.name().equals(FieldNames.MESSAGE)) {
      return new Everything();
    }
    return new HasField(field);
  }

  /**
   * A wildcard or regex. On {@code level} a wildcard is uppercased (level names are), a regex
   * ignores case; a wildcard {@code *} alone is {@code f:*}.
   */
  private static TypedFilter pattern(String typed, TermPattern.Syntax syntax, String pattern) {
    if (typed == null) {
      return defaultFields(f -> fullTextPattern(f, syntax, pattern));
    }
    TypedField field = TypedField.of(typed);
    boolean wildcard = syntax == TermPattern.Syntax.WILDCARD;
    return switch (field.kind()) {
      case FULL_TEXT -> fullTextPattern(field.name(), syntax, pattern);
      case LEVEL -> new TermPattern(field, syntax, wildcard ? pattern.toUpperCase(Locale.ROOT) : pattern, !wildcard,
          pattern);
      case TIMESTAMP, VALUE -> wildcard && pattern.equals("*") ? exists(field)
          : new TermPattern(field, syntax, pattern, false, pattern);
    };
  }

  /** A pattern over the words of a full-text field: words are lowercase, so is the pattern. */
  private static TypedFilter fullTextPattern(String field, TermPattern.Syntax syntax, String pattern) {
    return new TermPattern(new TypedField(field, FieldKind.FULL_TEXT), syntax, pattern.toLowerCase(Locale.ROOT),
        false, pattern);
  }

  private static TypedFilter defaultFields(Function<String, TypedFilter> perField) {
    List<TypedFilter> clauses = new ArrayList<>(DEFAULT_FIELDS.size());
    for (String field : DEFAULT_FIELDS) {
      clauses.add(perField.apply(field));
    }
    return new AnyOf(clauses);
  }

  /** {@code a} or {@code b}; just {@code a} when {@code b} is null. */
  private static TypedFilter anyOf(TypedFilter a, TypedFilter b) {
    return b == null ? a : new AnyOf(List.of(a, b));
  }
}
