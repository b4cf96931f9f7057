package dev.corral.pipeline.processors;

import static dev.corral.pipeline.TestDocuments.document;
import static dev.corral.pipeline.processors.TestProcessors.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.pipeline.DocumentLimits;
import dev.corral.pipeline.EventDocument;
import dev.corral.pipeline.TestDocuments;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyValueSplitTest {
  @Test
  void splitsPairsWithTrimsBracketsPrefixAndKeyFilters() throws Exception {
    EventDocument doc = document("user=ann  status=(200) path=\"/a b\" secret=x user=bob");
    run(doc, "kv", "field", "message", "field_split", "\\s+(?=\\w+=)", "value_split", "=", "prefix", "kv_",
        "strip_brackets", true, "exclude_keys", List.of("secret"), "trim_value", " ");
    assertThat(doc.toMap()).containsEntry("kv_user", List.of("ann", "bob")).containsEntry("kv_status", "200")
        .containsEntry("kv_path", "/a b").doesNotContainKey("kv_secret");
    EventDocument only = document("a=1&b=2&c=3");
    run(only, "kv", "field", "message", "field_split", "&", "value_split", "=", "include_keys", List.of("b"),
        "target_field", "q");
    assertThat(only.toMap()).containsEntry("q.b", "2").doesNotContainKey("q.a");
  }

  @Test
  void missingFieldAndBadRegexes() throws Exception {
    EventDocument doc = document("m");
    assertThatThrownBy(() -> run(doc, "kv", "field", "absent", "field_split", " ", "value_split", "="))
        .hasMessage("field 'absent' is missing");
    assertThat(run(doc, "kv", "field", "absent", "field_split", " ", "value_split", "=", "ignore_missing", true)).isTrue();
    assertThatThrownBy(() -> TestProcessors.create("kv", "field", "m", "field_split", "[", "value_split", "="))
        .hasMessageContaining("option 'field_split' is not a valid regular expression");
  }

  @Test
  void aHostileLineStopsAtTheDocumentsFieldLimit() {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      line.append('k').append(i).append("=v ");
    }
    EventDocument doc = EventDocument.of(TestDocuments.event(line.toString()), DocumentLimits.DEFAULTS);
    assertThatThrownBy(() -> run(doc, "kv", "field", "message", "field_split", " ", "value_split", "="))
        .hasMessageContaining("over the limit of 1000");
    assertThat(doc.fieldCount()).isEqualTo(1000);
  }
}
