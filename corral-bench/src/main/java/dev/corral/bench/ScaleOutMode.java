package dev.corral.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * How events reach Corral ({@code via}: {@code http} or {@code kafka}) and where it stores them ({@code store}:
 * {@code lucene}, its local store, or {@code opensearch}): one column of {@code corral bench --via … --store …}.
 */
record ScaleOutMode(String via, String store) {
  static final String HTTP = "http";
  static final String KAFKA = "kafka";
  static final String LUCENE = "lucene";
  static final String OPENSEARCH = "opensearch";

  ScaleOutMode {
    if (!via.equals(HTTP) && !via.equals(KAFKA)) {
      throw new IllegalArgumentException("--via: unknown path " + via + " (http, kafka)");
    }
    if (!store.equals(LUCENE) && !store.equals(OPENSEARCH)) {
      throw new IllegalArgumentException("--store: unknown store " + store + " (lucene, opensearch)");
    }
  }

  /**
   * Every combination of {@code vias} and {@code stores} except http + lucene, which is the plain {@code corral}
   * peer every run measures first; in the order given, paths outer.
   */
  static List<ScaleOutMode> beyondPlain(List<String> vias, List<String> stores) {
    List<ScaleOutMode> modes = new ArrayList<>();
    for (String via : vias) {
      for (String store : stores) {
        ScaleOutMode mode = new ScaleOutMode(via, store);
        if (!mode.plain() && !modes.contains(mode)) {
          modes.add(mode);
        }
      }
    }
    return List.copyOf(modes);
  }

  boolean plain() {
    return via.equals(HTTP) && store.equals(LUCENE);
  }

  boolean kafka() {
    return via.equals(KAFKA);
  }

  boolean openSearch() {
    return store.equals(OPENSEARCH);
  }

  /** The column name: {@code corral+opensearch via kafka}, {@code corral via kafka}, {@code corral+opensearch}. */
  String peerName() {
    return "corral" + (openSearch() ? "+opensearch" : "") + (kafka() ? " via kafka" : "");
  }

  /** The name in file names: {@code kafka-opensearch}, {@code kafka-lucene}, {@code http-opensearch}. */
  String fileName() {
    return via + "-" + store;
  }
}
