package dev.corral.pipeline.processors;

import static dev.corral.pipeline.TestDocuments.document;
import static dev.corral.pipeline.processors.TestProcessors.create;
import static dev.corral.pipeline.processors.TestProcessors.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.EventDocument;
import dev.corral.pipeline.ProcessorException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** set, copy, remove, rename, append, tag, add_field, route, drop. */
class FieldProcessorsTest {
  @Test
  void setWritesValuesTemplatesAndCopies() throws Exception {
    EventDocument doc = document("m", "user", "ann", "http.status", 200L, "http.method", "GET");
    run(doc, "set", "field", "greeting", "value", "hi {{user}} ({{{http.status}}}) {{absent}}!");
    run(doc, "set", "field", "n", "value", 5L);
    run(doc, "set", "field", "obj", "value", Map.of("a", 1L));
    run(doc, "set", "field", "user", "value", "bob", "override", false);
    run(doc, "set", "field", "request", "copy_from", "http");
    run(doc, "set", "field", "empty", "value", "{{absent}}", "ignore_empty_value", true);
    java.time.Instant before = java.time.Instant.now();
    run(doc, "set", "field", "event.ingested", "value", "{{_ingest.timestamp}}");
    assertThat(java.time.Instant.parse((String) doc.get("event.ingested"))).isBetween(before, java.time.Instant.now());
    assertThat(doc.toMap()).containsEntry("greeting", "hi ann (200) !").containsEntry("n", 5L)
        .containsEntry("obj.a", 1L).containsEntry("user", "ann").containsEntry("request.status", 200L)
        .containsEntry("request.method", "GET").doesNotContainKey("empty");
    assertThatThrownBy(() -> create("set", "field", "a", "value", "b", "copy_from", "c"))
        .hasMessage("pipeline 'p', processor 1 (set): exactly one of options 'value' and 'copy_from' is required");
  }

  @Test
  void copyNeedsItsSourceUnlessIgnoreMissing() throws Exception {
    EventDocument doc = document("m", "a", "1");
    run(doc, "copy", "field", "a", "target_field", "b");
    assertThat(doc.get("b")).isEqualTo("1");
    assertThatThrownBy(() -> run(doc, "copy", "field", "nope", "target_field", "c"))
        .isInstanceOf(ProcessorException.class).hasMessage("field 'nope' is missing");
    assertThat(run(doc, "copy", "field", "nope", "target_field", "c", "ignore_missing", true)).isTrue();
    assertThat(doc.has("c")).isFalse();
  }

  @Test
  void removeTakesSubFieldsAndKeep() throws Exception {
    EventDocument doc = document("m", "http.status", 200L, "http.method", "GET", "httpx", "stays", "a", "1");
    run(doc, "remove", "field", List.of("http", "a"));
    assertThat(doc.names()).containsExactly("timestamp", "level", "message", "httpx");
    assertThatThrownBy(() -> run(doc, "remove", "field", "gone")).hasMessage("field 'gone' is missing");
    run(doc, "remove", "field", "gone", "ignore_missing", true);

    EventDocument kept = document("m", "a", "1", "b.c", "2", "d", "3");
    run(kept, "remove", "keep", List.of("b"));
    assertThat(kept.names()).containsExactly("timestamp", "level", "message", "b.c");
  }

  @Test
  void renameMovesSubFieldsAndRefusesToOverwrite() throws Exception {
    EventDocument doc = document("GET /", "nginx.access.ip", "1.2.3.4", "nginx.access.port", 80L, "taken", "x");
    run(doc, "rename", "field", "nginx.access", "target_field", "source");
    assertThat(doc.toMap()).containsEntry("source.ip", "1.2.3.4").containsEntry("source.port", 80L)
        .doesNotContainKey("nginx.access.ip");
    run(doc, "rename", "field", "message", "target_field", "event.original");
    assertThat(doc.toMap()).containsEntry("event.original", "GET /").containsEntry("message", "");
    assertThatThrownBy(() -> run(doc, "rename", "field", "source.ip", "target_field", "taken"))
        .hasMessage("field 'taken' already has a value; set override: true to replace it");
    assertThatThrownBy(() -> run(doc, "rename", "field", "absent", "target_field", "b"))
        .hasMessage("field 'absent' is missing");
    assertThat(run(doc, "rename", "field", "absent", "target_field", "b", "ignore_missing", true)).isTrue();
  }

  @Test
  void appendMakesAListAndReadsStoredArrays() throws Exception {
    EventDocument doc = document("m", "one", "a", "stored", "[\"x\",\"y\"]");
    run(doc, "append", "field", "one", "value", List.of("b", "a"));
    run(doc, "append", "field", "stored", "value", "y", "allow_duplicates", false);
    run(doc, "append", "field", "fresh", "value", "{{one}}");
    assertThat(doc.toMap()).containsEntry("one", List.of("a", "b", "a")).containsEntry("stored", List.of("x", "y"))
        .containsEntry("fresh", List.of("[a, b, a]"));
  }

  @Test
  void tagAddFieldRouteAndDrop() throws Exception {
    EventDocument doc = document("m", "service", "auth", "tags", "[\"old\"]");
    run(doc, "tag", "tags", List.of("slow_request", "old"));
    run(doc, "add_field", "fields", Map.of("alert_severity", "high", "origin", "{{service}}"));
    run(doc, "route", "stream", "security");
    assertThat(doc.toMap()).containsEntry("tags", List.of("old", "slow_request")).containsEntry("alert_severity", "high")
        .containsEntry("origin", "auth").containsEntry("stream", "security");
    assertThat(run(doc, "drop")).isFalse();
    assertThatThrownBy(() -> create("drop", "field", "x")).hasMessageContaining("unknown option field");
    assertThatThrownBy(() -> create("tag")).hasMessageContaining("option 'tags' is required");
    assertThatThrownBy(() -> create("route", "stream", " ")).hasMessageContaining("must not be empty");
  }

  @Test
  void hugeValuesHitTheDocumentsLimitNotTheHeap() throws DefinitionException {
    EventDocument doc = document("m", "big", "x".repeat(600_000));
    assertThatThrownBy(() -> run(doc, "copy", "field", "big", "target_field", "big2"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("over the limit of 1048576");
    assertThat(doc.has("big2")).isFalse();
  }
}
