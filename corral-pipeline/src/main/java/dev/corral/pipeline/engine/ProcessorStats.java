package dev.corral.pipeline.engine;

/**
 * A snapshot of one processor's counters since its pipeline was built.
 *
 * @param pipeline the pipeline's id
 * @param where the processor's position and type as in messages ({@code pipeline 'nginx',
 *     processor 2 (grok) at line 7})
 * @param type the processor type
 * @param tag its {@code tag}, or null
 * @param in events it ran on (its condition held)
 * @param out events it kept and passed on
 * @param dropped events it dropped ({@code drop}, {@code sample})
 * @param failed events it failed (handled or not)
 * @param skipped events its condition did not select
 * @param nanos time spent in it, in nanoseconds
 */
public record ProcessorStats(String pipeline, String where, String type, String tag, long in, long out, long dropped,
    long failed, long skipped, long nanos) {}
