package dev.corral.server.pipelines;

import dev.corral.pipeline.engine.PipelineStats;
import dev.corral.pipeline.engine.ProcessorStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A pipeline's counters as JSON-ready maps, for stats and the admin API. Stateless. */
final class PipelineStatsJson {
  private PipelineStatsJson() {}

  /**
   * {@code {in, kept, dropped, failed, processors: [{where, type, tag, metric, in, out, dropped, failed, skipped,
   * time_ms}]}}; {@code metric} is the processor's label on {@code /metrics} ({@link ProcessorMetrics}).
   */
  static Map<String, Object> of(PipelineStats stats) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("in", stats.in());
    json.put("kept", stats.kept());
    json.put("dropped", stats.dropped());
    json.put("failed", stats.failed());
    List<Map<String, Object>> processors = new ArrayList<>(stats.processors().size());
    List<String> labels = ProcessorMetrics.labels(stats);
    for (int i = 0; i < stats.processors().size(); i++) {
      ProcessorStats processor = stats.processors().get(i);
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("where", processor.where());
      one.put("type", processor.type());
      one.put("tag", processor.tag());
      one.put("metric", labels.get(i));
      one.put("in", processor.in());
      one.put("out", processor.out());
      one.put("dropped", processor.dropped());
      one.put("failed", processor.failed());
      one.put("skipped", processor.skipped());
      one.put("time_ms", Math.round(processor.nanos() / 1_000.0) / 1_000.0);
      processors.add(one);
    }
    json.put("processors", processors);
    return json;
  }
}
