package dev.corral.bench;

/**
 * Disk and process figures of a peer after ingest.
 *
 * @param indexBytes bytes of the searchable store on disk
 * @param logBytes bytes of the write-ahead log (or translog) on disk
 * @param dataDirectoryBytes every file under the peer's data directory (index, log and whatever else it keeps)
 * @param peakRssBytes peak resident set size of the peer's process, or -1 when unknown
 * @param cpuSeconds user + system CPU seconds the peer's process used so far, or -1 when unknown
 * @param peakHeapAfterGcBytes largest heap occupancy after a collection ({@link GcLog}), or -1
 *     when unknown
 */
public record Footprint(long indexBytes, long logBytes, long dataDirectoryBytes, long peakRssBytes, double cpuSeconds,
    long peakHeapAfterGcBytes) {}
