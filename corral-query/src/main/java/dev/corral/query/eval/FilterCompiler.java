package dev.corral.query.eval;

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
import dev.corral.model.FieldNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.RegExp;

/**
 * Compiles a filter AST into a {@link Matcher} tree, mirroring the store's {@code
 * LuceneQueryBuilder} node for node (see {@link EventFilter} for the rules). Everything that can
 * be computed once — analyzed words, parsed numbers and times, automata — is computed here.
 */
final class FilterCompiler {
  /** A compiled filter node; immutable, so thread-safe. */
  @FunctionalInterface
  interface Matcher {
    boolean test(EventView event);
  }

  private static final Matcher NONE = e -> false;
  private static final Matcher ALL = e -> true;

  private final Instant now;

  FilterCompiler(Instant now) {
    this.now = now;
  }

  Matcher compile(Query node) {
    return switch (node) {
      case MatchAll m -> ALL;
      case And and -> all(compileAll(and.clauses()));
      case Or or -> any(compileAll(or.clauses()));
      case Not not -> negate(compile(not.clause()));
      case Term t -> term(t.field(), t.value());
      case Phrase p -> phrase(p.field(), p.text());
      case Range r -> range(ReservedFields.resolve(r.field()), r);
      case Exists e -> exists(ReservedFields.resolve(e.field()));
      case Wildcard w -> wildcard(w.field(), w.pattern());
      case Regex r -> regex(r.field(), r.pattern());
    };
  }

  private List<Matcher> compileAll(List<Query> clauses) {
    List<Matcher> matchers = new ArrayList<>(clauses.size());
    for (Query clause : clauses) {
      matchers.add(compile(clause));
    }
    return matchers;
  }

  private static Matcher all(List<Matcher> matchers) {
    Matcher[] array = matchers.toArray(Matcher[]::new);
    return e -> {
      for (Matcher m : array) {
        if (!m.test(e)) {
          return false;
        }
      }
      return true;
    };
  }

  private static Matcher any(List<Matcher> matchers) {
    Matcher[] array = matchers.toArray(Matcher[]::new);
    return e -> {
      for (Matcher m : array) {
        if (m.test(e)) {
          return true;
        }
      }
      return false;
    };
  }

  private static Matcher negate(Matcher matcher) {
    return e -> !matcher.test(e);
  }

  private static Matcher or(Matcher a, Matcher b) {
    return b == null ? a : e -> a.test(e) || b.test(e);
  }

  private Matcher term(String typed, String value) {
    if (typed == null) {
      return anyDefaultField(f -> text(f, value));
    }
    String field = ReservedFields.resolve(typed);
    if (ReservedFields.isFullText(field)) {
      return or(text(field, value), number(field, value));
    }
    return switch (field) {
      case FieldNames.LEVEL -> levelTerm(value);
      case FieldNames.TIMESTAMP -> {
        long t = time(value, 0);
        yield e -> e.event().timestamp() == t;
      }
      default -> or(e -> value.equals(e.keyword(field)), number(field, value));
    };
  }

  private Matcher phrase(String typed, String text) {
    if (typed == null) {
      return anyDefaultField(f -> text(f, text));
    }
    String field = ReservedFields.resolve(typed);
    if (ReservedFields.isFullText(field)) {
      return text(field, text);
    }
    return term(field, text);
  }

  /** Analyzed text: the value's words as consecutive words of the field; nothing when it has none. */
  private static Matcher text(String field, String value) {
    List<String> phrase = TextAnalysis.words(value);
    if (phrase.isEmpty()) {
      return NONE;
    }
    if (phrase.size() == 1) {
      String word = phrase.get(0);
      return e -> e.words(field).contains(word);
    }
    return e -> TextAnalysis.containsPhrase(e.words(field), phrase);
  }

  /** Exact numeric equality as DoublePoint does it: by sortable bits, so -0.0 is not 0.0. */
  private static Matcher number(String field, String value) {
    Double number = NumberParsing.parse(value);
    if (number == null) {
      return null;
    }
    double n = number;
    return e -> {
      Double v = e.number(field);
      return v != null && Double.compare(v, n) == 0;
    };
  }

  private static Matcher levelTerm(String value) {
    Level level = Level.parse(value);
    String name = level != null ? level.name() : value.toUpperCase(Locale.ROOT);
    return e -> e.event().level().name().equals(name);
  }

  private Matcher range(String field, Range r) {
    String lower = bound(r.lower());
    String upper = bound(r.upper());
    if (lower == null && upper == null) {
      return exists(field);
    }
    if (field.equals(FieldNames.TIMESTAMP)) {
      long from = lower == null ? Long.MIN_VALUE : time(lower, r.includeLower() ? 0 : 1);
      long to = upper == null ? Long.MAX_VALUE : time(upper, r.includeUpper() ? 0 : -1);
      return e -> e.event().timestamp() >= from && e.event().timestamp() <= to;
    }
    if (field.equals(FieldNames.LEVEL)) {
      Matcher levels = levelRange(lower, upper, r.includeLower(), r.includeUpper());
      if (levels != null) {
        return levels;
      }
    }
    Double low = lower == null ? null : NumberParsing.parse(lower);
    Double high = upper == null ? null : NumberParsing.parse(upper);
    if ((lower == null || low != null) && (upper == null || high != null)) {
      double from = low == null ? Double.NEGATIVE_INFINITY : r.includeLower() ? low : Math.nextUp(low);
      double to = high == null ? Double.POSITIVE_INFINITY : r.includeUpper() ? high : Math.nextDown(high);
      return e -> {
        Double v = e.number(field);
        return v != null && Double.compare(v, from) >= 0 && Double.compare(v, to) <= 0;
      };
    }
    LexicalRange lexical = new LexicalRange(lower, upper, r.includeLower(), r.includeUpper());
    if (ReservedFields.isFullText(field)) {
      return e -> e.words(field).stream().anyMatch(lexical::contains);
    }
    if (field.equals(FieldNames.LEVEL)) {
      return e -> lexical.contains(e.event().level().name());
    }
    return e -> {
      String keyword = e.keyword(field);
      return keyword != null && lexical.contains(keyword);
    };
  }

  private static Matcher levelRange(String lower, String upper, boolean includeLower, boolean includeUpper) {
    Level low = lower == null ? Level.values()[0] : Level.parse(lower);
    Level high = upper == null ? Level.values()[Level.values().length - 1] : Level.parse(upper);
    if (low == null || high == null) {
      return null;
    }
    int from = low.ordinal() + (lower != null && !includeLower ? 1 : 0);
    int to = high.ordinal() - (upper != null && !includeUpper ? 1 : 0);
    Set<Level> levels = EnumSet.noneOf(Level.class);
    for (int i = from; i <= to; i++) {
      levels.add(Level.values()[i]);
    }
    return levels.isEmpty() ? NONE : e -> levels.contains(e.event().level());
  }

  private static Matcher exists(String field) {
    if (field.equals(FieldNames.TIMESTAMP) || field.equals(FieldNames.LEVEL) || field.equals(FieldNames.MESSAGE)) {
      return ALL;
    }
    return e -> e.has(field);
  }

  private Matcher wildcard(String typed, String pattern) {
    if (typed == null) {
      CharacterRunAutomaton a = TermAutomata.wildcard(pattern.toLowerCase(Locale.ROOT), pattern);
      return anyDefaultField(f -> anyWord(f, a));
    }
    String field = ReservedFields.resolve(typed);
    if (ReservedFields.isFullText(field)) {
      return anyWord(field, TermAutomata.wildcard(pattern.toLowerCase(Locale.ROOT), pattern));
    }
    if (field.equals(FieldNames.LEVEL)) {
      return levelName(TermAutomata.wildcard(pattern.toUpperCase(Locale.ROOT), pattern));
    }
    if (pattern.equals("*")) {
      return exists(field);
    }
    return keyword(field, TermAutomata.wildcard(pattern, pattern));
  }

  private Matcher regex(String typed, String pattern) {
    if (typed == null) {
      CharacterRunAutomaton a = TermAutomata.regex(pattern.toLowerCase(Locale.ROOT), 0, pattern);
      return anyDefaultField(f -> anyWord(f, a));
    }
    String field = ReservedFields.resolve(typed);
    if (ReservedFields.isFullText(field)) {
      return anyWord(field, TermAutomata.regex(pattern.toLowerCase(Locale.ROOT), 0, pattern));
    }
    if (field.equals(FieldNames.LEVEL)) {
      return levelName(TermAutomata.regex(pattern, RegExp.CASE_INSENSITIVE, pattern));
    }
    return keyword(field, TermAutomata.regex(pattern, 0, pattern));
  }

  private static Matcher anyWord(String field, CharacterRunAutomaton automaton) {
    return e -> {
      for (String word : e.words(field)) {
        if (automaton.run(word)) {
          return true;
        }
      }
      return false;
    };
  }

  private static Matcher levelName(CharacterRunAutomaton automaton) {
    return e -> automaton.run(e.event().level().name());
  }

  private static Matcher keyword(String field, CharacterRunAutomaton automaton) {
    return e -> {
      String keyword = e.keyword(field);
      return keyword != null && automaton.run(keyword);
    };
  }

  private static Matcher anyDefaultField(Function<String, Matcher> perField) {
    List<Matcher> matchers = new ArrayList<>();
    for (String field : List.of(FieldNames.MESSAGE, FieldNames.EXCEPTION_STACKTRACE)) {
      matchers.add(perField.apply(field));
    }
    return any(matchers);
  }

  private static String bound(String bound) {
    return RangeBounds.open(bound);
  }

  /** Epoch nanoseconds of a time expression, moved by {@code adjust} ns for exclusive bounds. */
  private long time(String text, int adjust) {
    return RangeBounds.timeNanos(text, now, adjust);
  }

  /** A TermRangeQuery's bounds: terms compared as UTF-8 bytes, unsigned; a null end is open. */
  private record LexicalRange(BytesRef lower, BytesRef upper, boolean includeLower, boolean includeUpper) {
    LexicalRange(String lower, String upper, boolean includeLower, boolean includeUpper) {
      this(lower == null ? null : new BytesRef(lower), upper == null ? null : new BytesRef(upper),
          includeLower, includeUpper);
    }

    boolean contains(String term) {
      BytesRef t = new BytesRef(term);
      if (lower != null) {
        int c = t.compareTo(lower);
        if (c < 0 || (c == 0 && !includeLower)) {
          return false;
        }
      }
      if (upper != null) {
        int c = t.compareTo(upper);
        return c < 0 || (c == 0 && includeUpper);
      }
      return true;
    }
  }
}
