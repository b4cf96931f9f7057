package dev.corral.server.ingest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Which processing pipeline a request names for its events, before the input's default and the
 * pipelines' {@code when} rules are asked ({@link EventProcessing}). Immutable.
 *
 * @param requested the pipeline the request names for all its events ({@code ?pipeline=}), {@link #NO_PIPELINE}
 *     for none at all, or null when it names none
 * @param perEvent the pipeline named for each event, by position (a {@code _bulk} action's {@code pipeline} or its
 *     index's default), null entries falling back to {@code requested}; empty when the request names none per event
 */
public record PipelineChoice(String requested, List<String> perEvent) {
  /** Elasticsearch's name for "run no pipeline", which also skips the defaults. */
  public static final String NO_PIPELINE = "_none";
  /** The request names no pipeline: the input's default and the {@code when} rules decide. */
  public static final PipelineChoice DEFAULT = new PipelineChoice(null, List.of());

  public PipelineChoice {
    perEvent = Collections.unmodifiableList(new ArrayList<>(perEvent)); // null entries allowed
  }

  /** Every event of the request runs {@code pipeline} (null: none named). */
  public static PipelineChoice of(String pipeline) {
    return pipeline == null || pipeline.isEmpty() ? DEFAULT : new PipelineChoice(pipeline, List.of());
  }

  /** The pipeline named for event {@code index}, or null when none is named for it. */
  public String named(int index) {
    String own = index < perEvent.size() ? perEvent.get(index) : null;
    return own != null ? own : requested;
  }
}
