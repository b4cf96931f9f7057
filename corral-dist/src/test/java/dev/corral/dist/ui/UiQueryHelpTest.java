package dev.corral.dist.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.query.expr.Function;
import dev.corral.query.plan.QueryPlanParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The query bar's completions (corral-ui lib/completions.js) offer every pipe the parser knows
 * and every function of {@code eval} and {@code where} expressions, so the UI cannot fall behind
 * the language. Reads the module's text; no browser needed.
 */
class UiQueryHelpTest {
  private static final Path COMPLETIONS = Path.of("..", "corral-ui", "src", "main", "resources", "corral-ui", "lib",
      "completions.js");

  @Test
  void completionsListEveryPipeAndExpressionFunction() throws IOException {
    String module = Files.readString(COMPLETIONS);
    for (String pipe : QueryPlanParser.PIPES) {
      assertThat(module).as("pipe %s in completions.js", pipe).contains("{ name: '" + pipe + "',");
    }
    for (String function : Function.NAMES) {
      assertThat(module).as("function %s in completions.js", function).contains("'" + function + "('");
    }
  }
}
