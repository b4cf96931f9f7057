package dev.corral.server.inputs.bulk;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The default ingest pipeline of each {@code _bulk} target index, as {@code index.default_pipeline}
 * is in Elasticsearch, configured by index pattern ({@code pipelines.bulk_indices}: {@code
 * logs-nginx-*=nginx}): the first pattern that matches the index wins; {@code *} matches any run of
 * characters. Immutable.
 */
final class IndexPipelines {
  /** No index has a default pipeline. */
  static final IndexPipelines NONE = new IndexPipelines(Map.of());

  private final Map<Pattern, String> byPattern = new LinkedHashMap<>();

  /** @param patterns index pattern to pipeline id, in the order they are tried */
  IndexPipelines(Map<String, String> patterns) {
    patterns.forEach((glob, pipeline) -> byPattern.put(glob(glob), pipeline));
  }

  /** The default pipeline of {@code index}, or null (also for a null index). */
  String of(String index) {
    if (index == null) {
      return null;
    }
    for (Map.Entry<Pattern, String> entry : byPattern.entrySet()) {
      if (entry.getKey().matcher(index).matches()) {
        return entry.getValue();
      }
    }
    return null;
  }

  private static Pattern glob(String glob) {
    String[] parts = glob.split("\\*", -1);
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      regex.append(i > 0 ? ".*" : "").append(Pattern.quote(parts[i]));
    }
    return Pattern.compile(regex.toString());
  }
}
