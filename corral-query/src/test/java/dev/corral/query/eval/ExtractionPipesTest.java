package dev.corral.query.eval;

import static dev.corral.query.eval.Events.T0;
import static dev.corral.query.eval.Events.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.query.extract.Extraction;
import dev.corral.query.plan.QueryPlanParser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The extraction pipes in a whole plan: later pipes read what they extract. */
class ExtractionPipesTest {
  private static final EvaluationContext CTX = EvaluationContext.of(T0.plusSeconds(3600));

  private static final List<LogEvent> ACCESS = List.of(
      event(1, Level.INFO, "10.0.0.1 - a [t] \"GET /pay HTTP/1.1\" 200 512", "service", "web"),
      event(2, Level.INFO, "10.0.0.2 - b [t] \"GET /pay HTTP/1.1\" 502 40", "service", "web"),
      event(3, Level.INFO, "10.0.0.3 - c [t] \"POST /auth HTTP/1.1\" 503 7000", "service", "web"),
      event(4, Level.INFO, "garbage line", "service", "web"),
      event(5, Level.INFO, "level=error status=500 path=/search ms=12.5", "service", "api"),
      event(6, Level.INFO, "{\"status\":404,\"http\":{\"path\":\"/x\"}}", "service", "api"));

  private static EvaluationResult run(String query) {
    return PlanEvaluator.evaluate(QueryPlanParser.parse(query), ACCESS, CTX);
  }

  @Test
  void parsedFieldsFeedWhereStatsAndSort() {
    String parse = "service:web | parse \"%{ip} - %{user} [%{_}] \\\"%{method} %{path} %{?proto}\\\" %{status} %{bytes}\"";
    assertThat(run(parse + " | where status >= 500 | stats count() by path").table().rows())
        .containsExactly(List.of("/auth", 1L), List.of("/pay", 1L));
    assertThat(run(parse + " | sort -bytes | head 2").events()).extracting(e -> e.fields().get("bytes"))
        .containsExactly(7000L, 512L);
    EvaluationResult all = run(parse);
    assertThat(all.total()).isEqualTo(4);
    assertThat(all.events().get(0).fields().get("status")).isNull(); // the garbage line matches nothing
  }

  @Test
  void logfmtAndJsonTypeTheirValuesAndMarkWhatTheyCannotRead() {
    assertThat(run("service:api | logfmt | where ms > 10").events()).extracting(e -> e.fields().get("path"))
        .containsExactly("/search");
    assertThat(run("service:api | logfmt | fields level_extracted").table().rows()).contains(List.of("error"));
    EvaluationResult json = run("service:api | json | stats count() by __error__");
    assertThat(json.table().rows()).containsExactly(List.of("JSONParserErr", 1L), Arrays.asList(null, 1L));
    assertThat(run("service:api | json | where http.path = \"/x\"").events()).hasSize(1);
    assertThat(run("service:api | json | where " + Extraction.ERROR + " = JSONParserErr").events()).extracting(
        LogEvent::message).containsExactly("level=error status=500 path=/search ms=12.5");
  }

  @Test
  void aHeadBeforeAnExtractionKeepsItsEventsForIt() {
    EvaluationResult result = run("service:web | head 2 | parse \"%{a} - %{b} \" | where a = 10.0.0.3");
    assertThat(result.total()).isEqualTo(1);
  }

  @Test
  void extractedFullTextFieldsAreRefusedLikeStoredOnes() {
    assertThatThrownBy(() -> run("* | json | where message = x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anExtractionReportsProgressSoADeadlineCanStopIt() {
    List<LogEvent> many = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      many.add(event(i, Level.INFO, "{\"n\":" + i + "}"));
    }
    AtomicInteger checks = new AtomicInteger();
    EvaluationResult result = PlanEvaluator.evaluatePipes(many, QueryPlanParser.parse("* | json | where n >= 990")
        .pipes(), CTX, checks::incrementAndGet);
    assertThat(result.total()).isEqualTo(10);
    assertThat(checks.get()).isEqualTo(4); // before events 0, 256, 512 and 768
    assertThatThrownBy(() -> PlanEvaluator.evaluatePipes(many, QueryPlanParser.parse("* | json").pipes(), CTX, () -> {
      throw new IllegalStateException("deadline passed");
    })).hasMessage("deadline passed");
  }
}
