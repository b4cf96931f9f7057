package dev.corral.pipeline.definition;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A pipeline's {@code multiline:} block as written: how raw lines are joined before its processors
 * run. Not yet built (built by {@code dev.corral.pipeline.multiline.Multiline#build}).
 *
 * @param where the pipeline and the block's line, for messages, e.g. {@code pipeline 'app', multiline at line 3}
 * @param options the block's options, in order
 */
public record MultilineDefinition(String where, Map<String, Object> options) {
  public MultilineDefinition {
    Objects.requireNonNull(where, "where");
    options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
  }
}
