package dev.corral.pipeline.engine;

import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one processor of a pipeline: events out (kept and passed on), dropped, failed,
 * skipped (its condition did not hold), and the nanoseconds spent in it. Events in (its condition
 * held) are not counted apart: every event that runs it ends as exactly one of out, dropped and
 * failed, so "in" is their sum, one increment per event fewer on the ingest path. Thread-safe:
 * events of one pipeline run on several threads at once.
 */
final class StepMetrics {
  final LongAdder out = new LongAdder();
  final LongAdder dropped = new LongAdder();
  final LongAdder failed = new LongAdder();
  final LongAdder skipped = new LongAdder();
  final LongAdder nanos = new LongAdder();
}
