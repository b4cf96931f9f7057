package dev.corral.server.inputs.bulk;

import dev.corral.server.pipelines.IndexDefaultPipelines;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The default ingest pipeline of each {@code _bulk} target index, as {@code index.default_pipeline}
 * is in Elasticsearch: the one set on the index through the API ({@code PUT /{index}} or {@code PUT
 * /{index}/_settings}, {@link IndexDefaultPipelines}) wins; else the configured index patterns
 * ({@code pipelines.bulk_indices}: {@code logs-nginx-*=nginx}), the first that matches the index; {@code
 * *} matches any run of characters. Thread-safe (the API's settings are read as they are now).
 */
final class IndexPipelines {
  private final IndexDefaultPipelines set;
  private final Map<Pattern, String> byPattern = new LinkedHashMap<>();

  /**
   * @param set the defaults set through the API
   * @param patterns index pattern to pipeline id, in the order they are tried
   */
  IndexPipelines(IndexDefaultPipelines set, Map<String, String> patterns) {
    this.set = set;
    patterns.forEach((glob, pipeline) -> byPattern.put(glob(glob), pipeline));
  }

  /** The default pipeline of {@code index} ({@code _none}: none at all), or null (also for a null index). */
  String of(String index) {
    if (index == null) {
      return null;
    }
    String own = set.of(index).orElse(null);
    if (own != null) {
      return own;
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
