/**
 * {@code corral bench}: an end-to-end benchmark of Corral on the machine it runs on. A
 * deterministic NDJSON dataset is streamed to batch files on disk, a Corral server is started as a
 * child process, the batches are ingested over HTTP, storage and process resources are read, and a
 * fixed set of queries is timed. Each system under test is a {@link dev.corral.bench.Peer}: Corral
 * itself, then comparison peers on the same dataset — grep across files ({@link
 * dev.corral.bench.GrepPeer}), raw Lucene ({@link dev.corral.bench.LucenePeer}) and a real
 * OpenSearch node in its own JVM ({@link dev.corral.bench.OpenSearchPeer}); then the mixed phase
 * ({@link dev.corral.bench.MixedPhase}) times the queries while a fresh peer ingests at a paced rate. The
 * dataset is the demo's shop fleet or id-heavy events ({@link dev.corral.bench.RandomIdEvents}). The results go out as a
 * Markdown table, a JSON file and a PNG chart ({@link dev.corral.bench.ResultsChart}). The JMH
 * micro-benchmarks of the hot paths live in {@code dev.corral.bench.micro}.
 */
package dev.corral.bench;
