package dev.corral.bench;

/**
 * Disk and process figures of a peer after ingest.
 *
 * @param indexBytes bytes of the searchable store on disk
 * @param logBytes bytes of the write-ahead log (or translog) on disk
 * @param peakRssBytes peak resident set size of the peer's process, or -1 when unknown
 * @param cpuSeconds user + system CPU seconds the peer's process used so far, or -1 when unknown
 */
public record Footprint(long indexBytes, long logBytes, long peakRssBytes, double cpuSeconds) {}
