package dev.corral.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.query.QueryCost;
import dev.corral.query.ast.Regex;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.RegExp;
import org.junit.jupiter.api.Test;

/** The prefix regex as the store runs it: Lucene's RegExp with every syntax flag on. */
class PrefixPatternTest {
  @Test
  void matchesValuesStartingWithThePrefixInAnyCase() {
    CharacterRunAutomaton pay = automaton("Pay");
    assertThat(pay.run("payment-gateway")).isTrue();
    assertThat(pay.run("PAYROLL")).isTrue();
    assertThat(pay.run("pa")).isFalse();
    assertThat(pay.run("repay")).isFalse();
  }

  @Test
  void syntaxCharactersAreLiteral() {
    assertThat(automaton("a.b").run("a.b-c")).isTrue();
    assertThat(automaton("a.b").run("axb")).isFalse();
    assertThat(automaton(".*").run("anything")).isFalse();
    assertThat(automaton(".*").run(".*x")).isTrue();
    assertThat(automaton("\\d").run("\\d1")).isTrue();
    assertThat(automaton("\\d").run("5")).isFalse();
    for (String hostile : new String[] {"[", "]", "(", ")", "{1,2}", "|", "~", "@", "&", "#", "<1-5>", "\"", "\\",
        "?", "+", "*", "^", "$"}) {
      assertThat(automaton(hostile).run(hostile + "tail")).as(hostile).isTrue();
      assertThat(automaton(hostile).run("x" + hostile)).as(hostile).isFalse();
    }
  }

  @Test
  void nonAsciiLettersFoldTheirCase() {
    assertThat(automaton("Ärger").run("ärgerlich")).isTrue();
    assertThat(automaton("σ").run("Σigma")).isTrue();
    assertThat(automaton("😀").run("😀 smile")).isTrue();
  }

  @Test
  void autocompletionNeverCountsAsAnExpensiveQuery() {
    // a prefix is a narrow start: value lookups stay in the normal query lane (QueryCost)
    for (String prefix : new String[] {"p", "Pay", "a.b", "Ärger", "1", "payment-gateway-eu-west"}) {
      QueryCost cost = QueryCost.of(new Regex("service", PrefixPattern.caseInsensitive(prefix)));
      assertThat(cost.scans()).as(prefix).isZero();
      assertThat(cost.units()).as(prefix).isLessThan(QueryCost.SCAN);
    }
  }

  private static CharacterRunAutomaton automaton(String prefix) {
    return new CharacterRunAutomaton(Operations.determinize(
        new RegExp(PrefixPattern.caseInsensitive(prefix), RegExp.ALL).toAutomaton(),
        Operations.DEFAULT_DETERMINIZE_WORK_LIMIT));
  }
}
