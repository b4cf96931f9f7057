package dev.corral.query.eval;

import static dev.corral.query.eval.Events.T0;
import static dev.corral.query.eval.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.query.plan.QueryPlanParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every query of the "rates, ratios and computed columns" cookbook in docs/query-language.md
 * parses and, over events that have the fields it names, gives a non-empty table: the docs cannot
 * drift from the language.
 */
class RatesCookbookTest {
  private static final Path DOC = Path.of("..", "docs", "query-language.md");
  private static final Pattern QUERY_CELL = Pattern.compile("^\\| [^|]+\\| `(.+)` \\|$");

  private static final List<LogEvent> EVENTS = events();

  private static List<LogEvent> events() {
    List<LogEvent> events = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      boolean error = i % 4 == 0;
      events.add(event(i, error ? Level.ERROR : Level.INFO, "done", "service", i % 2 == 0 ? "api" : "web",
          "host", "h" + (i % 3), "logtype", "access", "http.uri", "/pay", "http.status_code", error ? 503L : 200L,
          "bytes", 100L + i, "performance.duration_ms", i % 10 == 9 ? 90_000L : 10L + i));
    }
    return events;
  }

  @Test
  void everyRatesCookbookQueryRunsAndAnswers() throws IOException {
    List<String> queries = cookbookQueries();
    assertThat(queries).hasSizeGreaterThanOrEqualTo(4);
    for (String query : queries) {
      EvaluationResult result = PlanEvaluator.evaluate(QueryPlanParser.parse(query), EVENTS,
          EvaluationContext.of(T0.plusSeconds(3600)));
      assertThat(result.isTable()).as(query).isTrue();
      assertThat(result.table().rows()).as(query).isNotEmpty();
    }
  }

  private static List<String> cookbookQueries() throws IOException {
    List<String> queries = new ArrayList<>();
    boolean inSection = false;
    for (String line : Files.readAllLines(DOC)) {
      if (line.startsWith("## ")) {
        inSection = line.startsWith("## Cookbook: rates");
        continue;
      }
      Matcher cell = QUERY_CELL.matcher(line);
      if (inSection && cell.matches()) {
        queries.add(cell.group(1).replace("\\|", "|"));
      }
    }
    return queries;
  }
}
