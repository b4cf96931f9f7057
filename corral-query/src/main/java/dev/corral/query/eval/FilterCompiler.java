package dev.corral.query.eval;

import dev.corral.model.Level;
import dev.corral.query.resolve.AllOf;
import dev.corral.query.resolve.AnyOf;
import dev.corral.query.resolve.Everything;
import dev.corral.query.resolve.HasField;
import dev.corral.query.resolve.KeywordEquals;
import dev.corral.query.resolve.LevelIn;
import dev.corral.query.resolve.Negated;
import dev.corral.query.resolve.Nothing;
import dev.corral.query.resolve.NumberBetween;
import dev.corral.query.resolve.NumberEquals;
import dev.corral.query.resolve.TermPattern;
import dev.corral.query.resolve.TextAnalysis;
import dev.corral.query.resolve.TextBetween;
import dev.corral.query.resolve.TimeBetween;
import dev.corral.query.resolve.TypedFilter;
import dev.corral.query.resolve.Words;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;

/**
 * Translates a {@link TypedFilter} into a {@link Matcher} tree, one case per node, as the store's
 * {@code LuceneQueryBuilder} translates it into a Lucene query; what each node means is written
 * on the node. Automata are built here, once per filter.
 */
final class FilterCompiler {
  /** A compiled filter node; immutable, so thread-safe. */
  @FunctionalInterface
  interface Matcher {
    boolean test(EventView event);
  }

  private static final Matcher NONE = e -> false;
  private static final Matcher ALL = e -> true;

  private FilterCompiler() {}

  static Matcher compile(TypedFilter node) {
    return switch (node) {
      case Everything e -> ALL;
      case Nothing n -> NONE;
      case AllOf all -> all(compileAll(all.clauses()));
      case AnyOf any -> any(compileAll(any.clauses()));
      case Negated not -> negate(compile(not.clause()));
      case Words w -> words(w.field(), w.words());
      case KeywordEquals k -> e -> k.value().equals(e.keyword(k.field()));
      case NumberEquals n -> numberBetween(n.field(), n.value(), n.value());
      case NumberBetween n -> numberBetween(n.field(), n.from(), n.to());
      case TimeBetween t -> e -> e.event().timestamp() >= t.fromNanos() && e.event().timestamp() <= t.toNanos();
      case LevelIn l -> levels(l.levels());
      case TextBetween t -> textBetween(t);
      case HasField h -> e -> e.has(h.field().name());
      case TermPattern p -> pattern(p);
    };
  }

  private static Matcher[] compileAll(List<TypedFilter> clauses) {
    Matcher[] matchers = new Matcher[clauses.size()];
    for (int i = 0; i < matchers.length; i++) {
      matchers[i] = compile(clauses.get(i));
    }
    return matchers;
  }

  private static Matcher all(Matcher[] matchers) {
    return e -> {
      for (Matcher m : matchers) {
        if (!m.test(e)) {
          return false;
        }
      }
      return true;
    };
  }

  private static Matcher any(Matcher[] matchers) {
    return e -> {
      for (Matcher m : matchers) {
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

  private static Matcher words(String field, List<String> phrase) {
    if (phrase.size() == 1) {
      String word = phrase.get(0);
      return e -> e.words(field).contains(word);
    }
    return e -> TextAnalysis.containsPhrase(e.words(field), phrase);
  }

  /** Points compare by sortable bits: {@code Double.compare}, so -0.0 is below 0.0. */
  private static Matcher numberBetween(String field, double from, double to) {
    return e -> {
      Double v = e.number(field);
      return v != null && Double.compare(v, from) >= 0 && Double.compare(v, to) <= 0;
    };
  }

  private static Matcher levels(Set<Level> levels) {
    Set<Level> set = EnumSet.copyOf(levels);
    return e -> set.contains(e.event().level());
  }

  private static Matcher textBetween(TextBetween range) {
    LexicalRange lexical = new LexicalRange(range.lower(), range.upper(), range.includeLower(), range.includeUpper());
    String field = range.field().name();
    return switch (range.field().kind()) {
      case FULL_TEXT -> e -> e.words(field).stream().anyMatch(lexical::contains);
      case LEVEL -> e -> lexical.contains(e.event().level().name());
      case TIMESTAMP, VALUE -> e -> {
        String keyword = e.keyword(field);
        return keyword != null && lexical.contains(keyword);
      };
    };
  }

  private static Matcher pattern(TermPattern pattern) {
    CharacterRunAutomaton automaton = TermAutomata.of(pattern);
    String field = pattern.field().name();
    return switch (pattern.field().kind()) {
      case FULL_TEXT -> e -> {
        for (String word : e.words(field)) {
          if (automaton.run(word)) {
            return true;
          }
        }
        return false;
      };
      case LEVEL -> e -> automaton.run(e.event().level().name());
      case TIMESTAMP, VALUE -> e -> {
        String keyword = e.keyword(field);
        return keyword != null && automaton.run(keyword);
      };
    };
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
