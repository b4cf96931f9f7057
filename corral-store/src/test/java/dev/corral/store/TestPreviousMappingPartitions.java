package dev.corral.store;

import static dev.corral.store.StoreTesting.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.model.LogEvent;
import dev.corral.query.plan.QueryPlanParser;
import dev.corral.store.index.FieldMapping;
import dev.corral.store.search.QueryLimits;
import dev.corral.store.search.QueryRequest;
import dev.corral.store.search.QueryResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mapping diet ({@code FieldMapping}): a new partition indexes identifiers without doc values
 * and numbers without points; a partition written by the previous version keeps both for the
 * fields it has, also in the segments written after the upgrade (Lucene refuses a second schema
 * for a field in one index); and queries answer alike over both kinds of segment.
 */
class TestPreviousMappingPartitions {
  private static final String OLD_DAY = "2026-11-20";
  private static final String NEW_DAY = "2026-11-21";

  @TempDir Path dir;

  @Test
  void aPartitionOfThePreviousVersionKeepsItsSchemaAndAnswersAlongsideNewOnes() throws Exception {
    PreviousVersionPartitions.write(dir, List.of(
        event(OLD_DAY + "T10:00:00Z", "old one", Map.of("trace_id", "t1", "span_id", "s1", "duration", 5L)),
        event(OLD_DAY + "T10:00:01Z", "old two", Map.of("trace_id", "t2", "span_id", "s2", "duration", 50L))),
        StoreConfig.DEFAULT_MAX_KEYWORD_BYTES);
    try (LogStore store = LogStore.open(StoreTesting.config(dir))) {
      new TestWal().appendAndSubmit(store, List.of(
          event(OLD_DAY + "T11:00:00Z", "after upgrade", Map.of("trace_id", "t1", "span_id", "s3", "duration", 7L,
              "request_id", "r1", "size", 3L)),
          event(NEW_DAY + "T09:00:00Z", "new day", Map.of("trace_id", "t1", "span_id", "s4", "duration", 500L,
              "request_id", "r2")),
          event(NEW_DAY + "T09:00:01Z", "new day two", Map.of("trace_id", "t3", "duration", 0.5))));
      store.awaitIndexed();

      assertThat(rows(store, "* | stats count() by trace_id")).containsExactly(
          List.of("t1", 3L), List.of("t2", 1L), List.of("t3", 1L));
      assertThat(rows(store, "* | stats dc(trace_id), dc(span_id), dc(request_id)")).containsExactly(List.of(3L, 4L, 2L));
      assertThat(rows(store, "* | top 1 trace_id").get(0)).startsWith("t1", 3L);
      assertThat(messages(store, "* | sort -span_id")).containsExactly(
          "new day", "after upgrade", "old two", "old one", "new day two");
      assertThat(messages(store, "span_id:* | where span_id != s2")).containsExactlyInAnyOrder(
          "old one", "after upgrade", "new day");
      assertThat(messages(store, "trace_id:t1 duration:[6 TO 600]")).containsExactlyInAnyOrder("after upgrade", "new day");
      assertThat(messages(store, "* | where duration < 6")).containsExactlyInAnyOrder("old one", "new day two");
      assertThat(messages(store, "duration:50")).containsExactly("old two");
      store.commit();
    }

    FieldInfo oldTrace = null;
    for (FieldInfo info : fieldInfos(OLD_DAY, FieldMapping.keyword("trace_id"))) {
      assertThat(info.getDocValuesType()).as("previous version's doc values kept in every segment")
          .isEqualTo(DocValuesType.SORTED_SET);
      oldTrace = info;
    }
    assertThat(oldTrace).isNotNull();
    for (FieldInfo info : fieldInfos(OLD_DAY, FieldMapping.numeric("duration"))) {
      assertThat(info.getPointDimensionCount()).as("previous version's points kept").isEqualTo(1);
    }
    assertThat(fieldInfos(OLD_DAY, FieldMapping.keyword("request_id")))
        .as("an identifier new to an old partition takes the new mapping")
        .allSatisfy(info -> assertThat(info.getDocValuesType()).isEqualTo(DocValuesType.NONE));
    assertThat(fieldInfos(OLD_DAY, FieldMapping.numeric("size")))
        .allSatisfy(info -> assertThat(info.getPointDimensionCount()).isZero());
    List<FieldInfo> newTrace = fieldInfos(NEW_DAY, FieldMapping.keyword("trace_id"));
    assertThat(newTrace).isNotEmpty().allSatisfy(info -> {
      assertThat(info.getDocValuesType()).isEqualTo(DocValuesType.NONE);
      assertThat(info.getIndexOptions()).isEqualTo(IndexOptions.DOCS);
    });
    assertThat(fieldInfos(NEW_DAY, FieldMapping.numeric("duration"))).isNotEmpty().allSatisfy(info -> {
      assertThat(info.getPointDimensionCount()).isZero();
      assertThat(info.getDocValuesType()).isEqualTo(DocValuesType.SORTED_NUMERIC);
    });
  }

  @Test
  void keywordsIndexDocumentsOnlyAndFullTextKeepsPositions() throws Exception {
    try (LogStore store = LogStore.open(StoreTesting.config(dir))) {
      new TestWal().appendAndSubmit(store, List.of(event(NEW_DAY + "T09:00:00Z", "card declined", Map.of(
          "service", "pay", "exception.stacktrace", "boom at x"))));
      store.awaitIndexed();
      store.commit();
    }
    assertThat(fieldInfos(NEW_DAY, FieldMapping.keyword("service"))).isNotEmpty().allSatisfy(info -> {
      assertThat(info.getIndexOptions()).isEqualTo(IndexOptions.DOCS);
      assertThat(info.getDocValuesType()).isEqualTo(DocValuesType.SORTED_SET);
    });
    assertThat(fieldInfos(NEW_DAY, FieldMapping.LEVEL)).isNotEmpty()
        .allSatisfy(info -> assertThat(info.getIndexOptions()).isEqualTo(IndexOptions.DOCS));
    for (String text : List.of("message", "exception.stacktrace")) {
      assertThat(fieldInfos(NEW_DAY, text)).as(text).isNotEmpty().allSatisfy(info ->
          assertThat(info.getIndexOptions()).isEqualTo(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS));
    }
  }

  private List<FieldInfo> fieldInfos(String day, String luceneField) throws IOException {
    List<FieldInfo> infos = new ArrayList<>();
    try (FSDirectory directory = FSDirectory.open(dir.resolve(day)); DirectoryReader reader = DirectoryReader.open(directory)) {
      for (LeafReaderContext leaf : reader.leaves()) {
        FieldInfo info = leaf.reader().getFieldInfos().fieldInfo(luceneField);
        if (info != null) {
          infos.add(info);
        }
      }
    }
    return infos;
  }

  static QueryResult query(LogStore store, String text) throws IOException {
    return store.searcher().query(new QueryRequest(QueryPlanParser.parse(text), Long.MIN_VALUE, Long.MAX_VALUE, 100,
        StoreTesting.NOW, Duration.ofMinutes(1), QueryLimits.DEFAULTS));
  }

  static List<List<Object>> rows(LogStore store, String text) throws IOException {
    return query(store, text).table().rows();
  }

  static List<String> messages(LogStore store, String text) throws IOException {
    return query(store, text).events().stream().map(e -> StoreTesting.parse(e).message()).toList();
  }
}
