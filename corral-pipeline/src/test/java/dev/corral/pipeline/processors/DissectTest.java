package dev.corral.pipeline.processors;

import static dev.corral.pipeline.TestDocuments.document;
import static dev.corral.pipeline.processors.TestProcessors.create;
import static dev.corral.pipeline.processors.TestProcessors.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.pipeline.EventDocument;
import org.junit.jupiter.api.Test;

class DissectTest {
  @Test
  void splitsAnAccessLine() throws Exception {
    EventDocument doc = document("1.2.3.4 - - [30/Apr/1998:22:00:52 +0000] \"GET /english/venues HTTP/1.0\" 200 3781");
    run(doc, "dissect", "field", "message", "pattern",
        "%{client.ip} %{?ident} %{?auth} [%{@timestamp}] \"%{http.method} %{url.path} HTTP/%{http.version}\" %{status} %{bytes}");
    assertThat(doc.toMap()).containsEntry("client.ip", "1.2.3.4").containsEntry("@timestamp", "30/Apr/1998:22:00:52 +0000")
        .containsEntry("http.method", "GET").containsEntry("url.path", "/english/venues")
        .containsEntry("http.version", "1.0").containsEntry("status", "200").containsEntry("bytes", "3781")
        .doesNotContainKey("ident");
  }

  @Test
  void appendReferencePaddingAndSkip() throws Exception {
    EventDocument doc = document("john jacob jingleheimer schmidt");
    run(doc, "dissect", "field", "message", "pattern", "%{+name/2} %{+name/4} %{+name/3} %{+name/1}",
        "append_separator", " ");
    assertThat(doc.get("name")).isEqualTo("schmidt john jingleheimer jacob");

    EventDocument kv = document("[user=ann]");
    run(kv, "dissect", "field", "message", "pattern", "[%{*key}=%{&key}]");
    assertThat(kv.get("user")).isEqualTo("ann");

    EventDocument padded = document("00:00   INFO  started now");
    run(padded, "dissect", "field", "message", "pattern", "%{time->} %{lvl->} %{}");
    assertThat(padded.toMap()).containsEntry("time", "00:00").containsEntry("lvl", "INFO");

    EventDocument same = document("a b");
    run(same, "dissect", "field", "message", "pattern", "%{x} %{+x}");
    assertThat(same.get("x")).isEqualTo("ab");
  }

  @Test
  void aLineThatDoesNotMatchFails() throws Exception {
    EventDocument doc = document("no brackets here");
    assertThatThrownBy(() -> run(doc, "dissect", "field", "message", "pattern", "%{a} [%{b}]"))
        .hasMessage("pattern '%{a} [%{b}]' does not match field 'message': delimiter ' [' after %{a} not found");
    assertThatThrownBy(() -> run(doc, "dissect", "field", "message", "pattern", "<%{a}>"))
        .hasMessageContaining("it does not start with '<'");
    assertThatThrownBy(() -> create("dissect", "field", "message", "pattern", "%{a}%{b}"))
        .hasMessageContaining("two keys with no delimiter between them");
    assertThatThrownBy(() -> create("dissect", "field", "message", "pattern", "%{a"))
        .hasMessageContaining("unclosed %{");
    assertThatThrownBy(() -> create("dissect", "field", "message", "pattern", "plain"))
        .hasMessageContaining("has no %{key}");
  }
}
