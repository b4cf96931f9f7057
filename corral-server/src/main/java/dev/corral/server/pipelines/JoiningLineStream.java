package dev.corral.server.pipelines;

import dev.corral.model.LogEvent;
import dev.corral.pipeline.engine.Pipeline;
import dev.corral.pipeline.engine.PipelineSet;
import dev.corral.pipeline.multiline.LineJoiner;
import dev.corral.server.ingest.LineStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The lines of one connection of a streaming input, joined by the {@code multiline} block of the
 * pipeline each line selects (the input's default, else the first whose {@code when} matches): the
 * consecutive lines that select one pipeline with a block share a {@link LineJoiner}; a line that
 * selects another pipeline, or one without a block, completes the open group first. The set is read
 * at each line, so a reload applies from the next line on (an open group finishes with the block it
 * began with). The joined events are then appended and run their pipeline like any others. Not
 * thread-safe ({@link LineStream}).
 */
final class JoiningLineStream implements LineStream {
  private final Supplier<PipelineSet> current;
  private final String inputDefault;
  private Pipeline openPipeline;
  private LineJoiner joiner;

  /** @param inputDefault the input's default pipeline's id, or null */
  JoiningLineStream(Supplier<PipelineSet> current, String inputDefault) {
    this.current = current;
    this.inputDefault = inputDefault;
  }

  @Override
  public List<LogEvent> add(LogEvent line, long nowNanos) {
    PipelineSet set = current.get();
    Pipeline pipeline = inputDefault != null ? set.get(inputDefault).orElse(null) : set.selectFor(line).orElse(null);
    if (pipeline == null || pipeline.multiline().isEmpty()) {
      List<LogEvent> events = new ArrayList<>(flush());
      events.add(line);
      return events;
    }
    List<LogEvent> events = new ArrayList<>(2);
    if (pipeline != openPipeline) {
      events.addAll(flush());
      openPipeline = pipeline;
      joiner = pipeline.multiline().get().joiner();
    }
    events.addAll(joiner.add(line, nowNanos));
    return events;
  }

  @Override
  public List<LogEvent> flushIfIdle(long nowNanos) {
    return joiner == null ? List.of() : joiner.flushIfIdle(nowNanos).map(List::of).orElse(List.of());
  }

  @Override
  public List<LogEvent> flush() {
    return joiner == null ? List.of() : joiner.flush().map(List::of).orElse(List.of());
  }

  @Override
  public long flushDeadlineNanos() {
    return joiner == null ? Long.MAX_VALUE : joiner.flushDeadlineNanos();
  }
}
