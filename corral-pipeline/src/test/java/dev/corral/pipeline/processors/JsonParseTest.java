package dev.corral.pipeline.processors;

import static dev.corral.pipeline.TestDocuments.document;
import static dev.corral.pipeline.processors.TestProcessors.create;
import static dev.corral.pipeline.processors.TestProcessors.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.pipeline.EventDocument;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonParseTest {
  @Test
  void parsesIntoTheTargetAsDottedFields() throws Exception {
    EventDocument doc = document("m", "payload", "{\"user\":{\"id\":7,\"roles\":[\"a\",\"b\"]},\"ok\":true,"
        + "\"items\":[{\"x\":1}]}");
    run(doc, "json", "field", "payload", "target_field", "data");
    assertThat(doc.toMap()).containsEntry("data.user.id", 7L).containsEntry("data.user.roles", List.of("a", "b"))
        .containsEntry("data.ok", true).containsEntry("data.items", List.of("{\"x\":1}"))
        .containsEntry("payload", doc.get("payload"));
  }

  @Test
  void parsesInPlaceOrToTheRoot() throws Exception {
    EventDocument doc = document("{\"level\":\"error\",\"service\":\"api\"}", "inner", "{\"a\":1}", "n", "42");
    run(doc, "json", "field", "message", "add_to_root", true);
    run(doc, "json", "field", "inner");
    run(doc, "json", "field", "n");
    assertThat(doc.toMap()).containsEntry("level", "ERROR").containsEntry("service", "api")
        .containsEntry("inner.a", 1L).doesNotContainKey("inner").containsEntry("n", 42L);
    assertThatThrownBy(() -> create("json", "field", "a", "target_field", "b", "add_to_root", true))
        .hasMessageContaining("exclude each other");
  }

  @Test
  void badJsonFails() throws Exception {
    EventDocument doc = document("m", "a", "{\"x\":", "b", "{\"k\":1,\"k\":2}", "c", "[1]", "d", "{} {}",
        "deep", "[".repeat(30) + "]".repeat(30));
    assertThatThrownBy(() -> run(doc, "json", "field", "a")).hasMessageStartingWith("field 'a' is not JSON:");
    assertThatThrownBy(() -> run(doc, "json", "field", "b")).hasMessage("field 'b' is not JSON: duplicate key 'k'");
    run(doc, "json", "field", "b", "allow_duplicate_keys", true, "target_field", "bb");
    assertThat(doc.get("bb.k")).isEqualTo(2L);
    assertThatThrownBy(() -> run(doc, "json", "field", "c", "add_to_root", true))
        .hasMessageContaining("add_to_root needs an object");
    assertThatThrownBy(() -> run(doc, "json", "field", "d")).hasMessageContaining("text after the JSON value");
    assertThatThrownBy(() -> run(doc, "json", "field", "deep")).hasMessageContaining("not JSON")
        .hasMessageContaining("depth");
    doc.set("num", 5L);
    assertThatThrownBy(() -> run(doc, "json", "field", "num")).hasMessage("field 'num' is Long 5, not text");
  }
}
