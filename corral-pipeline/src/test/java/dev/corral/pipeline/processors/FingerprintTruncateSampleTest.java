package dev.corral.pipeline.processors;

import static dev.corral.pipeline.TestDocuments.document;
import static dev.corral.pipeline.processors.TestProcessors.create;
import static dev.corral.pipeline.processors.TestProcessors.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.pipeline.EventDocument;
import dev.corral.pipeline.Processor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** fingerprint, truncate, sample. */
class FingerprintTruncateSampleTest {
  @Test
  void equalFieldsGiveEqualFingerprintsForEveryMethod() throws Exception {
    for (String method : List.of("MD5", "SHA-1", "SHA-256", "SHA-512", "MurmurHash3")) {
      EventDocument a = document("m", "user", "ann", "path", "/x", "other", "1");
      EventDocument b = document("m", "path", "/x", "user", "ann", "other", "2");
      EventDocument c = document("m", "user", "bob", "path", "/x");
      for (EventDocument doc : List.of(a, b, c)) {
        run(doc, "fingerprint", "fields", List.of("user", "path"), "method", method);
      }
      assertThat(a.get("fingerprint")).as(method).isEqualTo(b.get("fingerprint")).isNotEqualTo(c.get("fingerprint"));
    }
    EventDocument salted = document("m", "user", "ann", "path", "/x");
    run(salted, "fingerprint", "fields", List.of("user", "path"), "salt", "pepper", "target_field", "fp");
    EventDocument plain = document("m", "user", "ann", "path", "/x");
    run(plain, "fingerprint", "fields", List.of("user", "path"), "target_field", "fp");
    assertThat(salted.get("fp")).isNotEqualTo(plain.get("fp"));
  }

  @Test
  void fingerprintOfMissingFields() throws Exception {
    EventDocument doc = document("m", "a", "1");
    assertThatThrownBy(() -> run(doc, "fingerprint", "fields", List.of("a", "b"))).hasMessage("field 'b' is missing");
    run(doc, "fingerprint", "fields", List.of("a", "b"), "ignore_missing", true);
    assertThat(doc.has("fingerprint")).isTrue();
    assertThatThrownBy(() -> create("fingerprint", "fields", List.of("a"), "method", "CRC32"))
        .hasMessageContaining("option 'method' is 'CRC32'");
  }

  @Test
  void truncateCutsByCharactersOrBytesNeverInsideACharacter() throws Exception {
    EventDocument doc = document("héllo wörld", "emoji", "ab\uD83D\uDE00cd", "short", "ok", "n", 5L);
    run(doc, "truncate", "fields", List.of("message", "emoji", "short", "n", "absent"), "max_chars", 3);
    assertThat(doc.toMap()).containsEntry("message", "hél").containsEntry("emoji", "ab\uD83D\uDE00")
        .containsEntry("short", "ok").containsEntry("n", 5L).containsEntry("_truncated", true);
    EventDocument bytes = document("m", "emoji", "ab\uD83D\uDE00cd", "e", "é".repeat(10));
    run(bytes, "truncate", "fields", List.of("emoji", "e"), "max_bytes", 5);
    assertThat(bytes.toMap()).containsEntry("emoji", "ab").containsEntry("e", "éé");
    EventDocument untouched = document("m", "a", "xy");
    run(untouched, "truncate", "field", "a", "max_bytes", 5);
    assertThat(untouched.has("_truncated")).isFalse();
    assertThatThrownBy(() -> create("truncate", "fields", List.of("a"), "max_chars", 3, "max_bytes", 3))
        .hasMessageContaining("exactly one of options 'max_chars' and 'max_bytes'");
    assertThatThrownBy(() -> create("truncate", "fields", List.of("a"), "max_chars", 0))
        .hasMessageContaining("option 'max_chars' is 0, must be 1..");
  }

  @Test
  void sampleKeepsOrDropsWholeTracesTheSameWayEveryTime() throws Exception {
    long seed = System.nanoTime();
    System.out.println("sampleKeepsOrDropsWholeTracesTheSameWayEveryTime seed=" + seed);
    Random random = new Random(seed);
    Processor sample = create("sample", "keep_one_in", 10);
    Processor again = create("sample", "keep_one_in", 10);
    Map<String, Boolean> decided = new HashMap<>();
    int kept = 0;
    for (int i = 0; i < 20_000; i++) {
      String trace = Long.toHexString(random.nextLong() & 0x3ff);
      boolean keep = sample.process(document("m", "trace_id", trace));
      assertThat(again.process(document("other", "trace_id", trace))).isEqualTo(keep);
      Boolean earlier = decided.putIfAbsent(trace, keep);
      assertThat(earlier == null || earlier == keep).as("trace %s decided twice differently", trace).isTrue();
    }
    for (boolean keep : decided.values()) {
      kept += keep ? 1 : 0;
    }
    assertThat(kept).as("about 1 in 10 of %d traces", decided.size()).isBetween(decided.size() / 20, decided.size() / 5);
  }

  @Test
  void sampleByAnotherKeyAndBadRates() throws Exception {
    Processor all = create("sample", "keep_one_in", 1, "key_field", "request_id");
    assertThat(all.process(document("m", "request_id", "r1"))).isTrue();
    assertThat(all.process(document("no key"))).isTrue();
    assertThatThrownBy(() -> create("sample", "keep_one_in", 0)).hasMessageContaining("must be 1..");
    assertThatThrownBy(() -> create("sample")).hasMessageContaining("option 'keep_one_in' is required");
  }
}
