package dev.corral.bench.micro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.model.EventBatch;
import dev.corral.store.index.FieldMapping;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class DocumentBuildBenchmarkTest {
  @Test
  void setupGivesADecodedBatchAndEachCallBuildsTheNextEventsDocument() {
    DocumentBuildBenchmark benchmark = new DocumentBuildBenchmark();
    benchmark.setUp();
    EventBatch batch = benchmark.batch();

    assertThat(batch.size()).isEqualTo(DocumentBuildBenchmark.SAMPLE);
    boolean sawNumber = false;
    boolean sawTraceId = false;
    for (int i = 0; i < batch.size(); i++) {
      List<IndexableField> document = benchmark.build();
      BytesRef source = field(document, FieldMapping.SOURCE).binaryValue();
      assertThat(Arrays.copyOfRange(source.bytes, source.offset, source.offset + source.length))
          .isEqualTo(Arrays.copyOfRange(batch.source(), batch.lineStart(i), batch.lineStart(i) + batch.lineLength(i)));
      assertThat(field(document, FieldMapping.LEVEL).binaryValue().utf8ToString())
          .isEqualTo(batch.events().get(i).level().name());
      sawNumber |= document.stream().anyMatch(f -> f.name().endsWith("#n"));
      sawTraceId |= document.stream().anyMatch(f -> f.name().equals(FieldMapping.keyword("trace_id")));
    }
    assertThat(sawNumber).as("some event has a numeric field").isTrue();
    assertThat(sawTraceId).as("some event has a trace id").isTrue();
  }

  private static IndexableField field(List<IndexableField> document, String name) {
    return document.stream().filter(f -> f.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no field " + name + " in " + document));
  }
}
