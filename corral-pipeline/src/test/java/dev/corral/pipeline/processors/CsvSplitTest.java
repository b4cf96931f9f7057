package dev.corral.pipeline.processors;

import static dev.corral.pipeline.TestDocuments.document;
import static dev.corral.pipeline.processors.TestProcessors.create;
import static dev.corral.pipeline.processors.TestProcessors.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.pipeline.EventDocument;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvSplitTest {
  @Test
  void splitsQuotedValuesIntoTargets() throws Exception {
    EventDocument doc = document("2026-01-01, \"Smith, Ann\" ,\"say \"\"hi\"\"\",,extra");
    run(doc, "csv", "field", "message", "target_fields", List.of("date", "name", "quote", "empty"), "trim", true,
        "empty_value", "none");
    assertThat(doc.toMap()).containsEntry("date", "2026-01-01").containsEntry("name", "Smith, Ann")
        .containsEntry("quote", "say \"hi\"").containsEntry("empty", "none");
    EventDocument tabs = document("a\tb");
    run(tabs, "csv", "field", "message", "target_fields", List.of("x", "y"), "separator", "\t");
    assertThat(tabs.toMap()).containsEntry("x", "a").containsEntry("y", "b");
  }

  @Test
  void unclosedQuotesAndBadOptionsFail() {
    EventDocument doc = document("a,\"b");
    assertThatThrownBy(() -> run(doc, "csv", "field", "message", "target_fields", List.of("x", "y")))
        .hasMessage("field 'message' has an unclosed quote \"");
    assertThatThrownBy(() -> create("csv", "field", "message", "target_fields", List.of("x"), "separator", "ab"))
        .hasMessageContaining("option 'separator' must be one character");
    assertThatThrownBy(() -> create("csv", "field", "message")).hasMessageContaining("'target_fields' is required");
  }
}
