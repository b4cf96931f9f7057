package dev.corral.store.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

/**
 * {@link PostingsOrdinals} read like sorted doc values (ordinals in term order, smallest term of a
 * document with several, missing documents skipped), and {@link PostingsOrdinalsCache} keeps them
 * within its budget and forgets a segment once it closes.
 */
class TestPostingsOrdinalsCache {
  private static final String FIELD = "trace_id";

  @Test
  void ordinalsFromPostingsReadLikeSortedDocValues() throws IOException {
    try (Directory directory = new ByteBuffersDirectory()) {
      write(directory, List.of(List.of("c"), List.of(), List.of("a"), List.of("d", "b"), List.of("c")));
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        LeafReader leaf = reader.leaves().get(0).reader();
        SortedDocValues values = new PostingsOrdinalsCache(1 << 20).sortedFromPostings(leaf, FIELD);
        assertThat(values.getValueCount()).isEqualTo(4);
        List<String> seen = new ArrayList<>();
        for (int doc = values.nextDoc(); doc != SortedDocValues.NO_MORE_DOCS; doc = values.nextDoc()) {
          seen.add(doc + "=" + values.lookupOrd(values.ordValue()).utf8ToString() + "#" + values.ordValue());
        }
        assertThat(seen).containsExactly("0=c#2", "2=a#0", "3=b#1", "4=c#2");
        assertThat(values.advanceExact(1)).isFalse();
        assertThat(values.advanceExact(3)).isTrue();
        assertThat(values.ordValue()).isEqualTo(1);
      }
    }
  }

  @Test
  void keepsViewsWithinTheBudgetAndDropsThemWhenTheSegmentCloses() throws IOException {
    PostingsOrdinalsCache cache = new PostingsOrdinalsCache(400);
    try (Directory first = new ByteBuffersDirectory(); Directory second = new ByteBuffersDirectory()) {
      write(first, List.of(List.of("a"), List.of("b"), List.of("c")));
      write(second, List.of(List.of("x"), List.of("y")));
      DirectoryReader firstReader = DirectoryReader.open(first);
      try (DirectoryReader secondReader = DirectoryReader.open(second)) {
        cache.sortedFromPostings(firstReader.leaves().get(0).reader(), FIELD);
        long firstBytes = cache.heldBytes();
        assertThat(firstBytes).isPositive();
        cache.sortedFromPostings(secondReader.leaves().get(0).reader(), FIELD);
        assertThat(cache.heldBytes()).isGreaterThan(firstBytes).isLessThanOrEqualTo(cache.budgetBytes());
        long both = cache.heldBytes();
        firstReader.close();
        assertThat(cache.heldBytes()).as("a closed segment's view is dropped").isEqualTo(both - firstBytes);
      }
      assertThat(cache.heldBytes()).isZero();

      PostingsOrdinalsCache tiny = new PostingsOrdinalsCache(16);
      try (DirectoryReader reader = DirectoryReader.open(first)) {
        assertThat(tiny.sortedFromPostings(reader.leaves().get(0).reader(), FIELD).getValueCount()).isEqualTo(3);
        assertThat(tiny.heldBytes()).as("a view over half the budget serves its query and is not kept").isZero();
      }
    }
  }

  private static void write(Directory directory, List<List<String>> docs) throws IOException {
    try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
      for (List<String> values : docs) {
        Document doc = new Document();
        doc.add(new StringField("other", "x", Field.Store.NO));
        for (String value : values) {
          doc.add(new StringField(FIELD, value, Field.Store.NO));
        }
        writer.addDocument(doc);
      }
      writer.forceMerge(1);
    }
  }
}
