package dev.corral.server.pipelines;

import dev.corral.pipeline.engine.Pipeline;
import dev.corral.pipeline.engine.PipelineSet;
import dev.corral.pipeline.engine.PipelineStats;
import dev.corral.pipeline.engine.ProcessorStats;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Every processor's counters on {@code /metrics}: {@code
 * corral_pipeline_processor_events_total{pipeline,processor,outcome}} (outcome {@code in}, {@code
 * out}, {@code dropped}, {@code failed}, {@code skipped}) and {@code
 * corral_pipeline_processor_seconds_total{pipeline,processor}}.
 *
 * <p>Nothing here runs on the ingest path: the engine counts into its own per-processor adders
 * ({@link PipelineStats}), and this reads them when {@code /metrics} is scraped. The engine's counters
 * start from zero with each reload (a new set); Prometheus counters must not go back, so when a set
 * is swapped out its totals are carried ({@link #retire}) and added to the new set's processors of
 * the same pipeline and label. A processor that no longer exists after a reload is no longer reported
 * (its series ends, as a restarted process's would). Events of requests that were still running on the
 * old set when it was swapped out and finished after are not carried (a reload takes milliseconds).
 *
 * <p>Label cardinality is bounded: a processor's label is its {@code tag} when it has one of at most
 * {@value #MAX_TAG_CHARS} characters that no other processor of its pipeline has, else {@code
 * <position>:<type>} (its 0-based position in the pipeline's processor list, handlers after the
 * processor they serve, as the stats API lists them); past {@value #MAX_SERIES} processors in all,
 * the rest are summed under {@code processor="_other"} of their pipeline. Thread-safe.
 */
final class ProcessorMetrics {
  /** Most processors reported one by one: hundreds of pipelines of a dozen processors each, far below what a scrape carries. */
  static final int MAX_SERIES = 2_000;
  /** Longest tag used as a label; a longer one is a description, not a name. */
  static final int MAX_TAG_CHARS = 64;
  /** The label of processors past {@link #MAX_SERIES}. */
  static final String OTHER = "_other";
  private static final String[] OUTCOMES = {"in", "out", "dropped", "failed", "skipped"};
  private static final int NANOS = OUTCOMES.length;

  private final Supplier<PipelineSet> current;
  /** Totals of the sets swapped out, by pipeline and label: in, out, dropped, failed, skipped, nanos. */
  private final Map<Key, long[]> carried = new LinkedHashMap<>();

  /** The pipeline and label a processor is reported under. */
  record Key(String pipeline, String processor) {}

  /** @param current the set loaded now */
  ProcessorMetrics(Supplier<PipelineSet> current) {
    this.current = current;
  }

  void register(PrometheusRegistry registry) {
    CounterWithCallback.builder().name("corral_pipeline_processor_events_total")
        .help("Events per processor of each pipeline since start, by outcome: in (its condition held), out (passed on), "
            + "dropped, failed, skipped (its condition did not hold)")
        .labelNames("pipeline", "processor", "outcome")
        .callback(callback -> totals().forEach((key, counts) -> {
          for (int i = 0; i < OUTCOMES.length; i++) {
            callback.call(counts[i], key.pipeline(), key.processor(), OUTCOMES[i]);
          }
        })).register(registry);
    CounterWithCallback.builder().name("corral_pipeline_processor_seconds_total")
        .help("Time spent in each processor of each pipeline since start, in seconds")
        .labelNames("pipeline", "processor")
        .callback(callback -> totals().forEach((key, counts) ->
            callback.call(counts[NANOS] / 1e9, key.pipeline(), key.processor()))).register(registry);
  }

  /**
   * Carries the totals of {@code old}, which is being swapped out for {@code next}: those of
   * processors {@code next} still has (same pipeline and label) are kept, the others forgotten.
   */
  synchronized void retire(PipelineSet old, PipelineSet next) {
    Map<Key, long[]> totals = totals(old);
    Set<Key> kept = labelled(next).keySet();
    carried.keySet().retainAll(kept);
    totals.forEach((key, counts) -> {
      if (kept.contains(key)) {
        add(carried.computeIfAbsent(key, k -> new long[NANOS + 1]), counts);
      }
    });
  }

  /** Every reported processor's totals since start: the set now loaded plus what earlier sets carried. */
  synchronized Map<Key, long[]> totals() {
    Map<Key, long[]> totals = totals(current.get());
    carried.forEach((key, counts) -> add(totals.computeIfAbsent(key, k -> new long[NANOS + 1]), counts));
    return totals;
  }

  private static Map<Key, long[]> totals(PipelineSet set) {
    Map<Key, long[]> totals = new LinkedHashMap<>();
    labelled(set).forEach((key, processors) -> {
      long[] counts = new long[NANOS + 1];
      for (ProcessorStats stats : processors) {
        add(counts, new long[] {stats.in(), stats.out(), stats.dropped(), stats.failed(), stats.skipped(), stats.nanos()});
      }
      totals.put(key, counts);
    });
    return totals;
  }

  /** The processors of {@code set} by the key they are reported under (several only under {@link #OTHER}). */
  private static Map<Key, List<ProcessorStats>> labelled(PipelineSet set) {
    Map<Key, List<ProcessorStats>> byKey = new LinkedHashMap<>();
    int series = 0;
    for (Pipeline pipeline : set.pipelines()) {
      List<String> labels = labels(pipeline.stats());
      List<ProcessorStats> processors = pipeline.stats().processors();
      for (int i = 0; i < processors.size(); i++) {
        String label = series < MAX_SERIES ? labels.get(i) : OTHER;
        if (!label.equals(OTHER)) {
          series++;
        }
        byKey.computeIfAbsent(new Key(pipeline.id(), label), key -> new ArrayList<>()).add(processors.get(i));
      }
    }
    return byKey;
  }

  /** The label of each processor of a pipeline, in order: its tag when usable and unique, else {@code <position>:<type>}. */
  static List<String> labels(PipelineStats pipeline) {
    Set<String> seen = new HashSet<>();
    Set<String> repeated = new HashSet<>();
    for (ProcessorStats processor : pipeline.processors()) {
      if (processor.tag() != null && !seen.add(processor.tag())) {
        repeated.add(processor.tag());
      }
    }
    List<String> labels = new ArrayList<>(pipeline.processors().size());
    for (int i = 0; i < pipeline.processors().size(); i++) {
      String tag = pipeline.processors().get(i).tag();
      boolean usable = tag != null && !tag.isBlank() && tag.length() <= MAX_TAG_CHARS && !repeated.contains(tag)
          && !tag.equals(OTHER);
      labels.add(usable ? tag : i + ":" + pipeline.processors().get(i).type());
    }
    return labels;
  }

  private static void add(long[] into, long[] counts) {
    for (int i = 0; i < into.length; i++) {
      into[i] += counts[i];
    }
  }
}
