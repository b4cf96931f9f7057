package dev.corral.store.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestWarmCodec {
  @TempDir Path dir;
  private final Random random = new Random(11);

  @Test
  void isFoundByNameThroughTheServiceLoader() {
    assertThat(Codec.forName(WarmCodec.NAME)).isInstanceOf(WarmCodec.class);
  }

  @Test
  void everyStoredSourceReadsBackExactlyAfterFlushesAndAMerge() throws IOException {
    List<byte[]> sources = new ArrayList<>();
    sources.add(new byte[0]);
    for (int i = 0; i < 6_000; i++) {
      sources.add(logLine(i));
    }
    sources.add(randomBytes(2_000_000)); // beyond two chunks: written in slices
    sources.add(logLine(6_001));
    try (Directory index = FSDirectory.open(dir)) {
      try (IndexWriter writer = new IndexWriter(index, config())) {
        for (int i = 0; i < sources.size(); i++) {
          writer.addDocument(List.of(new StoredField("i", i), new StoredField("_source", new BytesRef(sources.get(i)))));
          if (i % 2_500 == 0) {
            writer.flush();
          }
        }
        writer.commit();
        assertAllReadBack(index, sources);
        writer.forceMerge(1);
        writer.commit();
      }
      assertThat(SegmentInfos.readLatestCommit(index).info(0).info.getCodec().getName()).isEqualTo(WarmCodec.NAME);
      assertAllReadBack(index, sources);
      try (CheckIndex check = new CheckIndex(index)) {
        assertThat(check.checkIndex().clean).isTrue();
      }
    }
  }

  @Test
  void aDamagedChunkFailsAsCorruptInsteadOfReadingWrongBytes() throws IOException {
    byte[] source = randomBytes(200_000); // one chunk: the middle of the file is compressed data
    try (Directory index = FSDirectory.open(dir)) {
      try (IndexWriter writer = new IndexWriter(index, config())) {
        writer.addDocument(List.of(new StoredField("_source", new BytesRef(source))));
        writer.commit();
      }
    }
    Path storedFields;
    try (var files = Files.list(dir)) {
      storedFields = files.filter(p -> p.toString().endsWith(".fdt")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(storedFields);
    bytes[bytes.length / 2] ^= 0x5a;
    Files.write(storedFields, bytes);

    try (Directory index = FSDirectory.open(dir); DirectoryReader reader = DirectoryReader.open(index)) {
      StoredFields stored = reader.storedFields();
      assertThatThrownBy(() -> stored.document(0)).isInstanceOf(CorruptIndexException.class);
    }
  }

  @Test
  void refusesALevelZstdDoesNotHave() {
    assertThatThrownBy(() -> new ZstdCompressionMode(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ZstdCompressionMode(99)).isInstanceOf(IllegalArgumentException.class);
  }

  private static IndexWriterConfig config() {
    return new IndexWriterConfig().setCodec(new WarmCodec()).setUseCompoundFile(false);
  }

  /** Reads every document in order, then in a shuffled order (chunks revisited and skipped). */
  private void assertAllReadBack(Directory index, List<byte[]> sources) throws IOException {
    try (DirectoryReader reader = DirectoryReader.open(index)) {
      assertThat(reader.maxDoc()).isEqualTo(sources.size());
      List<Integer> docs = new ArrayList<>();
      for (int doc = 0; doc < sources.size(); doc++) {
        docs.add(doc);
      }
      assertReadBack(reader.storedFields(), docs, sources);
      java.util.Collections.shuffle(docs, random);
      assertReadBack(reader.storedFields(), docs, sources);
    }
  }

  private static void assertReadBack(StoredFields stored, List<Integer> docs, List<byte[]> sources) throws IOException {
    for (int doc : docs) { // merges may reorder segments: match by "i"
      Document document = stored.document(doc);
      BytesRef value = document.getBinaryValue("_source");
      byte[] expected = sources.get(document.getField("i").numericValue().intValue());
      assertThat(value == null ? new byte[0] : BytesRef.deepCopyOf(value).bytes)
          .as("document %d", doc).isEqualTo(expected);
    }
  }

  private byte[] logLine(int i) {
    String line = "{\"timestamp\":\"2026-11-21T10:00:" + (i % 60) + "Z\",\"level\":\"INFO\",\"service\":\"svc-"
        + (i % 7) + "\",\"trace_id\":\"" + Long.toHexString(random.nextLong()) + "\",\"message\":\"" + "é ".repeat(i % 50) + "\"}";
    return line.getBytes(StandardCharsets.UTF_8);
  }

  private byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }
}
