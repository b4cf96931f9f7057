/**
 * JMH micro-benchmarks of Corral's hot paths, run by {@code corral bench --micro}
 * ({@link dev.corral.bench.micro.MicroBenchmarks}), never by the build: decoding and normalizing
 * one JSON event ({@link dev.corral.bench.micro.DecodeBenchmark}), a durable WAL append with group
 * commit ({@link dev.corral.bench.micro.WalAppendBenchmark}), building one Lucene document
 * ({@link dev.corral.bench.micro.DocumentBuildBenchmark}) and parsing a query
 * ({@link dev.corral.bench.micro.QueryParseBenchmark}). Inputs come from the simulated shop fleet
 * ({@link dev.corral.bench.micro.FleetSample}), so they are realistic and the same on every run.
 *
 * <p>Each benchmark class is its own JMH state: a {@code @Setup} method prepares the input, and a
 * unit test runs that setup and one benchmark call, so a benchmark that no longer works fails
 * {@code mvn verify} even though verify never measures anything.
 */
package dev.corral.bench.micro;
