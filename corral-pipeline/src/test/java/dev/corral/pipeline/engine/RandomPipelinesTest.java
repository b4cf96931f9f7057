package dev.corral.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.model.CanonicalJson;
import dev.corral.model.LogEvent;
import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.DocumentLimits;
import dev.corral.pipeline.EventDocument;
import dev.corral.pipeline.TestDocuments;
import dev.corral.pipeline.TestPipelines;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random pipelines of built-in processors on random events (odd text, unpaired surrogates, large
 * values, wrong types): whatever happens, an event is kept, dropped or kept with {@code
 * pipeline.error}; it stays within its limits (but for the error marks); and what comes out can
 * be written as the WAL writes events and read back. The seed is printed.
 */
class RandomPipelinesTest {
  private static final List<String> FIELDS = List.of("message", "a", "b", "c.d", "c.e", "n", "tags", "level");
  private static final List<String> PROCESSORS = List.of(
      "set: {field: %1$s, value: '{{%2$s}}-x'}",
      "copy: {field: %1$s, target_field: %2$s, ignore_missing: true}",
      "remove: {field: %1$s}",
      "rename: {field: %1$s, target_field: %2$s, override: true}",
      "append: {field: %1$s, value: ['{{%2$s}}', 1]}",
      "lowercase: {field: %1$s}",
      "uppercase: {field: %1$s, ignore_missing: true}",
      "trim: {field: %1$s}",
      "gsub: {field: %1$s, pattern: '[aeiou]', replacement: '$0$0'}",
      "split: {field: %1$s, separator: ' '}",
      "join: {field: %1$s, separator: ',', target_field: %2$s}",
      "urldecode: {field: %1$s}",
      "convert: {field: %1$s, type: auto}",
      "convert: {field: %1$s, type: long, target_field: %2$s}",
      "json: {field: %1$s, target_field: %2$s}",
      "kv: {field: %1$s, field_split: ' ', value_split: '='}",
      "csv: {field: %1$s, target_fields: [%2$s, z]}",
      "dissect: {field: %1$s, pattern: '%%{%2$s} %%{rest}'}",
      "date: {field: %1$s, formats: [ISO8601, UNIX, UNIX_MS, TAI64N]}",
      "fingerprint: {fields: [%1$s, %2$s], ignore_missing: true}",
      "truncate: {fields: [%1$s], max_bytes: 7}",
      "tag: {tags: ['t-{{%1$s}}']}",
      "add_field: {fields: {%1$s: v}}",
      "route: {stream: '{{%1$s}}'}",
      "sample: {keep_one_in: 3}",
      "drop: {if: 'a:zzz'}");
  private static final List<String> TEXTS = List.of("", "plain words", "k=v x=y", "{\"j\":{\"k\":[1,2]}}", "[1,2]",
      "12", "1.5", "true", "2026-01-01T00:00:00Z", "\uD800 lone", "\uD83D\uDE00 pair", "a%zzb", "a\"b,\"c",
      "x".repeat(5000), "@4000000050d506482dbdf024", "1700000000");

  @Test
  void noPipelineLosesAnEventBreaksItsLimitsOrWritesWhatCannotBeRead() {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    System.out.println("noPipelineLosesAnEventBreaksItsLimitsOrWritesWhatCannotBeRead seed=" + seed
        + " (repeat with -Dtests.seed=" + seed + ")");
    int built = 0;
    Random random = new Random(seed);
    DocumentLimits limits = new DocumentLimits(20_000, 12);
    for (int round = 0; round < 200; round++) {
      StringBuilder yaml = new StringBuilder("id: r\nprocessors:\n");
      int length = 1 + random.nextInt(8);
      for (int i = 0; i < length; i++) {
        String processor = String.format(pick(random, PROCESSORS), pick(random, FIELDS), pick(random, FIELDS));
        yaml.append("  - ").append(processor.replace("{{level}}", "{{c.e}}")).append('\n');
      }
      Pipeline pipeline;
      try {
        pipeline = TestPipelines.pipeline(yaml.toString());
      } catch (DefinitionException refused) {
        // a random combination may be refused whole (a rename of a field onto itself): no event to check
        assertThat(refused.getMessage()).startsWith("pipeline 'r', processor");
        continue;
      }
      built++;
      for (int doc = 0; doc < 5; doc++) {
        EventDocument document = EventDocument.of(TestDocuments.event(pick(random, TEXTS), "a", pick(random, TEXTS),
            "b", pick(random, TEXTS), "n", (long) random.nextInt(100), "trace_id", "t" + random.nextInt(5)), limits);
        Outcome outcome = pipeline.run(document);
        if (outcome == Outcome.DROPPED) {
          continue;
        }
        if (outcome == Outcome.FAILED) {
          assertThat((String) document.get(Pipeline.ERROR_REASON)).as("seed %d, pipeline\n%s", seed, yaml)
              .isNotNull().doesNotStartWith("BUG:");
        }
        assertThat(document.fieldCount()).as("seed %d", seed).isLessThanOrEqualTo(limits.maxFields() + 4);
        LogEvent event = document.toEvent();
        byte[] json = CanonicalJson.toBytes(event);
        assertThat(CanonicalJson.read(json, 0, json.length).message()).isEqualTo(event.message());
      }
    }
    assertThat(built).as("pipelines built of 200").isGreaterThan(100);
  }

  private static String pick(Random random, List<String> items) {
    return items.get(random.nextInt(items.size()));
  }
}
