package dev.corral.pipeline.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.EventDocument;
import dev.corral.pipeline.TestDocuments;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PainlessConditionTest {
  private static final EventDocument DOCUMENT = TestDocuments.document("GET /",
      "event.dataset", "nginx.access", "http.response.status_code", 404L, "source.ip", "10.0.0.1", "flag", true,
      "code_text", "200");

  private static boolean holds(String expression) throws DefinitionException {
    return Conditions.compile(expression, "test", Instant.EPOCH).test(DOCUMENT);
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
      "ctx.event?.dataset != null ; true",
      "ctx.event.dataset == 'nginx.access' ; true",
      "ctx?.event?.dataset == \"nginx.access\" ; true",
      "ctx.event?.dataset == 'nginx.error' ; false",
      "ctx.event != null ; true",
      "ctx.event == null ; false",
      "ctx.missing?.field == null ; true",
      "ctx.missing.field != null ; false",
      "ctx['event']['dataset'] == 'nginx.access' ; true",
      "ctx.http?.response?.status_code == 404 ; true",
      "ctx.http.response.status_code >= 400 && ctx.http.response.status_code < 500 ; true",
      "ctx.http.response.status_code > 500 || ctx.source?.ip == '10.0.0.1' ; true",
      "!(ctx.source?.ip == '10.0.0.1') ; false",
      "!ctx.flag ; false",
      "ctx.flag ; true",
      "ctx.flag == true && !(ctx.event == null) ; true",
      "ctx.code_text == 200 ; false",
      "ctx.code_text == '200' ; true",
      "ctx.code_text > 100 ; false",
      "ctx.http.response.status_code == 404.0 ; true",
      "ctx.http.response.status_code != -1 ; true",
  })
  void theSupportedSubsetMeansWhatPainlessMeans(String expression, boolean expected) throws DefinitionException {
    assertThat(Conditions.isPainless(expression)).isTrue();
    assertThat(holds(expression)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
      "ctx.tags.contains('x') ; method call 'contains(...)' at position 9",
      "ctx.a = 'b' ; '='",
      "ctx.a instanceof String ; unexpected 'instanceof'",
      "ctx.a + 1 > 2 ; '+'",
      "params.x == 1 ; 'params'",
      "ctx.a == 'unclosed ; unclosed string",
      "(ctx.a == 1 ; expected ')' to close '('",
      "ctx == null ; 'ctx' alone",
  })
  void anythingBeyondTheSubsetIsRefusedNamingThePart(String expression, String part) {
    assertThatThrownBy(() -> Conditions.compile(expression, "pipeline 'p', processor 1 (set)", Instant.EPOCH, true))
        .isInstanceOf(DefinitionException.class)
        .hasMessageStartingWith("pipeline 'p', processor 1 (set): condition '" + expression
            + "' is beyond the supported Painless subset")
        .hasMessageContaining(part)
        .hasMessageContaining("supported: ctx.a.b");
  }

  @Test
  void corralFiltersAreTheOtherLanguage() throws DefinitionException {
    assertThat(Conditions.isPainless("service:auth* AND duration_ms:>1000")).isFalse();
    assertThat(holds("event.dataset:nginx.access AND http.response.status_code:>=400")).isTrue();
    assertThat(holds("source.ip:10.0.0.2")).isFalse();
    assertThat(holds("GET")).isTrue();
  }

  @Test
  void aFilterThatDoesNotParseShowsTheCaret() {
    assertThatThrownBy(() -> Conditions.compile("status:[500 TO", "pipeline 'p', processor 2 (drop)", Instant.EPOCH))
        .hasMessageStartingWith("pipeline 'p', processor 2 (drop): condition 'status:[500 TO' is not a valid filter:")
        .hasMessageContaining("\nstatus:[500 TO\n");
  }
}
