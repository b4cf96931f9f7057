package dev.corral.query.eval;

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
 * Compiles wildcards and regexes into run automata through the very Lucene queries the store
 * builds ({@link WildcardQuery}, {@link RegexpQuery} with {@link RegExp#ALL} and the default
 * determinize work limit), so a pattern means the same in both and fails in both with the same
 * message. A {@link CharacterRunAutomaton} is immutable and thread-safe.
 */
final class TermAutomata {
  private TermAutomata() {}

  /**
   * A whole-term matcher for a wildcard pattern ({@code *}, {@code ?}, {@code \} escapes).
   *
   * @throws IllegalArgumentException "wildcard P is too complex" as the store says
   */
  static CharacterRunAutomaton wildcard(String pattern, String typed) {
    try {
      return run(new WildcardQuery(new Term("", pattern)));
    } catch (TooComplexToDeterminizeException e) {
      throw new IllegalArgumentException("wildcard " + typed + " is too complex", e);
    }
  }

  /**
   * A whole-term matcher for a Lucene regular expression.
   *
   * @param matchFlags 0 or {@link RegExp#CASE_INSENSITIVE}
   * @throws IllegalArgumentException "regex /P/ is too complex" or "regex /P/ is invalid: …", as
   *     the store says
   */
  static CharacterRunAutomaton regex(String pattern, int matchFlags, String typed) {
    try {
      return run(new RegexpQuery(new Term("", pattern), RegExp.ALL, matchFlags,
          Operations.DEFAULT_DETERMINIZE_WORK_LIMIT));
    } catch (TooComplexToDeterminizeException e) {
      throw new IllegalArgumentException("regex /" + typed + "/ is too complex", e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("regex /" + typed + "/ is invalid: " + e.getMessage(), e);
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
