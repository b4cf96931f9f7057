package dev.corral.pipeline.engine;

import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one processor of a pipeline: events in (its condition held), out (kept and
 * passed on), dropped, failed, and the nanoseconds spent in it. Thread-safe: events of one
 * pipeline run on several threads at once.
 */
final class StepMetrics {
  final LongAdder in = new LongAdder();
  final LongAdder out = new LongAdder();
  final LongAdder dropped = new LongAdder();
  final LongAdder failed = new LongAdder();
  final LongAdder skipped = new LongAdder();
  final LongAdder nanos = new LongAdder();
}
