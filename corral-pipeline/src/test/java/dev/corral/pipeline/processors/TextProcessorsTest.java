package dev.corral.pipeline.processors;

import static dev.corral.pipeline.TestDocuments.document;
import static dev.corral.pipeline.processors.TestProcessors.create;
import static dev.corral.pipeline.processors.TestProcessors.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.pipeline.EventDocument;
import dev.corral.pipeline.ProcessorException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** lowercase, uppercase, trim, gsub, split, join, urldecode. */
class TextProcessorsTest {
  @Test
  void caseAndTrimChangeTextAndListsItemByItem() throws Exception {
    EventDocument doc = document("m", "method", "  Get ", "list", List.of("A", "b"));
    run(doc, "trim", "field", "method");
    run(doc, "uppercase", "field", "method", "target_field", "upper");
    run(doc, "lowercase", "field", "list");
    assertThat(doc.toMap()).containsEntry("method", "Get").containsEntry("upper", "GET")
        .containsEntry("list", List.of("a", "b"));
    assertThat(run(doc, "lowercase", "field", "absent", "ignore_missing", true)).isTrue();
    assertThatThrownBy(() -> run(doc, "lowercase", "field", "absent")).hasMessage("field 'absent' is missing");
    doc.set("n", 5L);
    assertThatThrownBy(() -> run(doc, "uppercase", "field", "n")).isInstanceOf(ProcessorException.class)
        .hasMessage("field 'n' is Long 5, not text");
  }

  @Test
  void caseChangeKeepsSurrogatePairsAndRepairsLoneOnes() throws Exception {
    EventDocument doc = document("m", "text", "\uD801\uDC00x\uD800");
    run(doc, "lowercase", "field", "text");
    assertThat(doc.get("text")).isEqualTo("\uD801\uDC28x\uFFFD");
  }

  @Test
  void gsubReplacesEveryMatchWithGroups() throws Exception {
    EventDocument doc = document("m", "path", "/api/v1/users/42/orders/7");
    run(doc, "gsub", "field", "path", "pattern", "/\\d+", "replacement", "/{id}");
    run(doc, "gsub", "field", "path", "pattern", "^/(\\w+)/", "replacement", "$1:", "target_field", "short");
    assertThat(doc.toMap()).containsEntry("path", "/api/v1/users/{id}/orders/{id}")
        .containsEntry("short", "api:v1/users/{id}/orders/{id}");
    assertThatThrownBy(() -> create("gsub", "field", "path", "pattern", "(", "replacement", ""))
        .hasMessageContaining("option 'pattern' is not a valid regular expression");
  }

  @Test
  void splitAndJoinAreInverse() throws Exception {
    EventDocument doc = document("m", "csv", "a, b,,c,,");
    run(doc, "split", "field", "csv", "separator", ",\\s*", "target_field", "parts");
    assertThat(doc.get("parts")).isEqualTo(List.of("a", "b", "", "c"));
    run(doc, "split", "field", "csv", "separator", ",", "target_field", "all", "preserve_trailing", true);
    assertThat((List<?>) doc.get("all")).hasSize(6);
    run(doc, "join", "field", "parts", "separator", "|", "target_field", "joined");
    assertThat(doc.get("joined")).isEqualTo("a|b||c");
    assertThatThrownBy(() -> run(doc, "split", "field", "missing", "separator", ",")).hasMessage("field 'missing' is missing");
  }

  @Test
  void urldecodeDecodesUtf8AndRefusesBrokenEscapes() throws Exception {
    EventDocument doc = document("m", "q", "caf%C3%A9+au%20lait", "bad", "100%zz");
    run(doc, "urldecode", "field", "q");
    assertThat(doc.get("q")).isEqualTo("café au lait");
    assertThatThrownBy(() -> run(doc, "urldecode", "field", "bad")).isInstanceOf(ProcessorException.class)
        .hasMessageStartingWith("cannot URL-decode '100%zz'");
  }
}
