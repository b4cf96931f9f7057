package dev.corral.store;

import dev.corral.store.index.FieldMapping;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;

/** The event field names (as users type them, {@link FieldMapping#eventField}) of a partition's index. */
final class EventFieldNames {
  private EventFieldNames() {}

  /** The event field names of the index {@code manager} searches; acquires and releases one searcher. */
  static Set<String> of(SearcherManager manager) throws IOException {
    IndexSearcher searcher = manager.acquire();
    try {
      return of(searcher);
    } finally {
      manager.release(searcher);
    }
  }

  /** The event field names of the index {@code searcher} reads. */
  static Set<String> of(IndexSearcher searcher) {
    Set<String> names = new TreeSet<>();
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      names.addAll(ofLuceneFields(leaf.reader().getFieldInfos()));
    }
    return names;
  }

  /** The event field names among Lucene field names or {@link FieldInfo}s; internal fields are left out. */
  static Set<String> ofLuceneFields(Iterable<?> luceneFields) {
    Set<String> names = new TreeSet<>();
    for (Object field : luceneFields) {
      String name = FieldMapping.eventField(field instanceof FieldInfo info ? info.name : (String) field);
      if (name != null) {
        names.add(name);
      }
    }
    return names;
  }
}
