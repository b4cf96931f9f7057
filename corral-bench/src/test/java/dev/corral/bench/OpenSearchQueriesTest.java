package dev.corral.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OpenSearchQueriesTest {
  @Test
  void traceLookupIsATermQueryForTheNewestHundredWithAnExactTotal() {
    assertThat(OpenSearchQueries.body("trace_id:\"4bf92f35\"", null)).hasToString(
        "{\"size\":100,\"track_total_hits\":true,\"sort\":[{\"timestamp\":{\"order\":\"desc\"}}],"
            + "\"query\":{\"term\":{\"trace_id\":\"4bf92f35\"}}}");
  }

  @Test
  void aTimeBoundIsARangeFilterBesideTheQuery() {
    assertThat(OpenSearchQueries.body("level:ERROR", "now-15m").get("query")).hasToString(
        "{\"bool\":{\"filter\":[{\"term\":{\"level\":\"ERROR\"}},{\"range\":{\"timestamp\":{\"gte\":\"now-15m\"}}}]}}");
  }

  @Test
  void aPhraseSearchesCorralsFullTextFields() {
    assertThat(OpenSearchQueries.body("\"card declined\"", null).get("query")).hasToString(
        "{\"multi_match\":{\"query\":\"card declined\",\"type\":\"phrase\",\"fields\":[\"message\",\"exception.stacktrace\"]}}");
  }

  @Test
  void aMessageRegexIsARegexpOnTheAnalyzedMessage() {
    assertThat(OpenSearchQueries.body("message:/time.?out/", null).get("query"))
        .hasToString("{\"regexp\":{\"message\":{\"value\":\"time.?out\"}}}");
  }

  @Test
  void statsByServiceAndLevelAreNestedTermsWithoutHits() {
    assertThat(OpenSearchQueries.body("* | stats count() by service, level", null)).hasToString(
        "{\"size\":0,\"track_total_hits\":true,\"query\":{\"match_all\":{}},\"aggs\":{\"service\":{\"terms\":"
            + "{\"field\":\"service\",\"size\":10000},\"aggs\":{\"level\":{\"terms\":{\"field\":\"level\",\"size\":10000}}}}}}");
  }

  @Test
  void p95ByServiceIsAPercentilesUnderTerms() {
    assertThat(OpenSearchQueries.body("* | stats p95(performance.duration_ms) by service", "now-1h").get("aggs")).hasToString(
        "{\"service\":{\"terms\":{\"field\":\"service\",\"size\":10000},\"aggs\":{\"p95\":{\"percentiles\":"
            + "{\"field\":\"performance.duration_ms\",\"percents\":[95]}}}}}");
  }

  @Test
  void aTimechartIsAOneMinuteDateHistogram() {
    assertThat(OpenSearchQueries.body("* | timechart span=1m count()", "now-1h").get("aggs"))
        .hasToString("{\"timechart\":{\"date_histogram\":{\"field\":\"timestamp\",\"fixed_interval\":\"1m\"}}}");
  }

  @Test
  void everyStandardQueryHasATranslationAndOtherShapesHaveNone() {
    for (BenchQuery query : BenchQuery.standard(List.of("abc"))) {
      assertThat(OpenSearchQueries.body(query.text(0), query.from())).as(query.name()).isNotNull();
    }
    for (String other : List.of("service:web", "trace_id:\"\"", "message://", "\"a\" \"b\"", "* | stats count()", "")) {
      assertThat(OpenSearchQueries.body(other, null)).as(other).isNull();
    }
  }

  @Test
  void quotesAndBackslashesInValuesStayInsideTheirJsonString() {
    assertThat(OpenSearchQueries.body("trace_id:\"a\\\"}b\"", null).get("query").get("term").get("trace_id").asText())
        .isEqualTo("a\\\"}b");
  }
}
