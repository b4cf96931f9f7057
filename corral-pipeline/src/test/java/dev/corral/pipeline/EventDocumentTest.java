package dev.corral.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventDocumentTest {
  @Test
  void anEventComesBackUnchangedWithItsFieldOrder() {
    LogEvent event = TestDocuments.event("hello", "service", "web", "http.status", 200L, "ok", true, "ratio", 0.5);
    EventDocument document = EventDocument.of(event);
    assertThat(document.toEvent()).isEqualTo(event);
    assertThat(document.names()).containsExactly("timestamp", "level", "message", "service", "http.status", "ok",
        "ratio");
    document.set("zeta", "last");
    document.set("service", "api");
    assertThat(document.toEvent().fields().toMap().keySet())
        .containsExactly("service", "http.status", "ok", "ratio", "zeta");
    assertThat(document.toEvent().service()).isEqualTo("api");
  }

  @Test
  void canonicalFieldsKeepTheirTypes() {
    EventDocument document = TestDocuments.document("m");
    document.set("level", "warning");
    assertThat(document.get("level")).isEqualTo("WARN");
    document.set("timestamp", 5L);
    assertThat(document.toEvent().timestamp()).isEqualTo(5L);
    assertThat(document.toEvent().level()).isEqualTo(Level.WARN);

    assertThatThrownBy(() -> document.set("timestamp", 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("field 'timestamp' must be epoch nanoseconds").hasMessageContaining("1.5");
    assertThatThrownBy(() -> document.set("level", "loud"))
        .hasMessageContaining("field 'level' must name a level").hasMessageContaining("'loud'");
    assertThatThrownBy(() -> document.set("message", 42L)).hasMessageContaining("field 'message' must be text");
    assertThatThrownBy(() -> document.remove("timestamp")).hasMessageContaining("cannot be removed");
    assertThatThrownBy(() -> document.set("x", java.util.Map.of("a", 1)))
        .hasMessageContaining("cannot hold an object");
    assertThatThrownBy(() -> document.set("x", new StringBuilder("a"))).hasMessageContaining("StringBuilder");
    assertThat(document.remove("message")).isEqualTo("m");
    assertThat(document.get("message")).isEqualTo("");
  }

  @Test
  void textSetAsTheTimestampIsReadBackUntilADateReplacesItAndIsKeptWhenNoneDoes() {
    EventDocument document = TestDocuments.document("m");
    document.set("timestamp", "10/Oct/2000:13:55:36 -0700"); // what %{HTTPDATE:timestamp} captures
    assertThat(document.get("timestamp")).isEqualTo("10/Oct/2000:13:55:36 -0700");
    assertThat(document.toEvent().timestamp()).as("not ISO: the event keeps its time").isEqualTo(TestDocuments.TIME);
    assertThat(document.toEvent().fields().get(EventDocument.TIMESTAMP_TEXT)).isEqualTo("10/Oct/2000:13:55:36 -0700");

    document.set("timestamp", "2026-01-01T00:00:00Z");
    assertThat(document.toEvent().timestamp()).isEqualTo(1_767_225_600_000_000_000L);
    assertThat(document.toEvent().fields().get(EventDocument.TIMESTAMP_TEXT)).isNull();

    document.set("timestamp", 7L); // the date processor's result
    assertThat(document.get("timestamp")).isEqualTo(7L);
    assertThat(document.copy().toEvent().timestamp()).isEqualTo(7L);
  }

  @Test
  void listsBecomeJsonArraysAndNullsAreLeftOut() {
    EventDocument document = TestDocuments.document("m");
    document.set("tags", List.of("a", 1L, true));
    document.set("gone", null);
    assertThat(document.has("gone")).isTrue();
    assertThat(document.toEvent().fields().toMap()).containsExactly(java.util.Map.entry("tags", "[\"a\",1,true]"));
  }

  @Test
  void unpairedSurrogatesAreReplacedSoTheEventCanBeWritten() {
    EventDocument document = TestDocuments.document("m");
    document.set("bad", "a\uD800b");
    document.set("pair", "\uD83D\uDE00");
    document.set("message", "\uDC00end");
    assertThat(document.get("bad")).isEqualTo("a\uFFFDb");
    assertThat(document.get("pair")).isEqualTo("\uD83D\uDE00");
    assertThat(document.get("message")).isEqualTo("\uFFFDend");
    assertThat(new String(dev.corral.model.CanonicalJson.toBytes(document.toEvent()),
        java.nio.charset.StandardCharsets.UTF_8)).contains("a\uFFFDb");
  }

  @Test
  void growthPastTheLimitsIsRefusedAndLeavesTheDocumentAsItWas() {
    EventDocument document = EventDocument.of(TestDocuments.event("m", "a", "1"), new DocumentLimits(200, 2));
    document.set("b", "2");
    assertThatThrownBy(() -> document.set("c", "3"))
        .hasMessage("adding field 'c' would give the event 3 fields, over the limit of 2");
    document.set("b", "replacing a field is no growth in count");
    assertThatThrownBy(() -> document.set("a", "x".repeat(500)))
        .hasMessageStartingWith("setting field 'a' would make the event about").hasMessageEndingWith("over the limit of 200");
    assertThat(document.get("a")).isEqualTo("1");
    assertThat(document.fieldCount()).isEqualTo(2);
    document.setOverLimits("pipeline.error.reason", "marks always fit");
    assertThat(document.get("pipeline.error.reason")).isEqualTo("marks always fit");
  }

  @Test
  void aCopyChangesIndependently() {
    EventDocument document = TestDocuments.document("m", "a", "1");
    EventDocument copy = document.copy();
    assertThat(copy.toEvent()).isEqualTo(document.toEvent());
    document.set("b", "only in the original");
    assertThat(copy.copy().toEvent().fields().toMap()).containsOnlyKeys("a");
    copy.set("a", "2");
    copy.set("message", "other");
    assertThat(document.get("a")).isEqualTo("1");
    assertThat(document.get("message")).isEqualTo("m");
    assertThat(copy.toEvent().fields().get("a")).isEqualTo("2");
  }
}
