package dev.corral.query.eval;

import dev.corral.query.resolve.TermPattern;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.AutomatonQuery;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.RegExp;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * Compiles a {@link TermPattern} into a run automaton through the very Lucene queries the store
 * builds ({@link WildcardQuery}, {@link RegexpQuery} with {@link RegExp#ALL} and the default
 * determinize work limit), so a pattern means the same in both and fails in both with the same
 * message. A {@link CharacterRunAutomaton} is immutable and thread-safe.
 */
final class TermAutomata {
  private TermAutomata() {}

  /**
   * A whole-term matcher for the pattern.
   *
   * @throws IllegalArgumentException {@link TermPattern#tooComplex} or {@link TermPattern#invalid}
   */
  static CharacterRunAutomaton of(TermPattern pattern) {
    try {
      AutomatonQuery query = switch (pattern.syntax()) {
        case WILDCARD -> new WildcardQuery(new Term("", pattern.pattern()));
        case REGEX -> new RegexpQuery(new Term("", pattern.pattern()), RegExp.ALL,
            pattern.caseInsensitive() ? RegExp.CASE_INSENSITIVE : 0, Operations.DEFAULT_DETERMINIZE_WORK_LIMIT);
      };
      return run(query);
    } catch (TooComplexToDeterminizeException e) {
      throw pattern.tooComplex(e);
    } catch (IllegalArgumentException e) {
      throw pattern.invalid(e);
    }
  }

  private static CharacterRunAutomaton run(AutomatonQuery query) {
    Automaton automaton = query.getAutomaton();
    if (!automaton.isDeterministic()) {
      automaton = Operations.determinize(automaton, Operations.DEFAULT_DETERMINIZE_WORK_LIMIT);
    }
    return new CharacterRunAutomaton(automaton);
  }
}
