package dev.corral.pipeline.processors;

import static dev.corral.pipeline.TestDocuments.document;
import static dev.corral.pipeline.processors.TestProcessors.create;
import static dev.corral.pipeline.processors.TestProcessors.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.pipeline.EventDocument;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConvertTypeTest {
  @Test
  void convertsToEachType() throws Exception {
    EventDocument doc = document("m", "a", " 42 ", "b", "0x1F", "c", "2.5", "d", "TRUE", "e", 7L, "f", "::1",
        "g", "10.1.2.3", "h", List.of("1", "2"));
    run(doc, "convert", "field", "a", "type", "integer");
    run(doc, "convert", "field", "b", "type", "long");
    run(doc, "convert", "field", "c", "type", "double");
    run(doc, "convert", "field", "d", "type", "boolean");
    run(doc, "convert", "field", "e", "type", "string");
    run(doc, "convert", "field", "f", "type", "ip");
    run(doc, "convert", "field", "g", "type", "ip", "target_field", "g_ip");
    run(doc, "convert", "field", "h", "type", "long");
    assertThat(doc.toMap()).containsEntry("a", 42L).containsEntry("b", 31L).containsEntry("c", 2.5)
        .containsEntry("d", true).containsEntry("e", "7").containsEntry("f", "::1").containsEntry("g_ip", "10.1.2.3")
        .containsEntry("h", List.of(1L, 2L));
  }

  @Test
  void autoPicksTheNarrowestType() throws Exception {
    EventDocument doc = document("m", "a", "12", "b", "1.5", "c", "false", "d", "12abc", "e", "1d");
    for (String field : List.of("a", "b", "c", "d", "e")) {
      run(doc, "convert", "field", field, "type", "auto");
    }
    assertThat(doc.toMap()).containsEntry("a", 12L).containsEntry("b", 1.5).containsEntry("c", false)
        .containsEntry("d", "12abc").containsEntry("e", "1d");
  }

  @Test
  void valuesThatDoNotConvertFailNamingFieldAndValue() throws Exception {
    EventDocument doc = document("m", "a", "abc", "ip", "300.1.1.1", "nan", "NaN", "big", "99999999999999999999");
    assertThatThrownBy(() -> run(doc, "convert", "field", "a", "type", "boolean"))
        .hasMessage("field 'a' is 'abc', not true or false");
    assertThatThrownBy(() -> run(doc, "convert", "field", "ip", "type", "ip"))
        .hasMessage("field 'ip' is '300.1.1.1', not an IP address");
    assertThatThrownBy(() -> run(doc, "convert", "field", "nan", "type", "float"))
        .hasMessage("field 'nan' is 'NaN', not a finite number");
    assertThatThrownBy(() -> run(doc, "convert", "field", "big", "type", "long"))
        .hasMessage("field 'big' is '99999999999999999999', not a whole number");
    assertThatThrownBy(() -> run(doc, "convert", "field", "missing", "type", "long"))
        .hasMessage("field 'missing' is missing");
    assertThat(run(doc, "convert", "field", "missing", "type", "long", "ignore_missing", true)).isTrue();
    assertThatThrownBy(() -> create("convert", "field", "a", "type", "integr"))
        .hasMessageContaining("option 'type' is 'integr'").hasMessageContaining("did you mean 'integer'?");
  }
}
