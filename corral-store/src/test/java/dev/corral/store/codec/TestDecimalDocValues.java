package dev.corral.store.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.store.RewriteToWarmMergePolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.SortedNumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.Field;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValuesSkipper;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.NumericUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm codec's decimal doc values ({@link DecimalDocValuesFormat}): every value reads back as
 * the identical sortable-double bits, whichever encoding a field got, through flushes, merges of
 * scaled with plain segments and segments of the previous warm codec.
 */
class TestDecimalDocValues {
  private static final long SEED = new Random().nextLong();
  private static final double[] SPECIAL = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
      Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 0x1p53, 0x1p53 + 2, 1e15 + 0.5, 0.1 + 0.2, 1e-7};

  @TempDir Path dir;
  private final Random random = new Random(SEED);
  /** Per document (by its "id"), per field, the values written. */
  private final Map<String, Map<String, double[]>> written = new HashMap<>();
  private int nextId;

  @Test
  void everyValueReadsBackExactlyAndEachFieldGetsTheSmallestExactScale() throws IOException {
    System.out.println("TestDecimalDocValues seed " + SEED);
    try (Directory index = FSDirectory.open(dir)) {
      try (IndexWriter writer = new IndexWriter(index, config(new WarmCodec()))) {
        for (int i = 0; i < 3_000; i++) {
          add(writer, Map.of(
              "count#n", new double[] {random.nextInt(100_000) - 50_000},          // integers as doubles: scale 0
              "price#n", new double[] {random.nextInt(1_000_000) / 100.0},          // cents: scale 2
              "ratio#n", new double[] {(random.nextInt(2_000_001) - 1_000_000) / 1e6},        // micro-units: scale 6
              "multi#n", sorted(random.nextInt(1000) / 10.0, random.nextInt(1000) / 10.0), // two per event: scale 1
              "random#n", new double[] {random.nextDouble() * 1e4},                // no short decimal: plain
              "special#n", new double[] {SPECIAL[i % SPECIAL.length]},              // NaN, ±Inf, -0.0, …: plain
              "big#n", new double[] {random.nextLong()}));                          // beyond 2^53: plain
          if (i % 700 == 0) {
            writer.flush();
          }
        }
        writer.forceMerge(1);
        writer.commit();
      }
      try (DirectoryReader reader = DirectoryReader.open(index)) {
        assertThat(reader.leaves()).hasSize(1);
        LeafReader leaf = reader.leaves().get(0).reader();
        assertThat(scale(leaf, "count#n")).isEqualTo("0");
        assertThat(scale(leaf, "price#n")).isEqualTo("2");
        assertThat(scale(leaf, "ratio#n")).isEqualTo("6");
        assertThat(scale(leaf, "multi#n")).isEqualTo("1");
        assertThat(scale(leaf, "random#n")).isEqualTo(DecimalDocValuesFormat.PLAIN);
        assertThat(scale(leaf, "special#n")).isEqualTo(DecimalDocValuesFormat.PLAIN);
        assertThat(scale(leaf, "big#n")).isEqualTo(DecimalDocValuesFormat.PLAIN);
        assertEveryValueReadsBack(reader);
      }
      assertClean(index);
    }
  }

  @Test
  void aMergeOfAScaledSegmentWithOneThatDoesNotFitWritesThePlainEncoding() throws IOException {
    try (Directory index = FSDirectory.open(dir)) {
      try (IndexWriter writer = new IndexWriter(index, config(new WarmCodec()))) {
        for (int i = 0; i < 500; i++) {
          add(writer, Map.of("latency#n", new double[] {random.nextInt(100_000) / 10.0}));
        }
        writer.commit();
        try (DirectoryReader reader = DirectoryReader.open(writer)) {
          assertThat(scale(reader.leaves().get(0).reader(), "latency#n")).isEqualTo("1");
        }
        for (int i = 0; i < 500; i++) { // a later segment: the same field, two values that need all of a double
          add(writer, Map.of("latency#n", new double[] {i == 7 ? 1.0 / 3 : i == 9 ? -0.0 : i / 4.0}));
        }
        writer.forceMerge(1);
        writer.commit();
      }
      try (DirectoryReader reader = DirectoryReader.open(index)) {
        assertThat(scale(reader.leaves().get(0).reader(), "latency#n")).as("no stale scale from the first segment")
            .isEqualTo(DecimalDocValuesFormat.PLAIN);
        assertEveryValueReadsBack(reader);
      }
    }
  }

  @Test
  void segmentsOfThePreviousWarmCodecStayReadableAndAForcedMergeRewritesThemScaled() throws IOException {
    assertThat(Codec.forName(WarmCodec1.NAME)).isInstanceOf(WarmCodec1.class);
    try (Directory index = FSDirectory.open(dir)) {
      try (IndexWriter writer = new IndexWriter(index, config(new WarmCodec1()))) {
        for (int i = 0; i < 2_000; i++) {
          add(writer, Map.of("duration_ms#n", new double[] {random.nextInt(1_000_000) / 1000.0}));
        }
        writer.commit();
      }
      assertThat(SegmentInfos.readLatestCommit(index).info(0).info.getCodec().getName()).isEqualTo(WarmCodec1.NAME);
      try (DirectoryReader reader = DirectoryReader.open(index)) {
        assertThat(scale(reader.leaves().get(0).reader(), "duration_ms#n")).isNull();
        assertEveryValueReadsBack(reader);
      }
      IndexWriterConfig upgrade = config(new WarmCodec()).setMergePolicy(new RewriteToWarmMergePolicy());
      try (IndexWriter writer = new IndexWriter(index, upgrade)) {
        writer.forceMerge(1);
        writer.commit();
      }
      assertThat(SegmentInfos.readLatestCommit(index).info(0).info.getCodec().getName()).isEqualTo(WarmCodec.NAME);
      try (DirectoryReader reader = DirectoryReader.open(index)) {
        assertThat(scale(reader.leaves().get(0).reader(), "duration_ms#n")).isEqualTo("3");
        assertEveryValueReadsBack(reader);
      }
    }
  }

  /**
   * A golden index written by the Corral release before {@code CorralWarm2} (its {@code WarmCodec}
   * was {@code CorralWarm1}): 50 sources, {@code latency_ms#n = i × 1.5}, {@code ratio#n = i / 3}.
   */
  @Test
  void aGoldenCorralWarm1IndexReadsBackAndItsCompactionKeepsEverySourceAndValue() throws IOException {
    for (String file : GOLDEN_WARM1_FILES) {
      try (var in = getClass().getResourceAsStream("/golden/corral-warm1/" + file)) {
        java.nio.file.Files.copy(java.util.Objects.requireNonNull(in, file), dir.resolve(file));
      }
    }
    try (Directory index = FSDirectory.open(dir)) {
      assertThat(SegmentInfos.readLatestCommit(index).info(0).info.getCodec().getName()).isEqualTo(WarmCodec1.NAME);
      assertGoldenWarm1(index);
      try (IndexWriter writer = new IndexWriter(index, config(new WarmCodec()).setMergePolicy(new RewriteToWarmMergePolicy()))) {
        writer.forceMerge(1);
        writer.commit();
      }
      assertThat(SegmentInfos.readLatestCommit(index).info(0).info.getCodec().getName()).isEqualTo(WarmCodec.NAME);
      assertGoldenWarm1(index);
      try (DirectoryReader reader = DirectoryReader.open(index)) {
        assertThat(scale(reader.leaves().get(0).reader(), "latency_ms#n")).isEqualTo("1");
        assertThat(scale(reader.leaves().get(0).reader(), "ratio#n")).isEqualTo(DecimalDocValuesFormat.PLAIN);
      }
      assertClean(index);
    }
  }

  private static final List<String> GOLDEN_WARM1_FILES = List.of("segments_1", "_0.si", "_0.fnm", "_0.fdm", "_0.fdt",
      "_0.fdx", "_0_Lucene90_0.dvd", "_0_Lucene90_0.dvm", "_0_Lucene90_0.dvp", "_0_Lucene90_0.dvs");

  private static void assertGoldenWarm1(Directory index) throws IOException {
    try (DirectoryReader reader = DirectoryReader.open(index)) {
      assertThat(reader.maxDoc()).isEqualTo(50);
      LeafReader leaf = reader.leaves().get(0).reader();
      SortedNumericDocValues latency = leaf.getSortedNumericDocValues("latency_ms#n");
      SortedNumericDocValues ratio = leaf.getSortedNumericDocValues("ratio#n");
      StoredFields stored = reader.storedFields();
      for (int i = 0; i < 50; i++) {
        String source = "{\"i\":" + i + ",\"latency_ms\":" + (i * 1.5) + ",\"message\":\"event " + i + "\"}";
        assertThat(stored.document(i).getBinaryValue("_source").utf8ToString()).isEqualTo(source);
        assertThat(latency.advanceExact(i) && ratio.advanceExact(i)).isTrue();
        assertThat(latency.nextValue()).isEqualTo(NumericUtils.doubleToSortableLong(i * 1.5));
        assertThat(ratio.nextValue()).isEqualTo(NumericUtils.doubleToSortableLong(i / 3.0));
      }
    }
  }

  @Test
  void rangeQueriesAndTheSkipIndexSeeTheDecodedValues() throws IOException {
    try (Directory index = FSDirectory.open(dir)) {
      try (IndexWriter writer = new IndexWriter(index, config(new WarmCodec()))) {
        for (int i = 0; i < 5_000; i++) {
          double value = (i - 2_500) / 100.0; // -25.00 … 24.99
          Document document = new Document();
          document.add(SortedNumericDocValuesField.indexedField("amount#n", NumericUtils.doubleToSortableLong(value)));
          writer.addDocument(document);
        }
        writer.forceMerge(1);
        writer.commit();
      }
      try (DirectoryReader reader = DirectoryReader.open(index)) {
        LeafReader leaf = reader.leaves().get(0).reader();
        assertThat(scale(leaf, "amount#n")).isEqualTo("2");
        DocValuesSkipper skipper = leaf.getDocValuesSkipper("amount#n");
        assertThat(NumericUtils.sortableLongToDouble(skipper.minValue())).isEqualTo(-25.0);
        assertThat(NumericUtils.sortableLongToDouble(skipper.maxValue())).isEqualTo(24.99);
        Query range = SortedNumericDocValuesField.newSlowRangeQuery("amount#n",
            NumericUtils.doubleToSortableLong(-0.5), NumericUtils.doubleToSortableLong(1.25));
        assertThat(new IndexSearcher(reader).count(range)).isEqualTo(176); // -0.50 … 1.25 in cents
      }
    }
  }

  private static IndexWriterConfig config(Codec codec) {
    return new IndexWriterConfig().setCodec(codec).setUseCompoundFile(false);
  }

  private static String scale(LeafReader leaf, String field) {
    return leaf.getFieldInfos().fieldInfo(field).getAttribute(DecimalDocValuesFormat.SCALE_ATTRIBUTE);
  }

  private static double[] sorted(double... values) {
    Arrays.sort(values);
    return values;
  }

  private void add(IndexWriter writer, Map<String, double[]> fields) throws IOException {
    String id = Integer.toString(nextId++);
    Document document = new Document();
    document.add(new StringField("id", id, Field.Store.YES));
    fields.forEach((field, values) -> {
      for (double value : values) {
        document.add(new SortedNumericDocValuesField(field, NumericUtils.doubleToSortableLong(value)));
      }
    });
    writer.addDocument(document);
    written.put(id, fields);
  }

  /** Every document's values, field by field, are the sortable bits written, in sortable order. */
  private void assertEveryValueReadsBack(DirectoryReader reader) throws IOException {
    assertThat(reader.numDocs()).isEqualTo(written.size());
    Map<String, SortedNumericDocValues> open = new HashMap<>();
    StoredFields stored = reader.storedFields();
    LeafReader leaf = reader.leaves().get(0).reader();
    for (int doc = 0; doc < reader.maxDoc(); doc++) {
      Map<String, double[]> expected = written.get(stored.document(doc).get("id"));
      for (Map.Entry<String, double[]> field : expected.entrySet()) {
        SortedNumericDocValues values = open.computeIfAbsent(field.getKey(), name -> docValues(leaf, name));
        assertThat(values.advanceExact(doc)).isTrue();
        List<Long> actual = new ArrayList<>();
        for (int i = 0; i < values.docValueCount(); i++) {
          actual.add(values.nextValue());
        }
        List<Long> bits = new ArrayList<>();
        for (double value : field.getValue()) {
          bits.add(NumericUtils.doubleToSortableLong(value));
        }
        bits.sort(null);
        assertThat(actual).as("seed %d, field %s, doc %d", SEED, field.getKey(), doc).isEqualTo(bits);
      }
    }
    for (SortedNumericDocValues values : open.values()) {
      assertThat(values.nextDoc()).isEqualTo(DocIdSetIterator.NO_MORE_DOCS);
    }
  }

  private static SortedNumericDocValues docValues(LeafReader leaf, String field) {
    try {
      return leaf.getSortedNumericDocValues(field);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void assertClean(Directory index) throws IOException {
    try (CheckIndex check = new CheckIndex(index)) {
      assertThat(check.checkIndex().clean).isTrue();
    }
  }
}
