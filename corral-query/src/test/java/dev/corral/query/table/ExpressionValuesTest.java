package dev.corral.query.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.query.expr.ExpressionParser;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What expressions compute: {@link ExpressionValues}, the one implementation both back ends use. */
class ExpressionValuesTest {
  private static final Map<String, Object> ROW = new HashMap<>();

  static {
    ROW.put("errors", 1L);
    ROW.put("total", 3L);
    ROW.put("zero", 0L);
    ROW.put("d", 2.5);
    ROW.put("s", "Hello, wörld");
    ROW.put("n", "42");
    ROW.put("t", true);
    ROW.put("emoji", "a😀b");
  }

  private static Object eval(String expression) {
    return ExpressionValues.evaluate(ExpressionParser.parse(expression, 0, Set.of("count")).expr(), ROW::get);
  }

  @Test
  void arithmeticIsFloatingPointAndNeverTruncates() {
    assertThat(eval("errors / total * 100")).isEqualTo(1.0 / 3 * 100);
    assertThat(eval("errors + total")).isEqualTo(4.0);
    assertThat(eval("7 % 3")).isEqualTo(1.0);
    assertThat(eval("-7 % 3")).isEqualTo(-1.0);
    assertThat(eval("-d")).isEqualTo(-2.5);
    assertThat(eval("-5")).isEqualTo(-5L);
  }

  @Test
  void divisionByZeroOverflowAndMissingValuesAreNull() {
    assertThat(eval("errors / zero")).isNull();
    assertThat(eval("errors % zero")).isNull();
    assertThat(eval("1e300 * 1e300")).isNull();
    assertThat(eval("nope + 1")).isNull();
  }

  @Test
  void textIsNotANumberInArithmeticButTonumberReadsIt() {
    assertThat(eval("n * 2")).isNull();
    assertThat(eval("s * 2")).isNull();
    assertThat(eval("t + 1")).isNull();
    assertThat(eval("tonumber(n) * 2")).isEqualTo(84.0);
    assertThat(eval("tonumber(n)")).isEqualTo(42L);
    assertThat(eval("tonumber(\"1.5e1\")")).isEqualTo(15L);
    assertThat(eval("tonumber(\"0.25\")")).isEqualTo(0.25);
    assertThat(eval("tonumber(s)")).isNull();
    assertThat(eval("tonumber(\"1e99999999999\")")).isNull();
  }

  @Test
  void comparisonsAreNumericForNumbersTextOtherwiseAndFalseOnNull() {
    assertThat(eval("errors / total > 0.3")).isEqualTo(true);
    assertThat(eval("n > 5")).isEqualTo(false); // "42" < "5" as text
    assertThat(eval("s = \"Hello, wörld\"")).isEqualTo(true);
    assertThat(eval("nope != 1")).isEqualTo(false);
    assertThat(eval("nope = nope")).isEqualTo(false);
    assertThat(eval("t = \"true\"")).isEqualTo(true);
    assertThat(eval("d == 2.5")).isEqualTo(true);
  }

  @Test
  void logicTreatsAnythingButTrueAsFalse() {
    assertThat(eval("t and errors > 0")).isEqualTo(true);
    assertThat(eval("nope or errors > 0")).isEqualTo(true);
    assertThat(eval("not nope")).isEqualTo(true);
    assertThat(eval("not (errors > 0)")).isEqualTo(false);
    assertThat(eval("s and t")).isEqualTo(false);
  }

  @Test
  void conditionalFunctions() {
    assertThat(eval("if(errors > 0, \"bad\", \"good\")")).isEqualTo("bad");
    assertThat(eval("if(nope, 1, 2)")).isEqualTo(2L);
    assertThat(eval("if(true, 1, 1 / zero)")).isEqualTo(1L);
    assertThat(eval("coalesce(nope, null, d, 1)")).isEqualTo(2.5);
    assertThat(eval("coalesce(nope)")).isNull();
  }

  @Test
  void roundAndAbs() {
    assertThat(eval("round(d)")).isEqualTo(3L);
    assertThat(eval("round(-2.5)")).isEqualTo(-3L);
    assertThat(eval("round(errors / total * 100, 2)")).isEqualTo(33.33);
    assertThat(eval("round(1234, -2)")).isEqualTo(1200L);
    assertThat(eval("round(d, 16)")).isNull();
    assertThat(eval("round(d, 0.5)")).isNull();
    assertThat(eval("abs(-3)")).isEqualTo(3L);
    assertThat(eval("abs(0 - d)")).isEqualTo(2.5);
    assertThat(eval("abs(s)")).isNull();
  }

  @Test
  void stringFunctionsCountCodePoints() {
    assertThat(eval("lower(s)")).isEqualTo("hello, wörld");
    assertThat(eval("upper(s)")).isEqualTo("HELLO, WÖRLD");
    assertThat(eval("len(s)")).isEqualTo(12L);
    assertThat(eval("len(emoji)")).isEqualTo(3L);
    assertThat(eval("substr(emoji, 2, 1)")).isEqualTo("😀");
    assertThat(eval("substr(s, 1, 5)")).isEqualTo("Hello");
    assertThat(eval("substr(s, -5)")).isEqualTo("wörld");
    assertThat(eval("substr(s, 100)")).isEqualTo("");
    assertThat(eval("substr(s, 3, -1)")).isEqualTo("");
    assertThat(eval("lower(errors)")).isNull();
    assertThat(eval("len(nope)")).isNull();
  }

  @Test
  void concatAndTostringWriteCanonicalNumbers() {
    assertThat(eval("concat(s, \"/\", errors, \"/\", d, \"/\", 5.0 * 2, \"/\", t)"))
        .isEqualTo("Hello, wörld/1/2.5/10/true");
    assertThat(eval("concat(s, nope)")).isNull();
    assertThat(eval("tostring(errors / total)")).isEqualTo(String.valueOf(1.0 / 3));
  }

  @Test
  void stringsBeyondTheLimitAreNull() {
    ROW.put("big", "x".repeat(ExpressionValues.MAX_STRING_CHARS));
    assertThat(eval("concat(big, \"\")")).isNotNull();
    assertThat(eval("concat(big, \"y\")")).isNull();
  }
}
