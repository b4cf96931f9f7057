package dev.corral.store;

import static dev.corral.store.StoreTesting.config;
import static dev.corral.store.StoreTesting.event;
import static dev.corral.store.TestPreviousMappingPartitions.messages;
import static dev.corral.store.TestPreviousMappingPartitions.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.model.LogEvent;
import dev.corral.store.index.FieldMapping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.StringHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PartitionLifecycle#mergeArchivedCopy} across the mapping diet: a copy archived before it
 * (doc values on identifiers, points on numbers) joins a partition of the same day started after
 * it, rewritten to the partition's schema; a copy with the partition's schema is still added by
 * copying its files; a copy that lacks what the partition has is refused and changes nothing.
 */
class TestMergeArchivedCopyAcrossMappings {
  private static final LocalDate DAY = LocalDate.parse("2026-11-19");
  private static final String TRACE = FieldMapping.keyword("trace_id");
  private static final String DURATION = FieldMapping.numeric("duration");

  @TempDir Path dir;
  @TempDir Path archivedStore;
  @TempDir Path copy;
  private final TestWal wal = new TestWal();

  /** An event of DAY with every identifier field and a number; {@code i} picks the values. */
  private static LogEvent event(String tag, int i) {
    return StoreTesting.event(DAY + "T10:00:" + (10 + i) + "Z", tag + " " + i, Map.of(
        "trace_id", "t" + i % 3, "span_id", tag + "-s" + i, "request_id", "r" + i % 2,
        "parent_span_id", "p" + i % 4, "duration", 10L * i));
  }

  private static List<LogEvent> events(String tag, int count) {
    List<LogEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(event(tag, i));
    }
    return events;
  }

  /** The compacted, snapshotted partition of DAY holding {@code events} written the previous way, as archived then. */
  private void archivedBeforeTheDiet(List<LogEvent> events) throws Exception {
    PreviousVersionPartitions.write(archivedStore, events, StoreConfig.DEFAULT_MAX_KEYWORD_BYTES);
    snapshotInto(copy);
  }

  /** The compacted, snapshotted partition of DAY holding {@code events} written by this version. */
  private void archivedAfterTheDiet(List<LogEvent> events) throws Exception {
    try (LogStore store = LogStore.open(config(archivedStore))) {
      new TestWal().appendAndSubmit(store, events);
      store.awaitIndexed();
      store.commit();
    }
    snapshotInto(copy);
  }

  private void snapshotInto(Path into) throws Exception {
    try (LogStore store = LogStore.open(config(archivedStore))) {
      store.lifecycle().compact(DAY);
      try (PartitionSnapshot snapshot = store.lifecycle().snapshot(DAY, archivedStore.resolve("snapshot")).orElseThrow()) {
        for (Path file : snapshot.files()) {
          Files.copy(file, into.resolve(file.getFileName()));
        }
      }
    }
  }

  @Test
  void aCopyArchivedBeforeTheDietJoinsANewPartitionAndAnswersAlikeAfterTheMerge() throws Exception {
    archivedBeforeTheDiet(events("archived", 6));
    assertThat(fieldInfos(copy, TRACE)).allSatisfy(info ->
        assertThat(info.getDocValuesType()).isEqualTo(DocValuesType.SORTED_SET));
    assertThat(fieldInfos(copy, DURATION)).allSatisfy(info -> assertThat(info.getPointDimensionCount()).isEqualTo(1));
    Set<String> copySegments = segmentIds(copy);
    List<BytesRef> copySources = sources(copy);

    try (LogStore store = LogStore.open(config(dir))) {
      wal.appendAndSubmit(store, events("late", 3));
      store.awaitIndexed();
      store.commit();

      assertThat(store.lifecycle().mergeArchivedCopy(DAY, copy, 42)).contains(6L);

      assertThat(segmentIds(dir.resolve(DAY.toString()))).as("the copy's segments were rewritten")
          .doesNotContainAnyElementsOf(copySegments);
      assertThat(sources(dir.resolve(DAY.toString()))).as("the sources stay byte for byte").containsAll(copySources);
      assertThat(messages(store, "trace_id:t1")).containsExactlyInAnyOrder("archived 1", "archived 4", "late 1");
      assertThat(rows(store, "* | stats count() by trace_id")).containsExactly(
          List.of("t0", 3L), List.of("t1", 3L), List.of("t2", 3L));
      assertThat(rows(store, "* | stats dc(span_id), dc(request_id), dc(parent_span_id), count()"))
          .containsExactly(List.of(9L, 2L, 4L, 9L));
      assertThat(messages(store, "duration:[15 TO 40]")).containsExactlyInAnyOrder(
          "archived 2", "archived 3", "archived 4", "late 2");
      assertThat(messages(store, "request_id:r1 | where duration >= 30")).containsExactlyInAnyOrder(
          "archived 3", "archived 5");
      assertThat(messages(store, "* | where span_id = late-s0")).containsExactly("late 0");
      assertThat(store.lifecycle().archivedCopy(DAY)).hasValue(42);

      wal.appendAndSubmit(store, List.of(event("later", 7)));
      store.awaitIndexed();
      store.commit();
      assertThat(store.lifecycle().archivedCopy(DAY)).as("a later commit keeps the mark").hasValue(42);
      store.lifecycle().compact(DAY);
    }

    assertThat(fieldInfos(dir.resolve(DAY.toString()), TRACE)).isNotEmpty().allSatisfy(info ->
        assertThat(info.getDocValuesType()).as("the partition keeps its schema").isEqualTo(DocValuesType.NONE));
    assertThat(fieldInfos(dir.resolve(DAY.toString()), DURATION)).isNotEmpty().allSatisfy(info -> {
      assertThat(info.getPointDimensionCount()).isZero();
      assertThat(info.getDocValuesType()).isEqualTo(DocValuesType.SORTED_NUMERIC);
    });
    try (LogStore reopened = LogStore.open(config(dir))) {
      assertThat(wal.replay(reopened, reopened.checkpoint())).as("the merge is committed").isZero();
      reopened.awaitIndexed();
      assertThat(rows(reopened, "* | stats count() by trace_id")).containsExactly(
          List.of("t0", 3L), List.of("t1", 4L), List.of("t2", 3L));
      assertThat(messages(reopened, "duration:>=50")).containsExactlyInAnyOrder("archived 5", "later 7");
      assertThat(reopened.lifecycle().archivedCopy(DAY)).hasValue(42);
    }
  }

  @Test
  void aCopyWithThePartitionsSchemaIsAddedByCopyingItsFiles() throws Exception {
    archivedAfterTheDiet(events("archived", 4));
    Set<String> copySegments = segmentIds(copy);
    try (LogStore store = LogStore.open(config(dir))) {
      wal.appendAndSubmit(store, events("late", 2));
      store.awaitIndexed();
      store.commit();

      assertThat(store.lifecycle().mergeArchivedCopy(DAY, copy, 7)).contains(4L);

      assertThat(segmentIds(dir.resolve(DAY.toString()))).as("the copy's segments are there as archived")
          .containsAll(copySegments);
      assertThat(rows(store, "* | stats count() by trace_id")).containsExactly(
          List.of("t0", 3L), List.of("t1", 2L), List.of("t2", 1L));
      assertThat(store.lifecycle().archivedCopy(DAY)).hasValue(7);
    }
  }

  @Test
  void aCopyWithoutTheDocValuesOfAnOlderPartitionIsRefusedAndChangesNothing() throws Exception {
    archivedAfterTheDiet(events("archived", 4));
    PreviousVersionPartitions.write(dir, events("old", 2), StoreConfig.DEFAULT_MAX_KEYWORD_BYTES);
    try (LogStore store = LogStore.open(config(dir))) {
      assertThatThrownBy(() -> store.lifecycle().mergeArchivedCopy(DAY, copy, 7))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot change field");

      assertThat(rows(store, "* | stats count()")).containsExactly(List.of(2L));
      assertThat(store.lifecycle().archivedCopy(DAY)).isEmpty();
    }
  }

  private static List<FieldInfo> fieldInfos(Path partition, String luceneField) throws IOException {
    List<FieldInfo> infos = new ArrayList<>();
    try (Directory directory = FSDirectory.open(partition); DirectoryReader reader = DirectoryReader.open(directory)) {
      for (LeafReaderContext leaf : reader.leaves()) {
        FieldInfo info = leaf.reader().getFieldInfos().fieldInfo(luceneField);
        if (info != null) {
          infos.add(info);
        }
      }
    }
    return infos;
  }

  /** The stored source of every event of the partition's last commit. */
  private static List<BytesRef> sources(Path partition) throws IOException {
    List<BytesRef> sources = new ArrayList<>();
    try (Directory directory = FSDirectory.open(partition); DirectoryReader reader = DirectoryReader.open(directory)) {
      for (LeafReaderContext leaf : reader.leaves()) {
        StoredFields stored = leaf.reader().storedFields();
        for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
          sources.add(BytesRef.deepCopyOf(stored.document(doc).getBinaryValue(FieldMapping.SOURCE)));
        }
      }
    }
    return sources;
  }

  /** The ids of the segments of the last commit: a segment added by copying its files keeps its id. */
  private static Set<String> segmentIds(Path partition) throws IOException {
    Set<String> ids = new HashSet<>();
    try (Directory directory = FSDirectory.open(partition)) {
      for (SegmentCommitInfo segment : SegmentInfos.readLatestCommit(directory)) {
        ids.add(StringHelper.idToString(segment.info.getId()));
      }
    }
    return ids;
  }
}
