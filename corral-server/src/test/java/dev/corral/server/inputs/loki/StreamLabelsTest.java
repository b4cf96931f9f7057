package dev.corral.server.inputs.loki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamLabelsTest {
  @Test
  void readsPrometheusLabelTextInOrder() throws Exception {
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("service_name", "checkout");
    expected.put("level", "info");
    expected.put("k8s.pod", "web-1");
    assertThat(StreamLabels.parse("{service_name=\"checkout\", level=\"info\",k8s.pod = \"web-1\" }").toMap())
        .containsExactlyEntriesOf(expected);
  }

  @Test
  void undoesGoEscapesInValues() throws Exception {
    assertThat(StreamLabels.parse("{msg=\"say \\\"hi\\\"\\n\\tback\\\\slash \\u00e9\\U0001F680\"}").toMap())
        .containsEntry("msg", "say \"hi\"\n\tback\\slash é🚀");
  }

  @Test
  void emptyTextAndEmptyBracesAreNoLabels() throws Exception {
    assertThat(StreamLabels.parse("").size()).isZero();
    assertThat(StreamLabels.parse(" {} ").size()).isZero();
    assertThat(StreamLabels.parse("{a=\"1\",}").toMap()).containsEntry("a", "1");
  }

  @Test
  void unreadableLabelsNameThePositionAndWhatWasExpected() {
    assertThatThrownBy(() -> StreamLabels.parse("{app=checkout}"))
        .hasMessageContaining("expected '\"' at character 6, found 'c'");
    assertThatThrownBy(() -> StreamLabels.parse("{app=\"checkout\""))
        .hasMessageContaining("expected '}' at character 16, found the end");
    assertThatThrownBy(() -> StreamLabels.parse("{1app=\"x\"}"))
        .hasMessageContaining("expected a label name at character 2");
    assertThatThrownBy(() -> StreamLabels.parse("{app=\"x\\q\"}"))
        .hasMessageContaining("expected one of the escapes");
    assertThatThrownBy(() -> StreamLabels.parse("{app=\"x\"} extra"))
        .hasMessageContaining("expected the end of the labels at character 11");
  }
}
