/**
 * A synthetic fleet of shop microservices that logs into Corral through the public ingest API,
 * so that {@code corral demo} shows realistic data within seconds of start.
 *
 * <p>{@link dev.corral.demo.FleetSimulator} is the pure part: from a seed and a simulated start
 * instant it produces the same JSON lines every time — request traces that fan out over two to
 * six services, access, external-call, background and business logs, multi-line stack traces,
 * and periodic incidents (a payment-gateway error burst that cascades upstream, a slow
 * database). Services log in six different shapes (the three seed schemas, python-json-logger,
 * logstash-logback-encoder, ECS) so that normalization is exercised.
 *
 * <p>{@link dev.corral.demo.DemoFleet} drives the simulator in real time at the configured rate
 * and ships NDJSON batches to {@code POST /api/v1/ingest}, retrying on 429/503/507 and on
 * connection failures, dropping the oldest batches when the server stays away.
 */
package dev.corral.demo;
