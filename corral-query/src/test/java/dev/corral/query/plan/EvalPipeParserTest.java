package dev.corral.query.plan;

import static dev.corral.query.plan.QueryPlanParserTest.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.query.QuerySyntaxException;
import dev.corral.query.expr.Expr;
import dev.corral.query.expr.ExpressionParser;
import dev.corral.query.expr.Operator;
import org.junit.jupiter.api.Test;

/** Parsing {@code | eval} and {@code | where} expressions, and every way one is refused, with its caret. */
class EvalPipeParserTest {
  private static Expr evalOf(String query) {
    QueryPlan plan = QueryPlanParser.parse(query);
    return ((EvalPipe) plan.pipes().get(plan.pipes().size() - 1)).assignments().get(0).expr();
  }

  @Test
  void precedenceIsArithmeticThenComparisonThenNotAndOr() {
    Expr expr = evalOf("* | eval x = a + b * 2 > 3 or not c and d");
    assertThat(expr).isEqualTo(new Expr.Binary(Operator.OR,
        new Expr.Binary(Operator.GT,
            new Expr.Binary(Operator.ADD, new Expr.FieldRef("a"),
                new Expr.Binary(Operator.MULTIPLY, new Expr.FieldRef("b"), new Expr.Literal(2L))),
            new Expr.Literal(3L)),
        new Expr.Binary(Operator.AND, new Expr.Not(new Expr.FieldRef("c")), new Expr.FieldRef("d"))));
  }

  @Test
  void namesInBackticksAggregationCallsAndSymbolsParse() {
    assertThat(evalOf("* | stats count() | eval x = count() / `count(level:ERROR)` && y || !z"))
        .isEqualTo(new Expr.Binary(Operator.OR,
            new Expr.Binary(Operator.AND,
                new Expr.Binary(Operator.DIVIDE, new Expr.FieldRef("count()"), new Expr.FieldRef("count(level:ERROR)")),
                new Expr.FieldRef("y")),
            new Expr.Not(new Expr.FieldRef("z"))));
    assertThat(evalOf("* | eval x = percentile(d, 99) - -1.5 = 'a'")).isEqualTo(new Expr.Binary(Operator.EQ,
        new Expr.Binary(Operator.SUBTRACT, new Expr.FieldRef("percentile(d, 99)"), new Expr.Literal(-1.5)),
        new Expr.Literal("a")));
  }

  @Test
  void severalAssignmentsAndTheNextPipeFollowAnExpression() {
    QueryPlan plan = QueryPlanParser.parse("* | eval a = if(x > 1, 2, 3), b = coalesce(a, 0) | head 3");
    EvalPipe eval = (EvalPipe) plan.pipes().get(0);
    assertThat(eval.assignments()).extracting(EvalPipe.Assignment::name).containsExactly("a", "b");
    assertThat(plan.pipes()).hasSize(2);
  }

  @Test
  void wherePlainFormStaysAComparisonWithALiteral() {
    assertThat(QueryPlanParser.parse("* | where service = payment-gateway").pipes().get(0))
        .isInstanceOf(WherePipe.class);
    assertThat(QueryPlanParser.parse("* | where error_rate > 5").pipes().get(0)).isInstanceOf(WherePipe.class);
    assertThat(QueryPlanParser.parse("* | where path = /api/*").pipes().get(0)).isEqualTo(
        new WherePipe("path", CompareOp.EQ, "/api/*"));
    assertThat(QueryPlanParser.parse("* | where timestamp > 2026-11-21T10:00:00+01:00").pipes().get(0))
        .isInstanceOf(WherePipe.class);
    assertThat(QueryPlanParser.parse("* | where errors/total > 0.05").pipes().get(0))
        .isInstanceOf(WhereExpressionPipe.class);
    assertThat(QueryPlanParser.parse("* | where a > `b`").pipes().get(0)).isInstanceOf(WhereExpressionPipe.class);
    assertThat(QueryPlanParser.parse("* | where a > 1 and b < 2").pipes().get(0))
        .isInstanceOf(WhereExpressionPipe.class);
  }

  @Test
  void syntaxErrorsPointAtTheOffendingCharacter() {
    assertFails("* | eval", "expected a field name to assign after 'eval'", 8);
    assertFails("* | eval x", "expected '=' and an expression after 'x'", 10);
    assertFails("* | eval x =", "expected an expression, found the end of the query", 12);
    assertFails("* | eval x = (1 + 2", "expected ')' to close the '(' at position 13", 19);
    assertFails("* | eval x = 1 +", "expected a value, a field or a function, found the end of the query", 16);
    assertFails("* | eval x = a b", "unexpected 'b' in eval", 15);
    assertFails("* | eval x = 1 < 2 < 3", "comparisons do not chain", 19);
    assertFails("* | eval x = level:ERROR", "unexpected ':' in an expression; a column such as count(level:ERROR)", 18);
    assertFails("* | eval x = 'open", "unterminated string", 13);
    assertFails("* | eval x = 12ms", "'12ms' is not a number", 13);
    assertFails("* | eval x = 1, x = 2", "eval assigns 'x' twice", 16);
    assertFails("* | eval level = 1", "eval cannot set 'level' on events", 4);
    assertFails("* | fields a | eval b = 1", "'fields' at position 4 comes before 'eval'", 4);
    assertFails("* | eval x = 1e999", "number 1e999 is out of range", 13);
  }

  @Test
  void unknownFunctionsNameTheNearestOne() {
    assertFails("* | eval x = lowr(s)", "unknown function 'lowr'; did you mean 'lower'", 13);
    assertFails("* | eval x = frobnicate(s)", "unknown function 'frobnicate'; functions are if, coalesce", 13);
  }

  @Test
  void wrongArityGivesTheUsage() {
    assertFails("* | eval x = round(a, 1, 2)", "round takes 1 to 2 arguments (round(x[, digits])), found 3", 13);
    assertFails("* | eval x = if(a, b)", "if takes 3 arguments (if(cond, then, else)), found 2", 13);
    assertFails("* | eval x = abs()", "abs takes 1 argument (abs(x)), found 0", 13);
    assertFails("* | eval x = concat()", "concat takes at least 1 argument", 13);
  }

  @Test
  void literalTypeMismatchesAreSyntaxErrors() {
    assertFails("* | eval x = \"a\" * 2", "type mismatch: '*' needs a number, found the string \"a\"", 13);
    assertFails("* | eval x = 2 - true", "type mismatch: '-' needs a number, found the boolean true", 17);
    assertFails("* | eval x = lower(5)", "type mismatch: lower() needs a string, found '5'", 19);
    assertFails("* | eval x = round(\"1.5\")", "type mismatch: round() needs a number", 19);
    assertFails("* | where a + 1 < true", "type mismatch: '<' orders numbers or text, found the boolean true", 18);
  }

  @Test
  void hugeAndDeepExpressionsAreRefused() {
    String huge = "* | eval x = " + "1 + ".repeat(ExpressionParser.MAX_NODES) + "1";
    QuerySyntaxException e = org.assertj.core.api.Assertions.catchThrowableOfType(QuerySyntaxException.class,
        () -> QueryPlanParser.parse(huge));
    assertThat(e.reason()).contains("more than " + ExpressionParser.MAX_NODES + " parts (the limit)");
    String deep = "* | eval x = " + "(".repeat(ExpressionParser.MAX_DEPTH + 1) + "1" + ")".repeat(65);
    assertFails(deep, "nests deeper than " + ExpressionParser.MAX_DEPTH + " levels", 13 + ExpressionParser.MAX_DEPTH);
    String negations = "* | where " + "not ".repeat(ExpressionParser.MAX_DEPTH + 1) + "a";
    assertFails(negations, "nests deeper than", 10 + 4 * ExpressionParser.MAX_DEPTH);
  }

  @Test
  void conditionalAggregatesParseTheirFilters() {
    assertFails("* | stats count(level:(ERROR)", "expected ')' to close the filter", 29);
    assertFails("* | stats count(level:ERROR", "expected ')' to close the filter", 27);
    assertFails("* | stats sum(b) if level:ERROR", "expected '(' and a filter after 'if'", 20);
    assertFails("* | stats sum(b) if ()", "expected a filter before ')'", 21);
    assertFails("* | stats count(a:b) if (c:d)", "count(a:b) already has a filter", 21);
    assertFails("* | stats count(status:[1 TO", "unclosed range '['", 23);
  }
}
